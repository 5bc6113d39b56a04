import { expect, test } from 'vitest';
import { loadData } from '../model/data.js';
import { defaultConfig } from './config.js';
import { DEFAULT_VIEW, DOMAIN, clickStep, gridPoints, toPixel, toPlane, viewFor } from './grid.js';

test('points that fill part of the [−6, 6]² square keep it: playground-like data looks like the playground', () => {
  expect(viewFor([-4, -4, 4, 3.5, 0, 1])).toBe(DEFAULT_VIEW);
  expect(viewFor([])).toBe(DEFAULT_VIEW);
  expect(viewFor([Number.NaN, 1])).toBe(DEFAULT_VIEW);
});

test('points of another scale or place get a view around them, each axis in its own units, with a margin', () => {
  const pts = [100, 0.001, 300, 0.005, 200, 0.003];
  const v = viewFor(pts);
  expect(v.cx).toBeCloseTo(200, 9);
  expect(v.cy).toBeCloseTo(0.003, 12);
  expect(v.hx).toBeGreaterThan(100);
  expect(v.hx).toBeLessThan(110);
  expect(v.hy).toBeGreaterThan(0.002);
  expect(v.hy).toBeLessThan(0.0022);
  // Every point lands inside the picture, none on its edge.
  for (let i = 0; i < pts.length; i += 2) {
    const { px, py } = toPixel(pts[i]!, pts[i + 1]!, 100, v);
    for (const p of [px, py]) expect(p > 2 && p < 98).toBe(true);
  }
  // Small data inside the square (a [−1, 1] set) is fitted too, not drawn as a dot in the middle.
  expect(viewFor([-1, -1, 1, 1]).hx).toBeCloseTo(1.08, 9);
  // A flat axis still gets a width.
  expect(viewFor([5, 100, 5, 200]).hx).toBeGreaterThan(0);
});

test('grid, pixel and plane agree on any view; the default view is the old [−6, 6]² one', () => {
  const v = { cx: 200, cy: -3, hx: 120, hy: 0.5 };
  const g = gridPoints(4, v);
  expect(g[0]).toBeCloseTo(80 + 30, 9); // cell (0, 0): left column centre
  expect(g[1]).toBeCloseTo(-3 + 0.5 - 0.125, 9); // top row centre
  const p = toPlane(25, 60, 100, v);
  const back = toPixel(p.x, p.y, 100, v);
  expect(back.px).toBeCloseTo(25, 9);
  expect(back.py).toBeCloseTo(60, 9);
  expect(Array.from(gridPoints(3))).toEqual(Array.from(gridPoints(3, { cx: 0, cy: 0, hx: DOMAIN, hy: DOMAIN })));
  expect(clickStep(DEFAULT_VIEW, 'x')).toBe(0.01);
  expect(clickStep(v, 'x')).toBe(0.1);
  expect(clickStep(v, 'y')).toBe(0.0001);
});

test('a 2-D CSV of house sizes and prices gets a view that holds all its rows; a generated set has none', async () => {
  const text = ['size,price,label', ...Array.from({ length: 40 }, (_, i) => `${50 + 5 * i},${100_000 + 7_000 * i},${i % 2}`)].join('\n');
  const data = await loadData({ ...defaultConfig, dataset: 'csv' }, text);
  const v = data.view!;
  for (const split of [data.train, data.test]) {
    for (let i = 0; i < split.points!.length; i += 2) {
      expect(Math.abs(split.points![i]! - v.cx)).toBeLessThanOrEqual(v.hx);
      expect(Math.abs(split.points![i + 1]! - v.cy)).toBeLessThanOrEqual(v.hy);
    }
  }
  expect((await loadData(defaultConfig)).view).toBeUndefined();
  // A CSV of playground-like points keeps the square, and carries no view to say so.
  expect((await loadData({ ...defaultConfig, dataset: 'csv' }, 'x1,x2,label\n-4,-3,a\n4,3,b\n0,1,a\n')).view).toBeUndefined();
});
