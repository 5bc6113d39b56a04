import { type FloatArray, createRng, kernelsFor, ready } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { reduce, sliceStart } from './run.js';

beforeAll(async () => {
  await ready(); // the WebAssembly kernels: `auto` is the set training uses
});

/** S shard gradients of P entries (spread over many binades, with exact zeros and subnormals). */
function shardGradients(F: Float32ArrayConstructor | Float64ArrayConstructor, P: number, S: number, seed: number): FloatArray {
  const rng = createRng(seed);
  const draw = () => {
    const u = rng.next();
    if (u < 0.05) return 0;
    if (u < 0.08) return (rng.next() - 0.5) * 1e-40; // float32 subnormals
    return (rng.next() - 0.5) * 2 ** Math.floor(rng.next() * 40 - 20);
  };
  const grads = new F(S * P);
  for (let i = 0; i < S * P; i++) grads[i] = draw();
  return grads;
}

describe('reduce: the shard gradients summed in shard order, in float64, rounded once', () => {
  const cases = [
    { dtype: 'float32', S: 2, w: [0.5, 0.5] },
    { dtype: 'float32', S: 2, w: [31 / 63, 32 / 63] },
    { dtype: 'float32', S: 3, w: [11 / 33, 11 / 33, 11 / 33] },
    { dtype: 'float64', S: 2, w: [0.25, 0.75] },
    { dtype: 'float64', S: 4, w: [0.25, 0.25, 0.25, 0.25] },
  ] as const;
  test.each(cases)('$dtype, S = $S, w = $w: every kernel set gives the definition’s bits on [lo, hi) and leaves the rest', ({ dtype, S, w }) => {
    const F = dtype === 'float32' ? Float32Array : Float64Array;
    const P = 1001;
    const grads = shardGradients(F, P, S, 7);
    const weights = Float64Array.from(w);
    const [lo, hi] = [123, 877]; // a rank's slice
    const want = new F(P);
    for (let i = lo; i < hi; i++) {
      let v = 0;
      for (let s = 0; s < S; s++) v += weights[s]! * grads[s * P + i]!;
      want[i] = v;
    }
    for (const backend of ['reference', 'blocked', 'wasm-simd', 'wasm-relaxed-simd'] as const) {
      const kernels = kernelsFor(backend);
      // Into the kernel set's own memory, as a fit's ranks reduce, and into a caller's array, as a session does.
      for (const g of [kernels.allocate(P, dtype), new F(P)]) {
        reduce(kernels, g, grads, weights, lo, hi);
        expect(Array.from(g), backend).toEqual(Array.from(want));
      }
    }
  });
});

test('the ranks’ slices of θ tile [0, P) in order, each starting on a 16-entry (64-byte) boundary', () => {
  for (const P of [1, 5, 16, 17, 1001, 109_386]) {
    for (const T of [1, 2, 3, 4]) {
      const starts = Array.from({ length: T + 1 }, (_, r) => sliceStart(r, P, T));
      expect(starts[0]).toBe(0);
      expect(starts[T]).toBe(P);
      for (let r = 0; r < T; r++) {
        expect(starts[r]! % 16, `P = ${P}, T = ${T}, rank ${r}`).toBe(0);
        expect(starts[r + 1]!).toBeGreaterThanOrEqual(starts[r]!);
        if (P >= 16 * T) expect(Math.abs(starts[r + 1]! - starts[r]! - P / T)).toBeLessThan(16); // balanced
      }
    }
  }
});
