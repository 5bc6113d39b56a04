import { Box, Text } from 'ink';
import { memo } from 'react';
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
  /** Colour the lines (default true); off for NO_COLOR, where the legend's marks tell the series apart. */
  readonly colour?: boolean;
}

const ANSI: Readonly<Record<string, number>> = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37 };

/**
 * One chart row as a single string with ANSI colours per run of cells: one <Text> per row keeps Ink's
 * layout work (the dashboard's main redraw cost) small.
 */
export function colorRow(row: readonly Cell[], colors: readonly string[], colour = true): string {
  if (!colour) return row.map((cell) => cell.char).join('');
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

const DIM = '\u001b[2m';
const UNDIM = '\u001b[22m';

/**
 * The chart body as one string: a dim y label and axis, then the coloured braille row, per line. One
 * <Text> for the whole body (not three per row) keeps React and Yoga work per redraw small.
 */
export function chartBody(series: readonly Series[], width: number, height: number, format: (v: number) => string, colour = true): string | undefined {
  const chart = brailleChart(
    series.map((s) => s.values),
    width,
    height,
  );
  if (!chart) return undefined;
  const labelWidth = 9;
  const colors = series.map((s) => s.color);
  return chart.rows
    .map((row, y) => {
      const label = (y === 0 ? format(chart.max) : y === height - 1 ? format(chart.min) : '').padStart(labelWidth - 1);
      return colour ? `${DIM}${label} │${UNDIM}${colorRow(row, colors)}` : `${label} │${colorRow(row, colors, false)}`;
    })
    .join('\n');
}

/** Same chart, same values (by identity): skip the redraw. The dashboard keeps unchanged series' arrays. */
const sameChart = (a: LossChartProps, b: LossChartProps) =>
  a.title === b.title &&
  a.width === b.width &&
  a.height === b.height &&
  a.format === b.format &&
  a.colour === b.colour &&
  a.series.length === b.series.length &&
  a.series.every((s, i) => s.values === b.series[i]!.values && s.name === b.series[i]!.name && s.color === b.series[i]!.color);

/** A braille line chart that rescales both axes as values arrive; the y range is printed at the left. */
export const LossChart = memo(function LossChart({ title, series, width = 40, height = 6, format = num, colour = true }: LossChartProps) {
  const body = chartBody(series, width, height, format, colour);
  // The legend is cut to the chart's width (label column included), so a long value never widens the box.
  return (
    <Box flexDirection="column" width={width + 10}>
      <Text wrap="truncate-end">
        <Text bold>{title}</Text>
        {series.map((s) => (
          <Text key={s.name} color={s.color}>{`  ━ ${s.name}${s.values.length > 0 ? ` ${format(s.values[s.values.length - 1]!)}` : ''}`}</Text>
        ))}
      </Text>
      {body === undefined ? <Text dimColor>{'  waiting for the first values…'}</Text> : <Text>{body}</Text>}
    </Box>
  );
}, sameChart);
