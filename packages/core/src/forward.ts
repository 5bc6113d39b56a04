import type { Kernels } from './kernels/kernels.js';
import type { FloatArray, Matrix } from './matrix.js';
import { applyOutput } from './outputs.js';
import type { ResolvedSpec } from './spec.js';
import type { Workspace } from './workspace.js';

/**
 * What the forward pass keeps for the backward pass (SPEC §1). Arrays are 0-based: `a[i]` is the
 * notes' a_(i+1) (layer k = i + 1), `h[i]` is the notes' h_i, so `h[0]` is the input X and `h[i]`
 * is the input of layer i + 1. With L layers: `a` has L entries, `h` has L (h_0 … h_(L−1)).
 */
export interface ForwardTrace {
  /** Pre-activations a_k = b_k + W_k h_(k−1), one N × n_k matrix per layer (a[i] ↔ a_(i+1)). */
  readonly a: readonly Matrix[];
  /** Activations h_k = g_k(a_k); h[0] = X (h[i] ↔ h_i). */
  readonly h: readonly Matrix[];
  /** ŷ = O(a_L), N × n_L. */
  readonly yHat: Matrix;
}

/** The parameters and settings the passes read: W[i] (n_k × n_(k−1)) and b[i] (n_k) are views into one flat array. */
export interface Model {
  readonly spec: ResolvedSpec;
  readonly W: readonly Matrix[];
  readonly b: readonly FloatArray[];
  readonly kernels: Kernels;
}

/**
 * The forward pass of SPEC §1/§3 on the batch already in `ws.h[0]`. With `output` false, ŷ is left to the
 * caller (training fuses softmax with its cross-entropy: {@link Kernels.softmaxCrossEntropy}).
 */
export function forwardPass(model: Model, ws: Workspace, output = true): ForwardTrace {
  const { W, b, kernels, spec } = model;
  const { a, h } = ws;
  const L = W.length;
  for (let i = 0; i < L; i++) {
    // A_k = H_(k−1) W_kᵀ + 1 b_kᵀ        a[i]: N × n_k    W[i]: n_k × n_(k−1)    b[i]: n_k
    kernels.gemmABt(h[i]!, W[i]!, a[i]!, b[i]!);
    if (i < L - 1) kernels.activate(spec.layers[i]!.activation!, a[i]!, h[i + 1]!);
  }
  if (output) applyOutput(spec.output, a[L - 1]!, ws.yHat, ws.logSumExp);
  return { a, h, yHat: ws.yHat };
}
