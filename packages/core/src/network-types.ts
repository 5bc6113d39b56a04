import type { ActivationName } from './activations.js';
import type { FloatArray } from './matrix.js';
import type { OutputName } from './outputs.js';

/** One parameter tensor as a named view into the network's flat parameter array (live: writes change the network). */
export interface Param {
  /** `W1`, `b1`, `W2`, … with the notes' 1-based layer number. */
  readonly name: `W${number}` | `b${number}`;
  /** Layer number k, 1 … L. */
  readonly layer: number;
  readonly kind: 'W' | 'b';
  /** Rows and columns: W_k is n_k × n_(k−1) (PyTorch's nn.Linear.weight layout); b_k is n_k × 1. */
  readonly shape: readonly [rows: number, cols: number];
  /** The numbers, row-major; a subarray of {@link Network.flat}. */
  readonly values: FloatArray;
}

/** A read-only description of one layer, for summaries and UIs. */
export interface LayerInfo {
  /** Layer number k, 1 … L. */
  readonly layer: number;
  readonly units: number;
  readonly fanIn: number;
  /** g_k for hidden layers, O for the output layer. */
  readonly activation: ActivationName | OutputName;
  readonly kind: 'hidden' | 'output';
  readonly parameters: number;
}
