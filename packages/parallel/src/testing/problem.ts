/** The tests' problem, built the same way in Node and in the browser page: 300 rows, 12 inputs, 3 classes. */
import { Matrix, type Network, type NetworkSpec, createRng } from '@backprop/core';

export const N = 300;
export const D = 12;

/** Seeded inputs in [−1, 1) and a class from a weighted sum (so there is something to learn). */
export function problem(): { X: Matrix; labels: Uint8Array } {
  const rng = createRng(5);
  const X = Matrix.zeros(N, D, 'float32');
  const labels = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    let s = 0;
    for (let j = 0; j < D; j++) s += (X.data[i * D + j] = rng.next() * 2 - 1) * (j + 1);
    labels[i] = s < -2 ? 0 : s < 2 ? 1 : 2;
  }
  return { X, labels };
}

export const spec: NetworkSpec = {
  inputs: D,
  layers: [
    { units: 16, activation: 'relu' },
    { units: 8, activation: 'relu' },
  ],
  output: { units: 3, fn: 'softmax', loss: 'cross-entropy' },
  init: 'glorot-uniform',
  seed: 11,
};

/** θ's bit patterns (float32), for exact comparisons that also tell −0 from 0. */
export function bits(net: Network): number[] {
  return Array.from(new Uint32Array(new Float32Array(net.flat).buffer));
}
