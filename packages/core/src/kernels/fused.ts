import type { FloatArray, Matrix } from '../matrix.js';
import { softmaxRow } from '../outputs.js';

// The fused loops of a training step in plain TypeScript (the blocked set's, and the WebAssembly set's
// fallback for float64). assembly/kernels.ts repeats softmaxCrossEntropyLoop operation for operation.

/** The predicted class of row r: the first largest entry (one column: ≥ 0.5), as countCorrect. */
export function rowClass(m: FloatArray, o: number, cols: number): number {
  if (cols === 1) return m[o]! >= 0.5 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < cols; j++) if (m[o + j]! > m[o + best]!) best = j;
  return best;
}

/**
 * Softmax + cross-entropy in one pass per row: ŷ = softmax(a), logSumExp_r, ∇a = (ŷ·Σ_c y_c − y)/N, and
 * stats[0] = the mean loss −Σ y·(a − lse)/N, stats[1] = rows whose class equals Y's.   a, Y, yHat, gradA: N × n_L.
 */
export function softmaxCrossEntropyLoop(a: Matrix, Y: Matrix, yHat: Matrix, gradA: Matrix, logSumExp: Float64Array, stats: Float64Array): void {
  const { rows: N, cols } = a;
  const x = a.data;
  const y = Y.data;
  const p = yHat.data;
  const g = gradA.data;
  const scale = 1 / N;
  let total = 0;
  let correct = 0;
  for (let r = 0; r < N; r++) {
    const o = r * cols;
    const lse = softmaxRow(x, o, cols, p);
    logSumExp[r] = lse;
    let mass = 0;
    for (let j = 0; j < cols; j++) mass += y[o + j]!;
    for (let j = 0; j < cols; j++) {
      const t = y[o + j]!;
      // ∇a = ŷ·Σ_c y_c − y (SPEC §2), from ŷ as stored; 0·log 0 = 0: absent classes add no loss.
      g[o + j] = (p[o + j]! * mass - t) * scale;
      if (t !== 0) total -= t * (x[o + j]! - lse);
    }
    if (rowClass(p, o, cols) === rowClass(y, o, cols)) correct++;
  }
  stats[0] = total / N;
  stats[1] = correct;
}

/** Σ x_i², accumulated in float64. */
export function sumSquaresLoop(x: FloatArray): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return s;
}

/** θ ← θ − η·g (SPEC §4) when every new θ_i is finite in θ's dtype; else false and θ untouched. */
export function sgdStepLoop(theta: FloatArray, g: FloatArray, lr: number): boolean {
  if (theta instanceof Float32Array) {
    for (let i = 0; i < theta.length; i++) if (!Number.isFinite(Math.fround(theta[i]! - lr * g[i]!))) return false;
  } else {
    for (let i = 0; i < theta.length; i++) if (!Number.isFinite(theta[i]! - lr * g[i]!)) return false;
  }
  for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! - lr * g[i]!;
  return true;
}

/** out_i = wa·a_i + wb·b_i in float64, rounded once on the store (see {@link Kernels.weightedSum}). */
export function weightedSumLoop(a: FloatArray, wa: number, b: FloatArray, wb: number, out: FloatArray): void {
  for (let i = 0; i < out.length; i++) out[i] = wa * a[i]! + wb * b[i]!;
}
