import type { ForwardTrace, Model } from './forward.js';
import { lossGradient } from './losses.js';
import type { FloatArray, Matrix } from './matrix.js';
import type { Workspace } from './workspace.js';

/**
 * Every gradient of the mean batch loss (SPEC §2, §3), indexed like {@link ForwardTrace}:
 * `gradA[i]` = ∇a_(i+1), `gradW[i]` = ∇W_(i+1), `gradB[i]` = ∇b_(i+1), `gradH[i]` = ∇h_i.
 */
export interface Gradients {
  /** ∇a_k, N × n_k, one per layer. */
  readonly gradA: readonly Matrix[];
  /** ∇h_k, N × n_k for k = 0 … L−1; gradH[0] is ∇X (the same matrix as `gradInput`). */
  readonly gradH: readonly Matrix[];
  /** ∇W_k, n_k × n_(k−1): views into `flat`. */
  readonly gradW: readonly Matrix[];
  /** ∇b_k, n_k: views into `flat`. */
  readonly gradB: readonly FloatArray[];
  /** ∇X, N × n0: the gradient with respect to the input itself (SPEC §2). */
  readonly gradInput: Matrix;
  /** All parameter gradients in the order of the network's flat parameters: [W_1 … W_L, b_1 … b_L]. */
  readonly flat: FloatArray;
}

/** Where the parameter gradients go: views into one flat array, aligned with the parameters. */
export interface GradientBuffers {
  readonly flat: FloatArray;
  readonly W: readonly Matrix[];
  readonly b: readonly FloatArray[];
}

/**
 * The backward pass of SPEC §2 in batch form (§3). `Y` is the N × n_L target matrix. `withInput`
 * also computes ∇h_0 = ∇X, which training does not need. With `lossDone`, ∇a_L is already in `ws.gradA`
 * (written by the fused softmax + cross-entropy kernel).
 */
export function backwardPass(model: Model, trace: ForwardTrace, Y: Matrix, ws: Workspace, out: GradientBuffers, withInput: boolean, lossDone = false): void {
  const { W, kernels, spec } = model;
  const { gradA, gradH } = ws;
  const { a, h } = trace;
  const L = W.length;
  if (!lossDone) lossGradient(spec.output, spec.loss, a[L - 1]!, trace.yHat, Y, gradA[L - 1]!);
  for (let i = L - 1; i >= 0; i--) {
    kernels.gemmAtB(gradA[i]!, h[i]!, out.W[i]!); //  ∇W_k = (∇A_k)ᵀ H_(k−1)
    kernels.columnSums(gradA[i]!, out.b[i]!); //      ∇b_k = column sums of ∇A_k
    if (i > 0 || withInput) kernels.gemmAB(gradA[i]!, W[i]!, gradH[i]!); // ∇H_(k−1) = ∇A_k W_k
    if (i > 0) kernels.activateBackward(spec.layers[i - 1]!.activation!, a[i - 1]!, h[i]!, gradH[i]!, gradA[i - 1]!); // ∇a_(k−1) = ∇h_(k−1) ⊙ g′(a_(k−1))
  }
}
