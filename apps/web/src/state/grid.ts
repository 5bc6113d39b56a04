// The square of the plane the heatmaps cover, and the grid of points the worker evaluates on it.
// Row r of the grid is at the TOP of the picture for r = 0 (canvas order), so x2 decreases with r.

/** Half-width of the shown square: points live in about [−6, 6]² (TensorFlow Playground's range). */
export const DOMAIN = 6;

/** Cells per side of the evaluation grid (the heatmap is drawn scaled up and smoothed). */
export const GRID = 40;

/** The grid's points, GRID² × 2 row-major: cell (r, c) is at its centre. */
export function gridPoints(size = GRID, domain = DOMAIN): Float32Array {
  const out = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      out[2 * i] = -domain + ((c + 0.5) / size) * 2 * domain;
      out[2 * i + 1] = domain - ((r + 0.5) / size) * 2 * domain;
    }
  }
  return out;
}

/** Plane coordinates of a pixel (px, py) on a square canvas of side `side`. */
export function toPlane(px: number, py: number, side: number, domain = DOMAIN): { x: number; y: number } {
  return { x: -domain + (px / side) * 2 * domain, y: domain - (py / side) * 2 * domain };
}

/** Canvas pixel of a plane point on a square canvas of side `side`. */
export function toPixel(x: number, y: number, side: number, domain = DOMAIN): { px: number; py: number } {
  return { px: ((x + domain) / (2 * domain)) * side, py: ((domain - y) / (2 * domain)) * side };
}
