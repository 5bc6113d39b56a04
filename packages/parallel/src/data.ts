/** The data of a run as the threads see it: inputs after the network's scaler, targets as an N × n_L matrix, both validated. */
import { BackpropError, Matrix, type Network, type Targets, applyScaler } from '@backprop/core';

/** X as the first layer sees it (the network's input scaler applied), shape-checked; finiteness is checked where rows are used. */
export function inputMatrix(net: Network, X: Matrix | readonly (readonly number[])[]): Matrix {
  const scaler = net.preprocessing?.input;
  if (scaler) return applyScaler(scaler, X, net.dtype); // validates too
  const m = X instanceof Matrix ? X : Array.isArray(X) ? Matrix.from(X, net.dtype, 'X') : undefined;
  if (!m) throw new BackpropError('invalid_argument', 'X', `a Matrix or number[][] with ${net.inputs} columns`, typeof X);
  if (m.cols !== net.inputs) throw new BackpropError('shape_mismatch', 'X', `N × ${net.inputs} (the network has ${net.inputs} inputs)`, `${m.rows} × ${m.cols}`);
  if (m.rows === 0) throw new BackpropError('empty_batch', 'X', 'at least one row', '0 rows');
  // No scan for NaN here: each rank's core RowGradient checks a row the first time it uses it, naming it in X.
  return m;
}

/** Y as an N × n_L matrix of the network's dtype (one-hot rows for class indices), every entry checked. */
export function targetMatrix(net: Network, Y: Targets, N: number): Matrix {
  const C = net.outputs;
  if (Y instanceof Matrix || (Array.isArray(Y) && Array.isArray(Y[0]))) {
    const m = Y instanceof Matrix ? Y : Matrix.from(Y as readonly (readonly number[])[], net.dtype, 'Y');
    if (m.rows !== N || m.cols !== C) throw new BackpropError('shape_mismatch', 'Y', `${N} × ${C} (one row per sample, n_L = ${C})`, `${m.rows} × ${m.cols}`);
    for (let i = 0; i < m.data.length; i++) {
      if (!Number.isFinite(m.data[i]!)) throw new BackpropError('non_finite', `Y[${Math.floor(i / C)}][${i % C}]`, 'a finite number', String(m.data[i]));
    }
    return m;
  }
  const labels = Y as ArrayLike<number>;
  if (typeof labels.length !== 'number' || labels.length !== N) throw new BackpropError('shape_mismatch', 'Y', `${N} class indices (one per row of X)`, `${labels.length}`);
  const classes = C === 1 ? 2 : C;
  const m = Matrix.zeros(N, C, net.dtype);
  for (let i = 0; i < N; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new BackpropError('label_out_of_range', `Y[${i}]`, `an integer class index in [0, ${classes})`, String(c));
    if (C === 1) m.data[i] = c;
    else m.data[i * C + c] = 1;
  }
  return m;
}

/** The typed array of a dtype. */
export function floats(dtype: Network['dtype']): Float32ArrayConstructor | Float64ArrayConstructor {
  return dtype === 'float64' ? Float64Array : Float32Array;
}

/**
 * The index of the first non-finite entry of `d`, or −1. A function of its own: a long loop inline in a
 * larger function (the trainer's #fit) made the engine deoptimise and recompile that function at every
 * run, on a background thread that took a core from the ranks.
 */
export function firstNonFinite(d: ArrayLike<number>): number {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return i;
  return -1;
}

/** Throws `non_finite` naming X[r][c] of the first non-finite input (a per-step session checks its data whole, once). */
export function checkFinite(x: Matrix): void {
  const i = firstNonFinite(x.data);
  if (i >= 0) throw new BackpropError('non_finite', `X[${Math.floor(i / x.cols)}][${i % x.cols}]`, 'a finite number', String(x.data[i]));
}
