import type { LayerInfo } from '@backprop/core';
import { Box, Text } from 'ink';
import { count } from '../format.js';

/** The architecture: one row per layer with its weight shape, parameter count and activation. */
export function LayerTable({ inputs, layers }: { readonly inputs: number; readonly layers: readonly LayerInfo[] }) {
  const total = layers.reduce((n, l) => n + l.parameters, 0);
  const rows = layers.map((l) => [`${l.layer}`, `${l.units}×${l.fanIn}`, count(l.parameters), l.activation]);
  const widths = [5, Math.max(7, ...rows.map((r) => r[1]!.length)), Math.max(6, ...rows.map((r) => r[2]!.length)), 10];
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return (
    <Box flexDirection="column">
      <Text bold>{`layers · input ${inputs} · ${count(total)} parameters`}</Text>
      <Text dimColor>{line(['layer', 'W', 'params', 'activation'])}</Text>
      {rows.map((r) => (
        <Text key={r[0]}>{line(r)}</Text>
      ))}
    </Box>
  );
}
