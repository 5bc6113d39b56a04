// Braille line charts: each character is a 2 × 4 grid of dots (U+2800 + bits), so a w × h character
// chart has 2w × 4h dots. Pure functions; LossChart.tsx colours them.

const DOT = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const; // DOT[row][col] within a cell

/** One chart cell: its braille character and the series that drew in it first (−1 for none). */
export interface Cell {
  readonly char: string;
  readonly series: number;
}

/** The y range over every finite value of the series, padded when flat; undefined when there is nothing to draw. */
export function range(series: readonly (readonly number[])[]): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (const v of s) {
      if (!Number.isFinite(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (min > max) return undefined;
  if (max - min < 1e-12) return { min: min - 0.5 * (Math.abs(min) || 1), max: max + 0.5 * (Math.abs(max) || 1) };
  return { min, max };
}

/**
 * Draws the series into a `width` × `height` grid of braille cells. The x axis spans the longest
 * series (rescaled as it grows), the y axis spans [min, max] of every series (rescaled too).
 */
export function brailleChart(series: readonly (readonly number[])[], width: number, height: number): { rows: Cell[][]; min: number; max: number } | undefined {
  const r = range(series);
  if (!r) return undefined;
  const bits = Array.from({ length: height }, () => new Array<number>(width).fill(0));
  const owner = Array.from({ length: height }, () => new Array<number>(width).fill(-1));
  const dotsX = width * 2;
  const dotsY = height * 4;
  const length = Math.max(...series.map((s) => s.length));
  const xOf = (i: number) => (length <= 1 ? 0 : Math.round((i / (length - 1)) * (dotsX - 1)));
  const yOf = (v: number) => Math.round(((r.max - v) / (r.max - r.min)) * (dotsY - 1));
  const plot = (x: number, y: number, s: number) => {
    const cx = Math.floor(x / 2);
    const cy = Math.floor(y / 4);
    bits[cy]![cx]! |= DOT[y % 4]![x % 2]!;
    if (owner[cy]![cx] === -1) owner[cy]![cx] = s;
  };
  series.forEach((values, s) => {
    let prev: [number, number] | undefined;
    values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        prev = undefined;
        return;
      }
      const point: [number, number] = [xOf(i), yOf(v)];
      if (prev) {
        // Join consecutive points with a straight run of dots so steep drops stay visible.
        const steps = Math.max(Math.abs(point[0] - prev[0]), Math.abs(point[1] - prev[1]), 1);
        for (let k = 0; k <= steps; k++) plot(Math.round(prev[0] + ((point[0] - prev[0]) * k) / steps), Math.round(prev[1] + ((point[1] - prev[1]) * k) / steps), s);
      } else plot(point[0], point[1], s);
      prev = point;
    });
  });
  const rows = bits.map((row, y) => row.map((b, x) => ({ char: String.fromCharCode(0x2800 + b), series: owner[y]![x]! })));
  return { rows, min: r.min, max: r.max };
}

/** Keeps at most `n` points by averaging neighbours (long runs of batch losses). */
export function downsample(values: readonly number[], n: number): number[] {
  if (values.length <= n) return [...values];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const from = Math.floor((i * values.length) / n);
    const to = Math.floor(((i + 1) * values.length) / n);
    let sum = 0;
    let k = 0;
    for (let j = from; j < to; j++) {
      if (!Number.isFinite(values[j]!)) continue;
      sum += values[j]!;
      k++;
    }
    out.push(k > 0 ? sum / k : Number.NaN);
  }
  return out;
}
