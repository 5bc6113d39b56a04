import { Matrix, type Network } from '@backprop/core';

// The decision-boundary map: the network evaluated on a grid over the data's bounding box, drawn with
// upper-half blocks (▀: foreground = upper pixel, background = lower pixel), so a w × h character map
// holds w × 2h pixels. The data points are drawn over it as ● in their class colour.

export const PALETTE: readonly (readonly [number, number, number])[] = [
  [66, 135, 245],
  [245, 145, 50],
  [60, 190, 90],
  [220, 60, 70],
  [170, 110, 230],
  [150, 110, 80],
  [230, 110, 190],
  [150, 150, 150],
  [190, 190, 50],
  [50, 190, 200],
];
const BACKGROUND: readonly [number, number, number] = [20, 20, 24];

export interface Bounds {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** The bounding box of the first two columns, padded by 5 %. */
export function boundsOf(X: Matrix): Bounds {
  let xMin = Number.POSITIVE_INFINITY;
  let xMax = Number.NEGATIVE_INFINITY;
  let yMin = Number.POSITIVE_INFINITY;
  let yMax = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < X.rows; r++) {
    const x = X.data[r * X.cols]!;
    const y = X.data[r * X.cols + 1]!;
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  const px = (xMax - xMin || 1) * 0.05;
  const py = (yMax - yMin || 1) * 0.05;
  return { xMin: xMin - px, xMax: xMax + px, yMin: yMin - py, yMax: yMax + py };
}

/** Per pixel: the predicted class and its confidence (or, for a linear output, the value scaled to [0, 1] as class −1). */
export interface Grid {
  readonly cols: number;
  readonly rows: number;
  readonly cls: Int32Array;
  readonly level: Float32Array;
}

/** Evaluates the network on a cols × rows pixel grid (row 0 at the top = largest y). */
export function decisionGrid(net: Network, bounds: Bounds, cols: number, rows: number): Grid {
  const X = Matrix.zeros(cols * rows, 2, net.dtype);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      X.data[2 * i] = bounds.xMin + ((c + 0.5) / cols) * (bounds.xMax - bounds.xMin);
      X.data[2 * i + 1] = bounds.yMax - ((r + 0.5) / rows) * (bounds.yMax - bounds.yMin);
    }
  }
  const yHat = net.predict(X);
  const cls = new Int32Array(cols * rows);
  const level = new Float32Array(cols * rows);
  if (net.output === 'linear') {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < cls.length; i++) {
      lo = Math.min(lo, yHat.data[i * yHat.cols]!);
      hi = Math.max(hi, yHat.data[i * yHat.cols]!);
    }
    for (let i = 0; i < cls.length; i++) {
      cls[i] = -1;
      level[i] = hi > lo ? (yHat.data[i * yHat.cols]! - lo) / (hi - lo) : 0.5;
    }
    return { cols, rows, cls, level };
  }
  for (let i = 0; i < cls.length; i++) {
    if (yHat.cols === 1) {
      const p = yHat.data[i]!;
      cls[i] = p >= 0.5 ? 1 : 0;
      level[i] = p >= 0.5 ? p : 1 - p;
    } else {
      let best = 0;
      for (let k = 1; k < yHat.cols; k++) if (yHat.data[i * yHat.cols + k]! > yHat.data[i * yHat.cols + best]!) best = k;
      cls[i] = best;
      level[i] = yHat.data[i * yHat.cols + best]!;
    }
  }
  return { cols, rows, cls, level };
}

const mix = (a: readonly number[], b: readonly number[], t: number) => a.map((v, k) => Math.round(v + (b[k]! - v) * t)) as [number, number, number];

/**
 * Shades per class. Neighbouring pixels then often share a colour, so a line needs far fewer colour
 * codes: each one costs the terminal renderer (Ink tokenises every code on every redraw).
 */
const SHADES = 8;
const shade = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * SHADES) / SHADES;

/** The colour of one pixel: the class colour, brighter where the network is more confident (in {@link SHADES} steps). */
export function pixelColor(cls: number, level: number, classes: number): [number, number, number] {
  if (cls < 0) return mix(PALETTE[0]!, PALETTE[1]!, shade(level)).map((v) => Math.round(v * 0.55)) as [number, number, number];
  const chance = 1 / Math.max(2, classes);
  const confidence = shade((level - chance) / (1 - chance));
  return mix(BACKGROUND, PALETTE[cls % PALETTE.length]!, 0.15 + 0.4 * confidence);
}

const fg = (c: readonly number[]) => `\u001b[38;2;${c[0]};${c[1]};${c[2]}m`;
const bg = (c: readonly number[]) => `\u001b[48;2;${c[0]};${c[1]};${c[2]}m`;
const RESET = '\u001b[39;49m';

/** The map as one ANSI string per character row, with the points (x, y, class) drawn over it. */
export function heatmapLines(grid: Grid, classes: number, bounds: Bounds, points: readonly (readonly [number, number, number])[], colour = true): string[] {
  const charRows = grid.rows / 2;
  const dots = new Map<number, number>();
  for (const [x, y, c] of points) {
    const col = Math.floor(((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * grid.cols);
    const row = Math.floor(((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * charRows);
    if (col >= 0 && col < grid.cols && row >= 0 && row < charRows) dots.set(row * grid.cols + col, c);
  }
  // A small map under many points (a 13 × 4 map in an 80-column terminal, 300 points) was all ●, hiding the
  // regions it is there to show: keep at most a third of the cells marked, every k-th in reading order.
  const cap = Math.max(1, Math.floor((grid.cols * charRows) / 3));
  if (dots.size > cap) {
    const k = Math.ceil(dots.size / cap);
    [...dots.keys()].sort((a, b) => a - b).forEach((cell, i) => {
      if (i % k !== 0) dots.delete(cell);
    });
  }
  if (!colour) return plainHeatmap(grid, charRows, dots);
  const lines: string[] = [];
  for (let r = 0; r < charRows; r++) {
    let line = '';
    // Emit a colour code only where the foreground or background changes.
    let fgNow = '';
    let bgNow = '';
    for (let c = 0; c < grid.cols; c++) {
      const top = r * 2 * grid.cols + c;
      const bottom = top + grid.cols;
      const up = pixelColor(grid.cls[top]!, grid.level[top]!, classes);
      const down = pixelColor(grid.cls[bottom]!, grid.level[bottom]!, classes);
      const dot = dots.get(r * grid.cols + c);
      const f = dot === undefined ? fg(up) : fg(PALETTE[dot % PALETTE.length]!);
      const b = dot === undefined ? bg(down) : bg(mix(up, down, 0.5));
      if (f !== fgNow) {
        line += f;
        fgNow = f;
      }
      if (b !== bgNow) {
        line += b;
        bgNow = b;
      }
      line += dot === undefined ? '▀' : '●';
    }
    lines.push(line + RESET);
  }
  return lines;
}

/** Regions by shade (class 0 blank, then ░ ▒ ▓ █ …), points as their class digit: the map without colour (NO_COLOR). */
const REGION = [' ', '░', '▒', '▓', '█'];

function plainHeatmap(grid: Grid, charRows: number, dots: ReadonlyMap<number, number>): string[] {
  const lines: string[] = [];
  for (let r = 0; r < charRows; r++) {
    let line = '';
    for (let c = 0; c < grid.cols; c++) {
      const dot = dots.get(r * grid.cols + c);
      const cls = grid.cls[r * 2 * grid.cols + c]!;
      line += dot !== undefined ? String(dot % 10) : cls < 0 ? REGION[Math.min(4, Math.floor(grid.level[r * 2 * grid.cols + c]! * 5))]! : REGION[cls % REGION.length]!;
    }
    lines.push(line);
  }
  return lines;
}
