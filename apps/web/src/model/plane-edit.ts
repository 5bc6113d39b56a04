import { clickStep, DEFAULT_VIEW, type PlaneView } from '../state/grid.js';

// Editing the data on the plane, by mouse or keyboard, and reading the network's output at a point.
// Mouse and keys share one convention: plain = class 0 (regression: −1), Shift or the secondary button =
// class 1 (+1), Ctrl = class 2 when there are three or more classes; Alt-click or Delete removes.

/** The modifier state of a click or a key press. */
export interface Modifiers {
  readonly shift: boolean;
  readonly ctrl: boolean;
  /** Right-click (mouse) — same as Shift. */
  readonly secondary: boolean;
}

/** The label a new point gets: a class index, or the regression target −1 / +1. */
export function labelFor(m: Modifiers, task: 'classification' | 'regression', classes: number | undefined): number {
  if (m.ctrl && task === 'classification' && (classes ?? 0) > 2) return 2;
  const second = m.shift || m.secondary;
  if (task === 'regression') return second ? 1 : -1;
  return second ? 1 : 0;
}

/**
 * Index of the point (N × 2, row-major) nearest (x, y) within `radius`, or −1. Distances are measured in
 * the view's x units, the y axis scaled to them (a view may show each axis in its own units).
 */
export function nearestPoint(points: ArrayLike<number>, x: number, y: number, radius: number, view: PlaneView = DEFAULT_VIEW): number {
  const sy = view.hx / view.hy;
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < points.length / 2; i++) {
    const d = (points[2 * i]! - x) ** 2 + ((points[2 * i + 1]! - y) * sy) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  }
  return best;
}

/** Arrow-key step of the keyboard cursor, as a share of the view's half-width (0.25 on [−6, 6]²; Shift: BIG_STEP, 1). */
export const STEP = 1 / 24;
export const BIG_STEP = 1 / 6;

/** `v` rounded to a multiple of `step` (a power of ten), without binary noise (0.3, not 0.30000000000000004). */
export function roundTo(v: number, step: number): number {
  if (step >= 1) return Math.round(v / step) * step;
  const k = Math.round(1 / step);
  return Math.round(v * k) / k;
}

/** The cursor after an arrow key (clamped to the view), or undefined for any other key. */
export function moveCursor(c: { x: number; y: number }, key: string, big: boolean, view: PlaneView = DEFAULT_VIEW): { x: number; y: number } | undefined {
  const share = big ? BIG_STEP : STEP;
  const [dx, dy] = [share * view.hx, share * view.hy];
  const delta: Record<string, [number, number]> = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
  const m = delta[key];
  if (!m) return undefined;
  const clamp = (v: number, centre: number, half: number, step: number) => Math.max(centre - half, Math.min(centre + half, roundTo(v, step)));
  return { x: clamp(c.x + m[0], view.cx, view.hx, clickStep(view, 'x')), y: clamp(c.y + m[1], view.cy, view.hy, clickStep(view, 'y')) };
}

const fmt = (v: number) => v.toFixed(4);
/** A coordinate for reading: `digits` decimals (2 on the generated sets' square), a true minus sign. */
export const coord = (v: number, digits = 2) => v.toFixed(digits).replace('-', '−');

/** Decimals that show a view's click step on an axis (2 for 0.01, 0 for 10). */
export const digitsFor = (view: PlaneView, axis: 'x' | 'y'): number => Math.max(0, -Math.log10(clickStep(view, axis)));

/**
 * The network's output ŷ at a point in words: the value (regression), P(class 1), or the class probabilities;
 * by the classes' names when given (a CSV's: "P(big, small) = (…) → small"), else by their numbers.
 */
export function describeOutput(yHat: ArrayLike<number>, task: 'classification' | 'regression', classNames?: readonly string[]): string {
  const v = Array.from(yHat);
  if (task === 'regression') return `ŷ = ${fmt(v[0]!)}`;
  const names = classNames && classNames.length === Math.max(2, v.length) ? classNames : undefined;
  if (v.length === 1) return names ? `P(${names[1]}) = ${fmt(v[0]!)} → ${names[v[0]! >= 0.5 ? 1 : 0]}` : `P(class 1) = ${fmt(v[0]!)} → class ${v[0]! >= 0.5 ? 1 : 0}`;
  const best = v.indexOf(Math.max(...v));
  if (names) return `P(${names.join(', ')}) = (${v.map(fmt).join(', ')}) → ${names[best]}`;
  return `P(class 0…${v.length - 1}) = (${v.map(fmt).join(', ')}) → class ${best}`;
}
