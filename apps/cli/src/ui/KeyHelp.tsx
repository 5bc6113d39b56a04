import { Box, Text } from 'ink';

export const KEYS: readonly (readonly [string, string])[] = [
  ['p', 'pause / resume'],
  ['s', 'save a checkpoint'],
  ['+ / -', 'learning rate ×1.5 / ÷1.5'],
  ['q', 'quit (asks to save when unsaved)'],
  ['?', 'this help'],
  ['Ctrl-C', 'stop now (saves when --save was given)'],
];

/** One dim line of keys, or the full help box. */
export function KeyHelp({ full }: { readonly full: boolean }) {
  if (!full) return <Text dimColor>p pause · s checkpoint · +/- learning rate · q quit · ? help</Text>;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>keys</Text>
      {KEYS.map(([key, what]) => (
        <Text key={key}>
          <Text color="cyan">{key.padEnd(8)}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
