import { Box, Text } from 'ink';

export const KEYS: readonly (readonly [string, string])[] = [
  ['p', 'pause / resume'],
  ['s', 'save a checkpoint'],
  ['+ / -', 'learning rate ×1.5 / ÷1.5'],
  ['q', 'quit (asks to save when unsaved)'],
  ['?', 'this help'],
  ['Ctrl-C', 'stop now (saves with --save)'],
];

const HINTS = 'p pause · s checkpoint · +/- learning rate · q quit · ? help';
/** The same keys for narrow terminals (under 60 columns the long line would wrap). */
const SHORT_HINTS = 'p pause · s save · +/- lr · q quit · ? help';
/** Under 44 columns: pause, quit and the help that lists the rest. */
const TINY_HINTS = 'p pause · q quit · ? help';

/** One dim line of keys (short when `width` is under the long line's length), or the full help box. */
export function KeyHelp({ full, width = Number.POSITIVE_INFINITY }: { readonly full: boolean; readonly width?: number }) {
  if (!full) return <Text dimColor wrap="truncate-end">{width > HINTS.length ? HINTS : width > SHORT_HINTS.length ? SHORT_HINTS : TINY_HINTS}</Text>;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>keys</Text>
      {KEYS.map(([key, what]) => (
        // Cut, not wrapped, in a narrow terminal: a wrapped line would make the frame taller than planned.
        <Text key={key} wrap="truncate-end">
          <Text color="cyan">{key.padEnd(8)}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
