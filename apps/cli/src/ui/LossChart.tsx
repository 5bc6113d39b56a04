import { Box, Text } from 'ink';
import { num } from '../format.js';
import { type Cell, brailleChart } from './chart.js';

export interface Series {
  readonly name: string;
  readonly values: readonly number[];
  readonly color: string;
}

export interface LossChartProps {
  readonly title: string;
  readonly series: readonly Series[];
  readonly width?: number;
  readonly height?: number;
  /** Formats the axis labels (default: 4 significant digits). */
  readonly format?: (v: number) => string;
}

const ANSI: Readonly<Record<string, number>> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37 };

/**
 * One chart row as a single string with ANSI colours per run of cells: one <Text> per row keeps Ink's
 * layout work (the dashboard's main redraw cost) small.
 */
export function colorRow(row: readonly Cell[], colors: readonly string[]): string {
  let out = '';
  let current = -1;
  for (const cell of row) {
    if (cell.series !== current) {
      const code = cell.series >= 0 ? ANSI[colors[cell.series] ?? ''] : undefined;
      out += code ? `\u001b[${code}m` : '\u001b[39m';
      current = cell.series;
    }
    out += cell.char;
  }
  return `${out}\u001b[39m`;
}

/** A braille line chart that rescales both axes as values arrive; the y range is printed at the left. */
export function LossChart({ title, series, width = 40, height = 6, format = num }: LossChartProps) {
  const chart = brailleChart(
    series.map((s) => s.values),
    width,
    height,
  );
  const labelWidth = 9;
  return (
    <Box flexDirection="column">
      <Box>
        <Text bold>{title}</Text>
        {series.map((s) => (
          <Text key={s.name} color={s.color}>{`  ━ ${s.name}${s.values.length > 0 ? ` ${format(s.values[s.values.length - 1]!)}` : ''}`}</Text>
        ))}
      </Box>
      {chart ? (
        chart.rows.map((row, y) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <Box key={y}>
            <Text dimColor>{(y === 0 ? format(chart.max) : y === height - 1 ? format(chart.min) : '').padStart(labelWidth - 1)} </Text>
            <Text dimColor>│</Text>
            <Text>
              {colorRow(
                row,
                series.map((s) => s.color),
              )}
            </Text>
          </Box>
        ))
      ) : (
        <Text dimColor>{'  waiting for the first values…'}</Text>
      )}
    </Box>
  );
}
