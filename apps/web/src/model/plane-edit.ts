import { DOMAIN } from '../state/grid.js';

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

/** Index of the point (N × 2, row-major) nearest (x, y) within `radius`, or −1. */
export function nearestPoint(points: ArrayLike<number>, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < points.length / 2; i++) {
    const d = (points[2 * i]! - x) ** 2 + (points[2 * i + 1]! - y) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  }
  return best;
}

/** Arrow-key step of the keyboard cursor, in plane units (Shift: BIG_STEP). */
export const STEP = 0.25;
export const BIG_STEP = 1;

/** The cursor after an arrow key (clamped to the plane), or undefined for any other key. */
export function moveCursor(c: { x: number; y: number }, key: string, big: boolean): { x: number; y: number } | undefined {
  const d = big ? BIG_STEP : STEP;
  const delta: Record<string, [number, number]> = { ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] };
  const m = delta[key];
  if (!m) return undefined;
  const clamp = (v: number) => Math.max(-DOMAIN, Math.min(DOMAIN, Math.round(v * 100) / 100));
  return { x: clamp(c.x + m[0]), y: clamp(c.y + m[1]) };
}

const fmt = (v: number) => v.toFixed(4);
export const coord = (v: number) => v.toFixed(2).replace('-', '−');

/** The network's output ŷ at a point in words: the value (regression), P(class 1), or the class probabilities. */
export function describeOutput(yHat: ArrayLike<number>, task: 'classification' | 'regression'): string {
  const v = Array.from(yHat);
  if (task === 'regression') return `ŷ = ${fmt(v[0]!)}`;
  if (v.length === 1) return `P(class 1) = ${fmt(v[0]!)} → class ${v[0]! >= 0.5 ? 1 : 0}`;
  const best = v.indexOf(Math.max(...v));
  return `P(class 0…${v.length - 1}) = (${v.map(fmt).join(', ')}) → class ${best}`;
}
