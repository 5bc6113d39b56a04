import { Box, Text } from 'ink';
import { memo } from 'react';

/**
 * The decision-boundary map (lines from decision-grid.ts, already coloured) under a title: one <Text> for
 * all lines, and no redraw while the lines stay the same array (they change at most every 500 ms).
 */
export const Heatmap = memo(function Heatmap({ lines, title }: { readonly lines: readonly string[]; readonly title: string }) {
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text bold wrap="truncate-end">{title}</Text>
      <Text>{lines.join('\n')}</Text>
    </Box>
  );
});
