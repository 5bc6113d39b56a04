import { BackpropError, describe } from '../errors.js';
import type { NetworkHandle } from '../handle.js';
import type { NetworkInternals } from '../internals.js';
import { type FloatArray, Matrix } from '../matrix.js';
import { prepareInput, prepareTargets, preprocessingOf } from '../preprocessing.js';
import type { Inputs, TrainTargets } from '../dataset.js';
import { gradientInto } from './gradient.js';

/**
 * ∇θ over chosen rows of data fixed once (see {@link Network.rowGradient}): what a data-parallel
 * trainer or a hand-written loop calls every step, with no per-call copy or re-validation of the data.
 */
export interface RowGradient {
  /** N, the rows of the data. */
  readonly rows: number;
  /**
   * Writes ∇θ of the mean loss over rows `rows` of the data (in that order; indices in [0, N)), times
   * `scale`, into `out` (|θ| entries, θ's flat order), and returns that mean loss; θ is not changed. The
   * rows go straight from the data into the network's workspace. Each row's inputs are checked the first
   * time a call uses it: a non-finite one throws `non_finite` naming `X[row][column]` of the whole data.
   * Shards of a batch with scale = shard rows / batch rows sum to the batch's gradient.
   */
  compute(rows: ArrayLike<number>, out: FloatArray, scale?: number): number;
}

// Rows whose inputs have been checked: the data is read-only to a RowGradient, so once is enough.
const UNCHECKED = 0;

/**
 * Validates Y whole (and X whole when it has to be converted or scaled anyway: arrays, another dtype, a
 * network with an input scaler); a Matrix X in the network's dtype is used in place and checked row by
 * row on first use, so that several threads sharing X each check only the rows they train on.
 */
export function createRowGradient(net: NetworkHandle, use: (call: string) => NetworkInternals, X: Inputs, Y: TrainTargets): RowGradient {
  use('rowGradient');
  const inPlace = X instanceof Matrix && X.dtype === net.dtype && !preprocessingOf(net)?.input;
  if (inPlace && X.cols !== net.inputs) throw new BackpropError('shape_mismatch', 'X', `N × ${net.inputs} (the network has ${net.inputs} inputs)`, `${X.rows} × ${X.cols}`);
  if (inPlace && X.rows === 0) throw new BackpropError('empty_batch', 'X', 'at least one row', '0 rows');
  const x = inPlace ? X : prepareInput(net, 'X', X);
  const y = prepareTargets(net, 'Y', Y, x.rows);
  const N = x.rows;
  const C = y.cols;
  const checked = new Uint8Array(N).fill(inPlace ? UNCHECKED : 1);
  const targets = new Map<number, Matrix>();
  const P = net.flat.length;
  return {
    rows: N,
    compute(rows, out, scale = 1) {
      const inner = use('rowGradient');
      const n = rows?.length;
      if (typeof n !== 'number' || n === 0) throw new BackpropError('empty_batch', 'rows', 'at least one row index', describe(rows));
      if (!out || out.length !== P) throw new BackpropError('shape_mismatch', 'out', `${P} entries (|θ|)`, `${out?.length}`);
      if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new BackpropError('invalid_argument', 'scale', 'a finite number', describe(scale));
      const ws = inner.workspace(n);
      let Yb = targets.get(n);
      if (!Yb) targets.set(n, (Yb = Matrix.zeros(n, C, net.dtype)));
      gatherRows(x, y, rows, checked, ws.h[0]!, Yb);
      return gradientInto(inner, ws.h[0]!, Yb, out, scale);
    },
  };
}

/** Copies the listed rows of x and y into the batch buffers, checking a row's inputs the first time it is used. */
function gatherRows(x: Matrix, y: Matrix, rows: ArrayLike<number>, checked: Uint8Array, Xb: Matrix, Yb: Matrix): void {
  const { cols: n0, data: xs } = x;
  const { cols: C, data: ys } = y;
  const xb = Xb.data;
  const yb = Yb.data;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (!(Number.isInteger(i) && i >= 0 && i < x.rows)) throw new BackpropError('invalid_argument', `rows[${r}]`, `a row index in [0, ${x.rows})`, describe(i));
    const from = i * n0;
    if (checked[i] === UNCHECKED) {
      for (let j = 0; j < n0; j++) {
        const v = xs[from + j]!;
        if (v - v !== 0) throw new BackpropError('non_finite', `X[${i}][${j}]`, 'a finite number', describe(v));
      }
      checked[i] = 1;
    }
    // A row is a memcpy (wide rows: MNIST's 784); the few targets are copied element by element.
    xb.set(xs.subarray(from, from + n0), r * n0);
    for (let j = 0; j < C; j++) yb[r * C + j] = ys[i * C + j]!;
  }
}
