import { expect, test } from 'vitest';
import { Matrix } from '../matrix.js';
import { createRng, shuffleInPlace } from '../random.js';
import { gather, rowViews } from './data.js';

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
