import { sigmoid } from './activations.js';
import type { FloatArray, Matrix } from './matrix.js';
import { exp, log } from './math.js';

/** Output functions O of the last layer (SPEC §1, table 2). */
export type OutputName = 'softmax' | 'linear' | 'logistic';

/** Every output function name. */
export const outputNames: readonly OutputName[] = ['softmax', 'linear', 'logistic'];

/** True when `name` is an output function this library knows. */
export function isOutputName(name: unknown): name is OutputName {
  return typeof name === 'string' && (outputNames as readonly string[]).includes(name);
}

// e^(a_j − max) of one softmax row (grown on demand, so a warm forward pass allocates nothing).
let expRow = new Float64Array(16);

/**
 * ŷ = O(a_L), row by row.   a, yHat: N × n_L. For softmax, `logSumExp` (length ≥ N) receives each
 * row's log Σ_j e^(a_j), so the cross-entropy of the same batch needs no second pass of exp.
 */
export function applyOutput(fn: OutputName, a: Matrix, yHat: Matrix, logSumExp?: Float64Array): void {
  const { rows, cols } = a;
  const x = a.data;
  const y = yHat.data;
  if (fn === 'linear') {
    y.set(x);
  } else if (fn === 'logistic') {
    for (let i = 0; i < x.length; i++) y[i] = sigmoid(x[i]!);
  } else {
    for (let r = 0; r < rows; r++) {
      const lse = softmaxRow(x, r * cols, cols, y);
      if (logSumExp) logSumExp[r] = lse;
    }
  }
}

/**
 * The vector–Jacobian product J_O(a_L)ᵀ·v, row by row, for output/loss pairs that are not fused
 * (SPEC §2, "any other pair"). `yHat` = O(a_L) is reused; `out` may be `v`.
 */
export function outputVjp(fn: OutputName, yHat: Matrix, v: Matrix, out: Matrix): void {
  const { rows, cols } = yHat;
  const y = yHat.data;
  if (fn === 'linear') {
    if (out !== v) out.data.set(v.data);
  } else if (fn === 'logistic') {
    for (let i = 0; i < y.length; i++) out.data[i] = v.data[i]! * y[i]! * (1 - y[i]!);
  } else {
    // Softmax Jacobian J = diag(ŷ) − ŷŷᵀ, so Jᵀv = ŷ ⊙ (v − ⟨v, ŷ⟩).
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let j = 0; j < cols; j++) dot += v.data[o + j]! * y[o + j]!;
      for (let j = 0; j < cols; j++) out.data[o + j] = y[o + j]! * (v.data[o + j]! - dot);
    }
  }
}

/**
 * Softmax of one row: y[o … o+cols) = e^(x_j − max) / Σ e^(x_i − max); returns the row's log-sum-exp.
 * Shared by `applyOutput` and the fused softmax–cross-entropy kernel, so both give the same bits.
 */
export function softmaxRow(x: FloatArray, o: number, cols: number, y: FloatArray): number {
  // Subtract the row max before exp: softmax is shift-invariant and this keeps exp() finite (SPEC §1).
  let max = Number.NEGATIVE_INFINITY;
  let at = -1;
  for (let j = 0; j < cols; j++) {
    const v = x[o + j]!;
    if (v > max || Number.isNaN(v)) {
      max = v;
      at = j;
      if (Number.isNaN(v)) break; // as Math.max: one NaN makes the row NaN
    }
  }
  // exp once per element, kept in float64 until the division; e^(max − max) = 1 exactly, so the largest
  // element needs none (half the exps of 2 classes).
  if (expRow.length < cols) expRow = new Float64Array(cols);
  const e = expRow;
  let sum = 0;
  for (let j = 0; j < cols; j++) {
    const v = j === at && Number.isFinite(max) ? 1 : exp(x[o + j]! - max);
    e[j] = v;
    sum += v;
  }
  for (let j = 0; j < cols; j++) y[o + j] = e[j]! / sum;
  return max + log(sum);
}
