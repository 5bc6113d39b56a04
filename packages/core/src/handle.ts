import type { DType, FloatArray } from './matrix.js';
import type { OutputName } from './outputs.js';
import type { ResolvedSpec } from './spec.js';

/**
 * What the training loop, preprocessing and checkpoints read of a network. The `Network` class (the
 * facade, network.ts) satisfies it; those leaves import this small type instead of the facade, so the
 * imports run one way: network.ts → leaves, never back.
 */
export interface NetworkHandle {
  readonly spec: ResolvedSpec;
  /** n0. */
  readonly inputs: number;
  /** n_L. */
  readonly outputs: number;
  readonly output: OutputName;
  readonly dtype: DType;
  /** θ, the flat parameters (writable). */
  readonly flat: FloatArray;
}
