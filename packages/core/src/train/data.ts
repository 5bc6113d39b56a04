import { BackpropError, describe } from '../errors.js';
import { forwardPass } from '../forward.js';
import { lossValue } from '../losses.js';
import { type FloatArray, Matrix } from '../matrix.js';
import type { NetworkHandle } from '../handle.js';
import type { NetworkInternals } from '../internals.js';
import { prepareInput, prepareTargets } from '../preprocessing.js';
import type { Rng } from '../random.js';
import { type ResolvedRegularization, penaltyValue } from '../regularization.js';
import type { Inputs, TrainTargets } from '../dataset.js';

/** How predictions are scored as classes: argmax of a softmax, ŷ ≥ 0.5 of one logistic unit, or not at all. */
export type TaskKind = 'multiclass' | 'binary' | undefined;

/** The task a network's output implies. */
export function taskOf(net: NetworkHandle): TaskKind {
  if (net.output === 'softmax') return 'multiclass';
  return net.output === 'logistic' && net.outputs === 1 ? 'binary' : undefined;
}

/** The class of each target row (argmax, or y ≥ 0.5 for one unit). */
export function classesOf(Y: Matrix): Int32Array {
  return Int32Array.from({ length: Y.rows }, (_, r) => rowClass(Y, r));
}

function rowClass(m: Matrix, r: number): number {
  const o = r * m.cols;
  if (m.cols === 1) return m.data[o]! >= 0.5 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < m.cols; j++) if (m.data[o + j]! > m.data[o + best]!) best = j;
  return best;
}

/** Rows of ŷ whose class equals the target's (allocation-free: it runs every step). */
export function countCorrect(yHat: Matrix, Y: Matrix): number {
  let n = 0;
  for (let r = 0; r < yHat.rows; r++) if (rowClass(yHat, r) === rowClass(Y, r)) n++;
  return n;
}

// Rows at least this long are copied whole (TypedArray.set: a memcpy) from views made once per run;
// shorter rows element by element, where a call per row would cost more than the copy.
const ROW_COPY_MIN = 16;

/** Views of the rows of X, made once per run, when {@link gather} copies them whole (else undefined). */
export function rowViews(X: Matrix): FloatArray[] | undefined {
  if (X.cols < ROW_COPY_MIN) return undefined;
  return Array.from({ length: X.rows }, (_, i) => X.row(i));
}

/**
 * Copies rows `order[start … start + Xb.rows)` of X and Y into the batch buffers. `rows` are X's row
 * views from {@link rowViews} (no view allocated per step); without them X is copied element by element.
 */
export function gather(X: Matrix, Y: Matrix, order: ArrayLike<number>, start: number, Xb: Matrix, Yb: Matrix, rows?: readonly FloatArray[]): void {
  const { cols: nx, data: x } = X;
  const { cols: ny, data: y } = Y;
  const xb = Xb.data;
  const yb = Yb.data;
  for (let r = 0; r < Xb.rows; r++) {
    const i = order[start + r]!;
    if (rows) xb.set(rows[i]!, r * nx);
    else for (let j = 0; j < nx; j++) xb[r * nx + j] = x[i * nx + j]!;
    for (let j = 0; j < ny; j++) yb[r * ny + j] = y[i * ny + j]!;
  }
}

/** Batch b of an epoch that takes the rows in order: rows [b·size, b·size + n) of X and of Y, as views. */
export interface BatchSpan {
  readonly x: FloatArray;
  readonly y: FloatArray;
}

/**
 * The batches of an epoch without shuffling (or of one batch of all rows), where batch b is always the
 * same contiguous rows: their views, made once per run, are then copied whole by {@link copyBatch} (one
 * memcpy each) instead of row by row, element by element, as {@link gather} copies a shuffled order.
 */
export function inOrderBatches(X: Matrix, Y: Matrix, size: number): BatchSpan[] {
  const spans: BatchSpan[] = [];
  for (let from = 0; from < X.rows; from += size) {
    const to = Math.min(X.rows, from + size);
    spans.push({ x: X.data.subarray(from * X.cols, to * X.cols), y: Y.data.subarray(from * Y.cols, to * Y.cols) });
  }
  return spans;
}

/** Copies a batch of {@link inOrderBatches} into the batch buffers (sized for its rows). */
export function copyBatch(span: BatchSpan, Xb: Matrix, Yb: Matrix): void {
  Xb.data.set(span.x);
  Yb.data.set(span.y);
}

function take(m: Matrix, rows: readonly number[]): Matrix {
  const out = Matrix.zeros(rows.length, m.cols, m.dtype);
  rows.forEach((i, r) => {
    out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols);
  });
  return out;
}

/** Training and validation matrices as the first layer sees them (preprocessing applied). */
export interface PreparedData {
  readonly x: Matrix;
  readonly y: Matrix;
  readonly val: { readonly x: Matrix; readonly y: Matrix } | undefined;
  /** max |x| over the training inputs: a divergence hint when large. */
  readonly inputScale: number;
}

/**
 * Takes the validated training data (`X` and `Y` checked, `inputScale` = max |x| over X), validates the
 * validation data, or holds out the validation fraction AFTER a seeded shuffle (consuming `rng`),
 * stratified by class when asked: each class gives round(fraction · its count) rows.
 */
export function prepareData(
  net: NetworkHandle,
  X: Matrix,
  Y: Matrix,
  inputScale: number,
  split: { fraction: number | undefined; stratify: boolean; data: { readonly X: Inputs; readonly Y: TrainTargets } | undefined },
  rng: Rng,
): PreparedData {
  let x = X;
  let y = Y;
  let val: PreparedData['val'];
  if (split.data) {
    const vx = prepareInput(net, 'options.validationData.X', split.data.X);
    val = { x: vx, y: prepareTargets(net, 'options.validationData.Y', split.data.Y, vx.rows) };
  } else if (split.fraction !== undefined) {
    const N = x.rows;
    const order = Array.from({ length: N }, (_, i) => i);
    for (let i = N - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const groups = new Map<number, number[]>();
    const cls = split.stratify ? classesOf(y) : new Int32Array(N);
    for (const i of order) {
      const g = groups.get(cls[i]!) ?? [];
      g.push(i);
      groups.set(cls[i]!, g);
    }
    const held = new Set<number>();
    for (const g of groups.values()) for (const i of g.slice(0, Math.round(split.fraction * g.length))) held.add(i);
    if (held.size === 0 || held.size === N) {
      throw new BackpropError('invalid_option', 'options.validationSplit', `a fraction leaving ≥ 1 row on each side (N = ${N})`, describe(split.fraction));
    }
    const valRows = order.filter((i) => held.has(i));
    const trainRows = order.filter((i) => !held.has(i));
    val = { x: take(x, valRows), y: take(y, valRows) };
    x = take(x, trainRows);
    y = take(y, trainRows);
    inputScale = 0; // over the training rows only
    for (let i = 0; i < x.data.length; i++) inputScale = Math.max(inputScale, Math.abs(x.data[i]!));
  }
  return { x, y, val, inputScale };
}

const CHUNK = 256;

/** Mean loss (+ penalty) and correct count over a whole set, in chunks through the network's workspaces. */
export function evaluateSet(inner: NetworkInternals, x: Matrix, y: Matrix, reg: ResolvedRegularization | undefined, task: TaskKind): { loss: number; correct: number } {
  const { model } = inner;
  let total = 0;
  let correct = 0;
  for (let start = 0; start < x.rows; start += CHUNK) {
    const n = Math.min(CHUNK, x.rows - start);
    const ws = inner.workspace(n);
    ws.h[0]!.data.set(x.data.subarray(start * x.cols, (start + n) * x.cols));
    const Yb = y.sliceRows(start, start + n);
    const trace = forwardPass(model, ws);
    total += lossValue(model.spec.output, model.spec.loss, trace.a[trace.a.length - 1]!, trace.yHat, Yb) * n;
    if (task) correct += countCorrect(trace.yHat, Yb);
  }
  const penalty = reg ? penaltyValue(model.W.map((w) => w.data), reg) : 0;
  return { loss: total / x.rows + penalty, correct };
}
