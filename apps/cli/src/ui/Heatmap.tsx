import { Box, Text } from 'ink';

/** The decision-boundary map (lines from heatmap.ts, already coloured) under a title. */
export function Heatmap({ lines, title }: { readonly lines: readonly string[]; readonly title: string }) {
  return (
    <Box flexDirection="column">
      <Text bold>{title}</Text>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
        <Text key={i}>{line}</Text>
      ))}
    </Box>
  );
}
