import { expect, test } from 'vitest';
import { brailleChart, downsample, range } from './chart.js';

test('a falling line starts at the top left and ends at the bottom right', () => {
  const chart = brailleChart([[4, 3, 2, 1]], 4, 2)!;
  expect(chart.rows).toHaveLength(2);
  expect(chart.rows[0]![0]!.char).not.toBe('⠀');
  expect(chart.rows[1]![3]!.char).not.toBe('⠀');
  expect(chart.rows[1]![0]!.char).toBe('⠀');
  expect(chart).toMatchObject({ min: 1, max: 4 });
});

test('the axes rescale as values arrive', () => {
  expect(brailleChart([[1, 2]], 10, 3)).toMatchObject({ min: 1, max: 2 });
  expect(brailleChart([[1, 2, 50]], 10, 3)).toMatchObject({ min: 1, max: 50 });
  expect(brailleChart([[1, 2], [0.5]], 10, 3)).toMatchObject({ min: 0.5, max: 2 });
});

test('non-finite values are skipped; nothing finite means no chart', () => {
  expect(range([[Number.NaN, Number.POSITIVE_INFINITY]])).toBeUndefined();
  expect(brailleChart([[Number.NaN]], 5, 2)).toBeUndefined();
  expect(brailleChart([[3, Number.NaN, 3]], 5, 2)).toBeDefined();
});

test('cells remember which series drew them first', () => {
  const chart = brailleChart([[1, 1], [0, 0]], 2, 1)!;
  expect(chart.rows[0]!.map((c) => c.series)).toContain(0);
});

test('downsampling averages neighbours', () => {
  expect(downsample([1, 3, 5, 7], 2)).toEqual([2, 6]);
  expect(downsample([1, 2], 5)).toEqual([1, 2]);
});
