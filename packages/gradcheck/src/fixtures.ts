// Test fixtures (imported by *.test.ts only; not part of the package's surface): seeded random
// networks, batches and targets that make every output/loss pair well defined.
import { type ActivationName, type LossName, Matrix, Network, type OutputName, type Rng, type Targets } from '@backprop/core';

export interface Architecture {
  readonly inputs: number;
  readonly hidden: readonly { readonly units: number; readonly activation: ActivationName }[];
  readonly outputs: number;
  readonly output: OutputName;
  readonly loss: LossName;
}

/** The output width a generated case may use: a softmax needs 2 units (one is constant 1, and Network.create refuses it). */
export const outputWidth = (outputs: number, output: OutputName): number => (output === 'softmax' ? Math.max(2, outputs) : outputs);

/** A network with seeded weights and random (non-zero) biases, so every parameter matters. */
export function randomNetwork(arch: Architecture, rng: Rng, dtype: 'float32' | 'float64' = 'float64'): Network {
  const net = Network.create({
    inputs: arch.inputs,
    layers: arch.hidden,
    output: { units: arch.outputs, fn: arch.output, loss: arch.loss },
    dtype,
    seed: rng.int(2 ** 31),
  });
  for (const p of net.parameters()) if (p.kind === 'b') for (let i = 0; i < p.values.length; i++) p.values[i] = 0.5 * rng.normal();
  return net;
}

/** N × n random inputs; `fround` keeps them exactly representable in float32. */
export function randomBatch(N: number, n: number, rng: Rng, scale = 1): Matrix {
  const X = Matrix.zeros(N, n, 'float64');
  for (let i = 0; i < X.data.length; i++) X.data[i] = Math.fround(scale * rng.normal());
  return X;
}

/**
 * Valid targets for a loss: reals for squared error; for cross-entropy with softmax, class indices or
 * soft probability rows; for cross-entropy with another output, non-negative weights in (0, 1); for
 * binary cross-entropy, a mix of exact 0s, exact 1s and values in (0, 1) (each branch of the loss).
 */
export function randomTargets(N: number, arch: Architecture, rng: Rng): Targets {
  const n = arch.outputs;
  if (arch.loss === 'cross-entropy' && arch.output === 'softmax' && rng.next() < 0.5) {
    return Array.from({ length: N }, () => rng.int(n));
  }
  const Y = Matrix.zeros(N, n, 'float64');
  for (let r = 0; r < N; r++) {
    let mass = 0;
    for (let j = 0; j < n; j++) {
      const u = rng.next();
      const y = arch.loss === 'squared-error' ? rng.normal() : arch.loss === 'cross-entropy' ? 0.05 + 0.9 * u : u < 1 / 3 ? 0 : u < 2 / 3 ? 1 : rng.next();
      Y.data[r * n + j] = y;
      mass += y;
    }
    if (arch.loss === 'cross-entropy' && arch.output === 'softmax') for (let j = 0; j < n; j++) Y.data[r * n + j]! /= mass;
  }
  return Y;
}

/**
 * A linear output is not a probability: with cross-entropy ŷ must be > 0, with binary cross-entropy
 * in (0, 1). For those two pairs the output layer is rescaled and shifted (for this batch) so that
 * ŷ ∈ [0.25, 0.75]: a restriction of the inputs to where the loss is defined, not of the check.
 */
export function restrictToDomain(net: Network, X: Matrix, arch: Architecture): void {
  if (arch.output !== 'linear' || arch.loss === 'squared-error') return;
  const L = net.spec.layers.length;
  const W = net.parameters().find((p) => p.name === `W${L}`)!.values;
  const b = net.parameters().find((p) => p.name === `b${L}`)!.values;
  const fanIn = net.spec.layers[L - 1]!.fanIn;
  b.fill(0);
  const a = net.forward(X).a[L - 1]!; // a_L without bias
  for (let j = 0; j < arch.outputs; j++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < a.rows; r++) {
      lo = Math.min(lo, a.get(r, j));
      hi = Math.max(hi, a.get(r, j));
    }
    const s = hi - lo > 0.5 ? 0.5 / (hi - lo) : 1;
    for (let c = 0; c < fanIn; c++) W[j * fanIn + c]! *= s;
    b[j] = 0.25 - s * lo;
  }
}
