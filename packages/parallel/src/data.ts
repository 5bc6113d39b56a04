/** The data of a run as the threads see it: inputs after the network's scaler, targets as an N × n_L matrix, both validated. */
import { BackpropError, type DType, Matrix, type Network, applyScaler, encodeLabels } from '@backprop/core';
import { describe } from './options.js';

/**
 * X as the first layer sees it (the network's input scaler applied), shape-checked as core's fit checks it
 * (same codes, arguments and wording); finiteness is checked where rows are used.
 */
export function inputMatrix(net: Network, X: unknown): Matrix {
  const scaler = net.preprocessing?.input;
  const m = rawInputs(X, net.inputs, scaler ? 'float64' : net.dtype);
  if (scaler) return applyScaler(scaler, m, net.dtype);
  // No scan for NaN here: each rank's core RowGradient checks a row the first time it uses it, naming it in X.
  return m;
}

function rawInputs(X: unknown, cols: number, dtype: DType): Matrix {
  if (isTrainingData(X)) {
    throw new BackpropError('invalid_argument', 'X', `a Matrix or number[][] with ${cols} columns (a data set goes in as trainer.fit(net, data.X, data.y, options))`, 'a data set object', "net.fit(dataset) takes a data set whole; trainer.fit takes its inputs and targets");
  }
  let m: Matrix;
  if (X instanceof Matrix) m = X;
  else if (isOneSample(X, cols)) m = new Matrix(1, cols, dtype === 'float32' ? Float32Array.from(X as ArrayLike<number>) : Float64Array.from(X as ArrayLike<number>));
  else if (Array.isArray(X)) {
    // Each row against the network's width first (Matrix.from alone takes row 0's width), as core does.
    X.forEach((row, i) => {
      if (!isRow(row) || row.length !== cols) throw new BackpropError('shape_mismatch', `X[${i}]`, `a row of ${cols} numbers (the network has ${cols} inputs)`, describe(row));
    });
    m = Matrix.from(X as number[][], dtype, 'X');
  }
  else throw new BackpropError('invalid_argument', 'X', `a Matrix, number[][] with ${cols} columns, or one sample of ${cols} numbers`, describe(X));
  if (m.rows === 0) throw new BackpropError('empty_batch', 'X', 'at least one row', '0 rows');
  if (m.cols !== cols) throw new BackpropError('shape_mismatch', 'X', `N × ${cols} (the network has ${cols} inputs)`, `${m.rows} × ${m.cols}`);
  return m.dtype === dtype ? m : m.clone(dtype);
}

/** A row of nested-array data: an array, or a typed array of numbers. */
function isRow(v: unknown): boolean {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** An object holding data (`{ X, y }`, a Dataset), as opposed to inputs (a Matrix or rows). */
function isTrainingData(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Matrix) && !ArrayBuffer.isView(v) && 'X' in v;
}

/** One sample given flat (n0 numbers), as core takes it: checked entry by entry, then its length. */
function isOneSample(X: unknown, cols: number): boolean {
  const flat = (ArrayBuffer.isView(X) && !(X instanceof DataView)) || (Array.isArray(X) && X.length > 0 && !Array.isArray(X[0]) && !ArrayBuffer.isView(X[0]));
  if (!flat) return false;
  if (Array.isArray(X)) {
    X.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new BackpropError('non_finite', `X[${j}]`, 'a finite number', describe(v));
    });
  }
  const n = (X as ArrayLike<number>).length;
  if (n !== cols) throw new BackpropError('shape_mismatch', 'X', `one sample of ${cols} numbers (the network has ${cols} inputs), or rows of ${cols}`, `${n} numbers`);
  return true;
}

/**
 * Y as an N × n_L matrix of the network's dtype, every entry checked as core's fit checks it: rows of
 * targets, class indices (one-hot rows; 0 / 1 for one logistic unit), or class names with the network's
 * `labels` preprocessing.
 */
export function targetMatrix(net: Network, Y: unknown, N: number): Matrix {
  const C = net.outputs;
  if (Array.isArray(Y) && Y.length > 0 && typeof Y[0] === 'string') {
    const labels = net.preprocessing?.labels;
    if (!labels) throw new BackpropError('invalid_argument', 'Y', 'numeric targets (class names need setPreprocessing({ labels }))', 'strings');
    if (Y.length !== N) throw new BackpropError('shape_mismatch', 'Y', `${N} class names (one per row of X)`, `${Y.length}`);
    return oneHot(encodeLabels(labels, Y as string[], 'Y'), N, C, net.dtype);
  }
  const indices = ArrayBuffer.isView(Y) || (Array.isArray(Y) && (Y.length === 0 || !Array.isArray(Y[0])));
  // One linear unit is a regression: a flat vector holds its N target values, not class indices (as core).
  if (indices && C === 1 && net.output === 'linear') return rowTargets(net, Array.from(Y as ArrayLike<number>, (v) => [v]), N);
  if (!indices) return rowTargets(net, Y, N);
  const labels = Y as ArrayLike<unknown>;
  const binary = C === 1 && net.output === 'logistic';
  // One logistic unit is a binary classifier: 0 / 1 are its targets (checked first, as core does).
  if (binary) for (let i = 0; i < labels.length; i++) if (labels[i] !== 0 && labels[i] !== 1) throw new BackpropError('label_out_of_range', `Y[${i}]`, 'a class index 0 or 1 (one logistic output)', describe(labels[i]));
  if (labels.length !== N) throw new BackpropError('shape_mismatch', 'Y', `${N} class indices (one per row of X)`, `${labels.length}`);
  for (let i = 0; i < N; i++) {
    const c = labels[i];
    if (!binary && !(Number.isInteger(c) && (c as number) >= 0 && (c as number) < C)) throw new BackpropError('label_out_of_range', `Y[${i}]`, `an integer class index in [0, ${C})`, describe(c));
  }
  return oneHot(labels as ArrayLike<number>, N, C, net.dtype);
}

/** Targets given as rows (a Matrix or nested arrays), checked: shape, finiteness, and [0, 1] for a cross-entropy. */
function rowTargets(net: Network, Y: unknown, N: number): Matrix {
  const C = net.outputs;
  const m = Y instanceof Matrix ? Y : Matrix.from(Y as readonly (readonly number[])[], net.dtype, 'Y');
  if (m.rows !== N || m.cols !== C) throw new BackpropError('shape_mismatch', 'Y', `${N} × ${C} (one row per sample, n_L = ${C})`, `${m.rows} × ${m.cols}`);
  const i = firstNonFinite(m.data);
  if (i >= 0) throw new BackpropError('non_finite', `Y[${Math.floor(i / C)}][${i % C}]`, 'a finite number', describe(m.data[i]));
  const loss = net.spec.loss;
  if (loss === 'cross-entropy' || loss === 'binary-cross-entropy') {
    // Cross-entropy compares distributions: a target outside [0, 1] makes its loss unbounded below.
    const d = m.data;
    for (let k = 0; k < d.length; k++) {
      if (!(d[k]! >= 0 && d[k]! <= 1)) throw new BackpropError('label_out_of_range', `Y[${Math.floor(k / C)}][${k % C}]`, `a target in [0, 1] (${loss} compares probabilities)`, describe(d[k]));
    }
  }
  return m.dtype === net.dtype ? m : m.clone(net.dtype);
}

/** Class indices (checked) as targets: one-hot rows, or the index itself for one output unit. */
function oneHot(labels: ArrayLike<number>, N: number, C: number, dtype: DType): Matrix {
  const m = Matrix.zeros(N, C, dtype);
  for (let i = 0; i < N; i++) {
    if (C === 1) m.data[i] = labels[i]!;
    else m.data[i * C + labels[i]!] = 1;
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
  if (i >= 0) throw new BackpropError('non_finite', `X[${Math.floor(i / x.cols)}][${i % x.cols}]`, 'a finite number', describe(x.data[i]));
}
