// The rectangle of the plane the heatmaps cover, and the grid of points the worker evaluates on it.
// Row r of the grid is at the TOP of the picture for r = 0 (canvas order), so x2 decreases with r.

/** Half-width of the generated sets' square: points live in about [−6, 6]² (TensorFlow Playground's range). */
export const DOMAIN = 6;

/** Cells per side of the evaluation grid (the heatmap is drawn scaled up and smoothed). */
export const GRID = 40;

/** The part of the plane a plot shows: centre (cx, cy) and half-widths hx (along x1) and hy (along x2). */
export interface PlaneView {
  readonly cx: number;
  readonly cy: number;
  readonly hx: number;
  readonly hy: number;
}

/** The generated sets' view, [−6, 6]². */
export const DEFAULT_VIEW: PlaneView = { cx: 0, cy: 0, hx: DOMAIN, hy: DOMAIN };

/** Margin around fitted points, as a share of their extent, so none sits on the plot's edge. */
const MARGIN = 0.08;

/**
 * The view for 2-D points (N × 2, row-major), such as a CSV's: the generated sets' square when they lie
 * inside it and span at least a quarter of it, so playground-like data looks like the playground; otherwise
 * the rectangle around them with a margin (each axis in its own units: sizes in m² and prices in €
 * both fill the plot), so data of any scale or offset is seen, not a dot or nothing.
 */
export function viewFor(points: ArrayLike<number>): PlaneView {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const [x, y] = [points[i]!, points[i + 1]!];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  if (x0 > x1) return DEFAULT_VIEW;
  const inside = x0 >= -DOMAIN && x1 <= DOMAIN && y0 >= -DOMAIN && y1 <= DOMAIN;
  if (inside && Math.max(x1 - x0, y1 - y0) >= DOMAIN / 2) return DEFAULT_VIEW;
  // A flat axis (every x the same) still gets a width: a tenth of its size, or 1.
  const half = (lo: number, hi: number) => ((hi - lo) / 2) * (1 + MARGIN) || Math.max(Math.abs(lo) / 10, 1);
  return { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, hx: half(x0, x1), hy: half(y0, y1) };
}

/** The grid's points, size² × 2 row-major: cell (r, c) is at its centre. */
export function gridPoints(size = GRID, view: PlaneView = DEFAULT_VIEW): Float32Array {
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      out[2 * i] = view.cx - view.hx + ((c + 0.5) / size) * 2 * view.hx;
      out[2 * i + 1] = view.cy + view.hy - ((r + 0.5) / size) * 2 * view.hy;
    }
  }
  return out;
}

/** Plane coordinates of a pixel (px, py) on a square canvas of side `side`. */
export function toPlane(px: number, py: number, side: number, view: PlaneView = DEFAULT_VIEW): { x: number; y: number } {
  return { x: view.cx - view.hx + (px / side) * 2 * view.hx, y: view.cy + view.hy - (py / side) * 2 * view.hy };
}

/** Canvas pixel of a plane point on a square canvas of side `side`. */
export function toPixel(x: number, y: number, side: number, view: PlaneView = DEFAULT_VIEW): { px: number; py: number } {
  return { px: ((x - view.cx + view.hx) / (2 * view.hx)) * side, py: ((view.cy + view.hy - y) / (2 * view.hy)) * side };
}

/**
 * The step clicked points are rounded to: 0.01 on the generated sets' square, a power of ten about a
 * six-hundredth of the view's half-width in general (3 significant digits of the plot's range).
 */
export function clickStep(view: PlaneView, axis: 'x' | 'y'): number {
  const e = Math.floor(Math.log10((axis === 'x' ? view.hx : view.hy) / 600));
  return e < 0 ? 1 / 10 ** -e : 10 ** e; // 1 / 10⁴ is 0.0001; 10 ** −4 is 0.00009999999999999999
}
