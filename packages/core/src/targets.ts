import { BackpropError, describe } from './errors.js';
import { firstNonFiniteIn } from './finite.js';
import { type DType, Matrix } from './matrix.js';

/**
 * Targets for a batch: a matrix N × n_L (one-hot rows for classification, values for regression); for
 * classification a vector of N class indices (integers in [0, n_L); 0 / 1 for one logistic output); for one
 * linear output a vector of N values (y of shape (N,)).
 */
export type Targets = Matrix | readonly (readonly number[])[] | readonly number[] | Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;

/** True when the targets are given as class indices (a flat vector), not a matrix. */
export function isClassIndices(Y: Targets): Y is readonly number[] | Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array {
  if (Y instanceof Matrix) return false;
  if (ArrayBuffer.isView(Y)) return true;
  return Array.isArray(Y) && (Y.length === 0 || !Array.isArray(Y[0]));
}

/**
 * Validates targets against N rows and n_L outputs and returns them as an N × n_L matrix of the
 * network's dtype (class indices become one-hot rows). Throws `shape_mismatch`, `label_out_of_range`
 * or `non_finite` naming `argument`.
 */
export function toTargetMatrix(Y: Targets, N: number, outputs: number, dtype: DType, argument = 'Y'): Matrix {
  if (isClassIndices(Y)) {
    if (Y.length !== N) throw new BackpropError('shape_mismatch', argument, `${N} class indices (one per row of X)`, `${Y.length}`);
    const m = Matrix.zeros(N, outputs, dtype);
    for (let i = 0; i < N; i++) {
      const c = Y[i]!;
      if (!Number.isInteger(c) || c < 0 || c >= outputs) {
        throw new BackpropError('label_out_of_range', `${argument}[${i}]`, `an integer class index in [0, ${outputs})`, describe(c));
      }
      m.data[i * outputs + c] = 1;
    }
    return m;
  }
  const m = Y instanceof Matrix ? Y : Matrix.from(Y as readonly (readonly number[])[], dtype, argument);
  if (m.rows !== N || m.cols !== outputs) {
    throw new BackpropError('shape_mismatch', argument, `${N} × ${outputs} (one row per sample, n_L = ${outputs})`, `${m.rows} × ${m.cols}`);
  }
  const i = firstNonFiniteIn(m.data);
  if (i >= 0) {
    const r = Math.floor(i / outputs);
    throw new BackpropError('non_finite', `${argument}[${r}][${i - r * outputs}]`, 'a finite number', describe(m.data[i]));
  }
  return m.dtype === dtype ? m : m.clone(dtype);
}
