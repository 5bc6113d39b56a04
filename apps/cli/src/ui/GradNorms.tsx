import { Box, Text } from 'ink';
import { num, percent } from '../format.js';
import type { LayerStat } from '../training/events.js';

const VANISHING = 1e-5;
const EXPLODING = 1e3;

/** Bar length on a log scale from 1e-6 to 1e3. */
function logBar(x: number, width: number): string {
  if (!(x > 0)) return ''.padEnd(width, '·');
  const share = Math.min(1, Math.max(0, (Math.log10(x) + 6) / 9));
  return '▬'.repeat(Math.max(1, Math.round(share * width))).padEnd(width, '·');
}

/** Per-layer ‖∇W‖ on a log scale with dead / saturated unit shares; vanishing or exploding norms turn red. */
export function GradNorms({ layers, width = 16 }: { readonly layers: readonly LayerStat[]; readonly width?: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>gradients · ‖∇W‖ (log) · dead · saturated</Text>
      {layers.map((l) => {
        const bad = l.gradNorm < VANISHING || l.gradNorm > EXPLODING || !Number.isFinite(l.gradNorm);
        const unhealthy = l.dead > 0.5 || l.saturated > 0.5;
        return (
          <Box key={l.layer}>
            <Text>{`W${l.layer}`.padEnd(4)}</Text>
            <Text color={bad ? 'red' : 'green'}>{logBar(l.gradNorm, width)}</Text>
            <Text {...(bad ? { color: 'red' } : {})}>{` ${num(l.gradNorm).padStart(9)}`}</Text>
            <Text {...(unhealthy ? { color: 'yellow' } : { dimColor: true })}>
              {`  ${percent(l.dead, 0).padStart(4)} dead  ${percent(l.saturated, 0).padStart(4)} sat`}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
