import { exp, log, log1p } from './math.js';
import type { Matrix } from './matrix.js';
import { type OutputName, outputVjp } from './outputs.js';

/** Losses (SPEC §1, table 2): summed over outputs, averaged over samples, no factor ½. */
export type LossName = 'cross-entropy' | 'squared-error' | 'binary-cross-entropy';

/** Every loss name. */
export const lossNames: readonly LossName[] = ['cross-entropy', 'squared-error', 'binary-cross-entropy'];

/** The loss each output function is naturally paired with; these pairs get fused, stable gradients. */
export const naturalLoss: Readonly<Record<OutputName, LossName>> = {
  softmax: 'cross-entropy',
  linear: 'squared-error',
  logistic: 'binary-cross-entropy',
};

/** True when `name` is a loss this library knows. */
export function isLossName(name: unknown): name is LossName {
  return typeof name === 'string' && (lossNames as readonly string[]).includes(name);
}

// log(1 + e^z) without overflow.
const softplus = (z: number): number => Math.max(z, 0) + log1p(exp(-Math.abs(z)));

// The smallest probability a non-natural pair takes the log of: keeps −log ŷ finite (SPEC: no NaN).
const TINY = 1e-300;

/** log ŷ_j computed from a_L when the output allows it (log-softmax, log-sigmoid), else from ŷ. */
function logYHat(fn: OutputName, a: Matrix, yHat: Matrix, r: number, j: number, logSumExp: number): number {
  const z = a.data[r * a.cols + j]!;
  if (fn === 'softmax') return z - logSumExp;
  if (fn === 'logistic') return -softplus(-z);
  return log(Math.max(yHat.data[r * a.cols + j]!, TINY));
}

/** log(1 − ŷ_j), from a_L for the logistic output (log(1 − σ(z)) = −softplus(z)). */
function log1mYHat(fn: OutputName, a: Matrix, yHat: Matrix, r: number, j: number): number {
  if (fn === 'logistic') return -softplus(a.data[r * a.cols + j]!);
  return log(Math.max(1 - yHat.data[r * a.cols + j]!, TINY));
}

function rowLogSumExp(a: Matrix, r: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < a.cols; j++) max = Math.max(max, a.data[r * a.cols + j]!);
  let sum = 0;
  for (let j = 0; j < a.cols; j++) sum += exp(a.data[r * a.cols + j]! - max);
  return max + log(sum);
}

/**
 * Mean over the N rows of the per-sample loss (sum over outputs). Computed from the pre-activations
 * a_L where the output allows it, so cross-entropy is log-sum-exp based, never log of a rounded ŷ.
 * Y: N × n_L targets (one-hot rows for classification).
 */
export function lossValue(fn: OutputName, loss: LossName, a: Matrix, yHat: Matrix, Y: Matrix): number {
  const { rows: N, cols } = a;
  let total = 0;
  for (let r = 0; r < N; r++) {
    // Softmax needs log-sum-exp for every loss that takes log ŷ: log ŷ_j = a_j − lse.
    const lse = fn === 'softmax' && loss !== 'squared-error' ? rowLogSumExp(a, r) : 0;
    for (let j = 0; j < cols; j++) {
      const y = Y.data[r * cols + j]!;
      if (loss === 'squared-error') {
        const d = yHat.data[r * cols + j]! - y;
        total += d * d;
      } else if (loss === 'cross-entropy') {
        // 0·log 0 = 0: skip absent classes, so a saturated softmax gives a finite loss, not NaN.
        if (y !== 0) total -= y * logYHat(fn, a, yHat, r, j, lse);
      } else {
        if (y !== 0) total -= y * logYHat(fn, a, yHat, r, j, lse);
        if (y !== 1) total -= (1 - y) * log1mYHat(fn, a, yHat, r, j);
      }
    }
  }
  return total / N;
}

/**
 * ∇_(A_L) of the mean loss, written into `gradA` (N × n_L). The 1/N of the mean is folded in here
 * (SPEC §3). Natural pairs use the fused forms of SPEC §2; every other pair goes through ∇_ŷ L and
 * the output's Jacobian.
 */
export function lossGradient(fn: OutputName, loss: LossName, a: Matrix, yHat: Matrix, Y: Matrix, gradA: Matrix): void {
  const { rows: N, cols } = a;
  const y = Y.data;
  const p = yHat.data;
  const g = gradA.data;
  const scale = 1 / N;
  if (fn === 'softmax' && loss === 'cross-entropy') {
    // ∇a = ŷ·Σ_c y_c − y; with one-hot (or any target summing to 1) this is ŷ − e(y) (SPEC §2).
    for (let r = 0; r < N; r++) {
      let mass = 0;
      for (let j = 0; j < cols; j++) mass += y[r * cols + j]!;
      for (let j = 0; j < cols; j++) g[r * cols + j] = (p[r * cols + j]! * mass - y[r * cols + j]!) * scale;
    }
    return;
  }
  if ((fn === 'linear' && loss === 'squared-error') || (fn === 'logistic' && loss === 'binary-cross-entropy')) {
    const factor = loss === 'squared-error' ? 2 * scale : scale;
    for (let i = 0; i < g.length; i++) g[i] = (p[i]! - y[i]!) * factor;
    return;
  }
  // Generic pair: ∇ŷ L first, then ∇a = J_Oᵀ ∇ŷ.
  for (let i = 0; i < g.length; i++) {
    const t = y[i]!;
    const q = p[i]!;
    if (loss === 'squared-error') g[i] = 2 * (q - t) * scale;
    else if (loss === 'cross-entropy') g[i] = t === 0 ? 0 : (-t / Math.max(q, TINY)) * scale;
    else g[i] = ((t === 0 ? 0 : -t / Math.max(q, TINY)) + (t === 1 ? 0 : (1 - t) / Math.max(1 - q, TINY))) * scale;
  }
  outputVjp(fn, yHat, gradA, gradA);
}
