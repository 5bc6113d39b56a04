import { expect, test } from 'vitest';
import { applyFeatures, inputCount, planeFeatureLabel } from './features.js';
import { DOMAIN, GRID, gridPoints, toPixel, toPlane } from './grid.js';

test('features follow the fixed order x, y, x², y², xy, sin x, sin y', () => {
  const out = applyFeatures([2, 3], ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny']);
  expect(Array.from(out)).toEqual(Array.from(Float32Array.from([2, 3, 4, 9, 6, Math.sin(2), Math.sin(3)])));
  expect(Array.from(applyFeatures([1, -1, 2, 5], ['xy']))).toEqual([-1, 10]);
});

test('no feature selected falls back to the raw point', () => {
  expect(inputCount([])).toBe(2);
  expect(Array.from(applyFeatures([1, 2], []))).toEqual([1, 2]);
});

test('grid cell (0, 0) is the top-left corner, and pixel ⇄ plane round-trips', () => {
  const g = gridPoints();
  expect(g.length).toBe(GRID * GRID * 2);
  expect(g[0]).toBeCloseTo(-DOMAIN + DOMAIN / GRID);
  expect(g[1]).toBeCloseTo(DOMAIN - DOMAIN / GRID);
  const { px, py } = toPixel(1.5, -2, 300);
  const back = toPlane(px, py, 300);
  expect(back.x).toBeCloseTo(1.5);
  expect(back.y).toBeCloseTo(-2);
});

test("a 2-column CSV's features are named by its columns beside their symbols; the toy sets keep the symbols", () => {
  const columns = ['area', 'year'];
  expect((['x', 'y', 'x2', 'xy', 'siny'] as const).map((f) => planeFeatureLabel(f, columns))).toEqual(['area (x₁)', 'year (x₂)', 'area² (x₁²)', 'area·year (x₁x₂)', 'sin year (sin x₂)']);
  expect(planeFeatureLabel('x')).toBe('x₁');
  expect(planeFeatureLabel('y2', [])).toBe('x₂²');
});
