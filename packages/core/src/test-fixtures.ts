import { BackpropError, type Rng, createRng } from './index.js';

// Test-only: the small data sets and the error catcher that several core tests share. Not exported from
// index.ts, so not in the package (tsup bundles from index.ts) and not part of the public surface.

/** XOR: four points, two classes; a fresh copy each call (tests may keep or change what they get). */
export function xor(): { X: number[][]; y: number[] } {
  return {
    X: [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ],
    y: [0, 1, 1, 0],
  };
}

/** How {@link blobs} draws: the class of row i, and the row of a point of class c. */
export interface BlobShape {
  /** Class of row i (default i mod 3). */
  readonly classOf?: (i: number) => number;
  /** Features of a point of class c, drawn from `rng` (default [N(c, 1), N(−c, 1)]). */
  readonly point?: (rng: Rng, c: number) => number[];
}

/** n seeded Gaussian points around class centres: the same rows for the same seed, in every run. */
export function blobs(n: number, seed: number, shape: BlobShape = {}): { X: number[][]; y: number[] } {
  const { classOf = (i: number) => i % 3, point = (r: Rng, c: number) => [r.normal() + c, r.normal() - c] } = shape;
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = classOf(i);
    X.push(point(rng, c));
    y.push(c);
  }
  return { X, y };
}

/** The BackpropError `f` throws; any other error is rethrown, and no error at all fails the test. */
export function caught(f: () => unknown): BackpropError {
  try {
    f();
  } catch (e) {
    if (e instanceof BackpropError) return e;
    throw e;
  }
  throw new Error('expected a BackpropError');
}
