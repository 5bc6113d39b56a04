import { type FloatArray, createRng, kernelsFor, ready } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { reduce, reduceSgd } from './run.js';

beforeAll(async () => {
  await ready(); // the WebAssembly kernels: `auto` is the set training uses
});

/** S shard gradients of P entries (spread over many binades, with exact zeros and subnormals), and θ. */
function data(F: Float32ArrayConstructor | Float64ArrayConstructor, P: number, S: number, seed: number): { theta: FloatArray; grads: FloatArray } {
  const rng = createRng(seed);
  const draw = () => {
    const u = rng.next();
    if (u < 0.05) return 0;
    if (u < 0.08) return (rng.next() - 0.5) * 1e-40; // float32 subnormals
    return (rng.next() - 0.5) * 2 ** Math.floor(rng.next() * 40 - 20);
  };
  const theta = new F(P);
  const grads = new F(S * P);
  for (let i = 0; i < P; i++) theta[i] = draw();
  for (let i = 0; i < S * P; i++) grads[i] = draw();
  return { theta, grads };
}

describe('reduceSgd: the reduction and the SGD update in one pass', () => {
  const cases = [
    { dtype: 'float32', S: 2, w: [0.5, 0.5] },
    { dtype: 'float32', S: 2, w: [31 / 63, 32 / 63] },
    { dtype: 'float32', S: 3, w: [11 / 33, 11 / 33, 11 / 33] },
    { dtype: 'float64', S: 2, w: [0.25, 0.75] },
  ] as const;
  test.each(cases)('the bits of reduce then the kernel set’s sgdStep ($dtype, S = $S, w = $w)', ({ dtype, S, w }) => {
    const F = dtype === 'float32' ? Float32Array : Float64Array;
    const P = 1001;
    const kernels = kernelsFor('auto');
    const { theta, grads } = data(F, P, S, 7);
    const weights = Float64Array.from(w);
    const lr = 0.05;
    // Reference: the two passes, on kernel memory as training ran them, over a middle slice [lo, hi).
    const [lo, hi] = [123, 877];
    const want = kernels.allocate(P, dtype);
    want.set(theta);
    const g = kernels.allocate(P, dtype);
    reduce(g, grads, weights, lo, hi);
    expect(kernels.sgdStep(want.subarray(lo, hi), g.subarray(lo, hi), lr)).toBe(true);
    const got = theta.slice();
    expect(reduceSgd(got, grads, P, weights, lr, lo, hi)).toBe(true);
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(Array.from(got.subarray(0, lo))).toEqual(Array.from(theta.subarray(0, lo))); // outside the slice: untouched
    expect(got[lo]).not.toBe(theta[lo]);
  });

  test('false when an updated parameter is not finite (overflow, ∞, NaN)', () => {
    const P = 8;
    for (const [bad, dtype] of [[3e38, 'float32'], [Number.POSITIVE_INFINITY, 'float32'], [Number.NaN, 'float32'], [Number.NaN, 'float64']] as const) {
      const F = dtype === 'float32' ? Float32Array : Float64Array;
      const theta = new F(P).fill(1);
      const grads = new F(2 * P).fill(0.5);
      grads[P + 5] = bad; // shard 1, entry 5
      expect(reduceSgd(theta, grads, P, Float64Array.of(0.5, 0.5), -1e3, 0, P), `${bad} ${dtype}`).toBe(false);
      expect(reduceSgd(new F(P).fill(1), new F(2 * P).fill(0.5), P, Float64Array.of(0.5, 0.5), 1, 0, P)).toBe(true);
    }
  });
});
