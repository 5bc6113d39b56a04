import { Matrix, Network, type NetworkJSON } from '@backprop/core';

/** Every layer's output for one input: h₀ = x, h₁ … h_{L−1} (hidden), ŷ. */
export interface Activations {
  readonly h: readonly Float32Array[];
  readonly yHat: Float32Array;
}

/**
 * A page-side copy of the training network for reading activations: built once from the model JSON (its
 * shape and activations), then given the latest weights θ from each snapshot, and run through the core's
 * own forward. `dispose()` gives its memory back when the shape changes.
 */
export class LocalNet {
  readonly #net: Network;

  constructor(json: NetworkJSON) {
    this.#net = Network.fromJSON(json);
  }

  /** Layer widths n₀ … n_L, as a key for "same shape". */
  get widths(): readonly number[] {
    return [this.#net.inputs, ...this.#net.layers.map((l) => l.units)];
  }

  /** Takes the weights θ = [W₁ … W_L, b₁ … b_L] of a snapshot (same shape). */
  setWeights(flat: Float32Array): void {
    if (flat.length === this.#net.flat.length) this.#net.flat.set(flat);
  }

  /** h₀ … h_{L−1} and ŷ for one input row. */
  activations(x: Float32Array): Activations {
    const trace = this.#net.forward(new Matrix(1, x.length, x));
    return { h: trace.h.map((m) => Float32Array.from(m.data)), yHat: Float32Array.from(trace.yHat.data) };
  }

  dispose(): void {
    this.#net.dispose();
  }
}

/** Unit j's incoming weights W₁[j][·] (length n₀) from the flat parameters θ, whose first block is W₁ (n₁ × n₀, row-major). */
export function incomingWeights(flat: Float32Array, inputs: number, j: number): Float32Array {
  return flat.subarray(j * inputs, (j + 1) * inputs);
}
