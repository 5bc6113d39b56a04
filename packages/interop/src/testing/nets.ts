// Test fixtures shared by the *.test.ts files (not part of the package's public surface).
import { type ActivationName, type DType, type Matrix, Network, type OutputName, activationNames, createRng, fitScaler, outputNames } from '@backprop/core';
import * as ort from 'onnxruntime-node';

/** Every (activation, output function) pair, each with a seeded random architecture of 1–3 hidden layers. */
export function sweep(dtype: DType = 'float32'): { g: ActivationName; fn: OutputName; net: Network }[] {
  const rng = createRng(2024);
  const cases: { g: ActivationName; fn: OutputName; net: Network }[] = [];
  for (const g of activationNames) {
    for (const fn of outputNames) {
      const inputs = 1 + rng.int(9);
      const layers = Array.from({ length: 1 + rng.int(3) }, () => ({ units: 1 + rng.int(12), activation: g }));
      const units = fn === 'softmax' ? 2 + rng.int(5) : 1 + rng.int(4);
      const net = Network.create({ inputs, layers, output: { units, fn }, seed: rng.int(1000), dtype });
      // Non-zero biases, so a transposed or dropped bias cannot pass unnoticed.
      for (const p of net.parameters()) if (p.kind === 'b') for (let i = 0; i < p.values.length; i++) p.values[i] = rng.normal() * 0.5;
      cases.push({ g, fn, net });
    }
  }
  return cases;
}

/** A seeded N × n batch of raw inputs in roughly [−3, 3]. */
export function batch(N: number, n: number, seed = 7): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: N }, () => Array.from({ length: n }, () => rng.normal() * 1.5));
}

/** Attaches a standard scaler (fitted on a shifted, stretched batch) and class names, so export must carry both. */
export function withPreprocessing(net: Network): Network {
  const X = batch(20, net.inputs, 3).map((row) => row.map((v, j) => v * (j + 2) + 10 * j));
  const classes = net.output === 'logistic' && net.outputs === 1 ? 2 : net.outputs;
  const labels = net.output === 'linear' ? undefined : Array.from({ length: classes }, (_, c) => `class-${c}`);
  return net.setPreprocessing({ input: fitScaler(X), ...(labels ? { labels } : {}) });
}

/** Runs an ONNX model in onnxruntime-node on a batch; returns its (first) output as a row-major array. */
export async function runOrt(bytes: Uint8Array, X: readonly (readonly number[])[], type: 'float32' | 'float64' = 'float32'): Promise<Float32Array | Float64Array> {
  const session = await ort.InferenceSession.create(bytes);
  const data = type === 'float32' ? Float32Array.from(X.flat()) : Float64Array.from(X.flat());
  const result = await session.run({ [session.inputNames[0]!]: new ort.Tensor(type, data, [X.length, X[0]!.length]) });
  const out = result[session.outputNames[0]!]!.data as Float32Array | Float64Array;
  await session.release();
  return out;
}

/** Largest |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** The prediction of a network as a plain array (for comparisons). */
export function predictArray(net: Network, X: readonly (readonly number[])[]): Float32Array | Float64Array {
  const y: Matrix = net.predict(X as number[][]);
  return y.data;
}
