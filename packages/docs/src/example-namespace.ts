// The names the TSDoc `@example`s use without defining them (as pytest's `doctest_namespace`): a small
// classification problem and a network for it, in the shapes the examples assume. The example harness
// (tsdoc.test.ts) imports the ones an example uses; an example that defines a name itself keeps its own.
import { Matrix, Network, type NetworkSpec } from '@backprop/core';
import { toSafetensors } from '@backprop/interop';

/** A 2-input, 2-class network spec. */
export const spec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 } as const satisfies NetworkSpec;
/** A network of {@link spec}. */
export const net: Network = Network.create(spec);
/** 20 samples near XOR's corners, one per row (enough for a validation split). */
export const X: number[][] = Array.from({ length: 20 }, (_, i) => [(i & 1) + 0.01 * i, ((i >> 1) & 1) - 0.01 * i]);
/** Their class indices (XOR). */
export const y: number[] = X.map((_, i) => (i & 1) ^ ((i >> 1) & 1));
/** The same class indices, under the name the docs use beside a network. */
export const labels: number[] = y;
/** The same targets, one-hot. */
export const Y: number[][] = y.map((c) => (c === 0 ? [1, 0] : [0, 1]));
/** Training inputs (for scalers), as a Matrix. */
export const Xtrain: Matrix = Matrix.from(X);
/** A chart's draw call. */
export const draw = (...values: unknown[]): void => void values;
/** A progress bar. */
export const bar = { update: (fraction: number): void => void fraction };

/**
 * A bare PyTorch state_dict in safetensors (`nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3))`'s names
 * `0.weight`, `0.bias`, `2.weight`, `2.bias`; no `__metadata__`): our own file without its metadata.
 */
export const torchStateDict: Uint8Array = (() => {
  const described = toSafetensors(Network.create({ inputs: 4, layers: [{ units: 8, activation: 'relu' }], output: { units: 3, fn: 'softmax' }, seed: 1 }));
  const n = Number(new DataView(described.buffer, described.byteOffset).getBigUint64(0, true));
  const { __metadata__, ...tensors } = JSON.parse(new TextDecoder().decode(described.subarray(8, 8 + n))) as Record<string, unknown>;
  const header = new TextEncoder().encode(JSON.stringify(tensors));
  const bytes = new Uint8Array(8 + header.length + described.length - 8 - n);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
  bytes.set(header, 8);
  bytes.set(described.subarray(8 + n), 8 + header.length);
  return bytes;
})();
