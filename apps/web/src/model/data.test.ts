import { expect, test } from 'vitest';
import { defaultConfig } from '../state/config.js';
import { loadData, targetsOf } from './data.js';

const csv = ['a,b,label', ...Array.from({ length: 40 }, (_, i) => `${(i % 7) - 3},${(i % 5) - 2},${i % 2 ? 'yes' : 'no'}`)].join('\n');

test('a pasted 2-column CSV becomes planar train/test data with named classes as indices', async () => {
  const d = await loadData({ ...defaultConfig, dataset: 'csv', trainRatio: 0.75 }, csv);
  expect(d.task).toBe('classification');
  expect(d.classes).toBe(2);
  expect(d.planar).toBe(true);
  expect(d.train.X.rows + d.test.X.rows).toBe(40);
  expect(d.train.X.rows).toBe(30);
  expect(new Set(d.train.y)).toEqual(new Set([0, 1]));
});

test('the same seed shuffles a CSV the same way; another seed differently', async () => {
  const a = await loadData({ ...defaultConfig, dataset: 'csv' }, csv);
  const b = await loadData({ ...defaultConfig, dataset: 'csv' }, csv);
  const c = await loadData({ ...defaultConfig, dataset: 'csv', dataSeed: 99 }, csv);
  expect(Array.from(a.train.X.data)).toEqual(Array.from(b.train.X.data));
  expect(Array.from(a.train.X.data)).not.toEqual(Array.from(c.train.X.data));
});

test('regression sets and single logistic outputs get matrix targets', async () => {
  const plane = await loadData({ ...defaultConfig, dataset: 'plane', samples: 50 });
  expect(plane.task).toBe('regression');
  expect(targetsOf(plane.train, 1)).toBe(plane.train.Y);
  const xor = await loadData({ ...defaultConfig, dataset: 'xor', samples: 50 });
  const t = targetsOf(xor.train, 1) as { rows: number; cols: number };
  expect([t.rows, t.cols]).toEqual([xor.train.X.rows, 1]);
});

test('removing a training point shrinks the training set by one and leaves the test set alone', async () => {
  const base = { ...defaultConfig, dataset: 'xor' as const, samples: 100 };
  const before = await loadData(base);
  const after = await loadData({ ...base, removed: [0, 3] });
  expect(after.train.X.rows).toBe(before.train.X.rows - 2);
  expect(Array.from(after.test.source)).toEqual(Array.from(before.test.source));
  expect(Array.from(after.train.source)).not.toContain(3);
});

test('added points join the training set with their labels, marked as not generated', async () => {
  const d = await loadData({ ...defaultConfig, dataset: 'xor', samples: 100, added: [{ x: 3, y: 3, label: 1 }] });
  const last = d.train.X.rows - 1;
  expect(d.train.X.rows).toBe(51);
  expect([d.train.points![2 * last], d.train.points![2 * last + 1], d.train.y![last], d.train.source[last]]).toEqual([3, 3, 1, -1]);
});
