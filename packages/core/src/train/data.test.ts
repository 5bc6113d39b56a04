import { expect, test } from 'vitest';
import { Matrix } from '../matrix.js';
import { createRng, shuffleInPlace } from '../random.js';
import { copyBatch, gather, inOrderBatches, rowViews } from './data.js';

function random(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  const m = Matrix.zeros(rows, cols, 'float32');
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.next() < 0.3 ? 0 : rng.next();
  return m;
}

test('gather copies the same rows whole (from row views) as element by element', () => {
  const X = random(50, 40, 1);
  const Y = random(50, 3, 2);
  const order = Uint32Array.from({ length: 50 }, (_, i) => i);
  shuffleInPlace(order, createRng(3));
  const rows = rowViews(X);
  expect(rows).toHaveLength(50);
  for (const [start, n] of [[0, 16], [16, 16], [48, 2]] as const) {
    const [a, b] = [Matrix.zeros(n, 40, 'float32'), Matrix.zeros(n, 40, 'float32')];
    const [ya, yb] = [Matrix.zeros(n, 3, 'float32'), Matrix.zeros(n, 3, 'float32')];
    gather(X, Y, order, start, a, ya, rows);
    gather(X, Y, order, start, b, yb);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(ya.data)).toEqual(Array.from(yb.data));
    for (let r = 0; r < n; r++) expect(Array.from(a.row(r))).toEqual(Array.from(X.row(order[start + r]!)));
  }
});

test('narrow inputs are gathered element by element (no row views)', () => {
  expect(rowViews(random(10, 2, 4))).toBeUndefined();
});

test('in-order batches are the contiguous rows gather copies for the identity order, the last one short', () => {
  const X = random(7, 2, 5);
  const Y = random(7, 3, 6);
  const spans = inOrderBatches(X, Y, 3);
  expect(spans.map((s) => s.x.length / 2)).toEqual([3, 3, 1]);
  const order = Uint32Array.from({ length: 7 }, (_, i) => i);
  for (const [b, start, n] of [[0, 0, 3], [1, 3, 3], [2, 6, 1]] as const) {
    const [a, ya] = [Matrix.zeros(n, 2, 'float32'), Matrix.zeros(n, 3, 'float32')];
    const [c, yc] = [Matrix.zeros(n, 2, 'float32'), Matrix.zeros(n, 3, 'float32')];
    copyBatch(spans[b]!, a, ya);
    gather(X, Y, order, start, c, yc);
    expect(Array.from(a.data)).toEqual(Array.from(c.data));
    expect(Array.from(ya.data)).toEqual(Array.from(yc.data));
  }
});
