import { BackpropError, describe } from '../errors.js';
import { lossValue } from '../losses.js';
import { Matrix } from '../matrix.js';
import type { OutputName } from '../outputs.js';
import type { LossName } from '../losses.js';
import type { NetworkHandle } from '../handle.js';
import { preprocessingOf } from '../preprocessing.js';
import { classesOf } from './data.js';
import type { ResolvedFitOptions } from './options.js';
import type { TrainingStateJSON } from './state.js';
import type { FitOptions, OptionChange } from './types.js';

// Class and sample weights (Keras's class_weight / sample_weight, scikit-learn's sample_weight).
// The weighted batch objective is   L_w = (1/N) Σ_r w_r ℓ_r   over the N rows of the batch (Keras's
// normalisation), not PyTorch's Σ w_r ℓ_r / Σ w_r. Why: with the 1/N form each sample's pull on θ is w_r/N
// whatever else is in its batch, so the mini-batch gradient is an unbiased estimate of the full-data objective
// (1/N_total) Σ w_i ℓ_i and mini-batch SGD minimises one fixed function; with Σ w_r in the denominator a rare,
// heavy class is diluted in exactly the batches where it appears together with others, and the objective
// depends on how the data was cut into batches. All weights 1 gives the ordinary mean loss. The price is that
// the gradient's scale follows the weights' mean: keep it near 1 ('balanced' does, exactly) and η carries over.

/** Per-class weights, resolved: index c is class c. */
export function resolveClassWeight(spec: FitOptions['classWeight'], classOf: Int32Array, classes: number, names: readonly string[] | undefined): number[] {
  if (spec === 'balanced') {
    // scikit-learn's compute_class_weight('balanced'): N / (K · n_c); the weights' mean over the rows is exactly 1.
    const counts = new Array<number>(classes).fill(0);
    for (const c of classOf) counts[c]!++;
    return counts.map((n) => (n > 0 ? classOf.length / (classes * n) : 1));
  }
  if (Array.isArray(spec)) {
    if (spec.length !== classes) throw new BackpropError('invalid_option', 'options.classWeight', `${classes} weights (one per class)`, `${spec.length}`);
    return [...spec];
  }
  const w = new Array<number>(classes).fill(1);
  for (const [key, value] of Object.entries(spec as Record<string, number>)) {
    const c = names?.indexOf(key) ?? -1;
    const index = c >= 0 ? c : /^\d+$/.test(key) ? Number(key) : -1;
    if (index < 0 || index >= classes) {
      const known = names ? `a class name (${names.join(', ')}) or index in [0, ${classes})` : `a class index in [0, ${classes})`;
      throw new BackpropError('invalid_option', `options.classWeight.${key}`, known, describe(key));
    }
    w[index] = value;
  }
  return w;
}

/** w_r = classWeight[class of row r] · sampleWeight[r], for the N training rows. */
export function rowWeights(classWeight: readonly number[] | undefined, classOf: Int32Array | undefined, sampleWeight: ArrayLike<number> | undefined, N: number): Float64Array {
  if (sampleWeight !== undefined && sampleWeight.length !== N) {
    throw new BackpropError('shape_mismatch', 'options.sampleWeight', `${N} weights (one per training row)`, `${sampleWeight.length}`);
  }
  const w = new Float64Array(N);
  for (let r = 0; r < N; r++) w[r] = (classWeight && classOf ? classWeight[classOf[r]!]! : 1) * (sampleWeight ? sampleWeight[r]! : 1);
  return w;
}

/** L_w = (1/N) Σ_r w_r ℓ_r over the batch (N = a.rows), ℓ_r the loss of row r (SPEC §1's per-sample loss). */
export function weightedLoss(fn: OutputName, loss: LossName, a: Matrix, yHat: Matrix, Y: Matrix, w: Float64Array): number {
  const { rows: N, cols } = a;
  let total = 0;
  for (let r = 0; r < N; r++) {
    if (w[r] === 0) continue;
    const row = (m: Matrix): Matrix => new Matrix(1, cols, m.data.subarray(r * cols, (r + 1) * cols));
    total += w[r]! * lossValue(fn, loss, row(a), row(yHat), row(Y));
  }
  return total / N;
}

/** ∇a_L of L_w: the unweighted mean's gradient (which holds the 1/N) with row r times w_r. */
export function scaleRows(gradA: Matrix, w: Float64Array): void {
  const { rows, cols, data } = gradA;
  for (let r = 0; r < rows; r++) {
    const s = w[r]!;
    for (let j = 0; j < cols; j++) data[r * cols + j] = data[r * cols + j]! * s;
  }
}

/**
 * A run's class and sample weights (each given now, else the saved run's; a change is recorded) and the
 * per-row weights they make; all undefined for an unweighted run. Saved sample weights must fit the data's rows.
 */
export function runWeights(
  net: NetworkHandle,
  classifier: boolean,
  o: ResolvedFitOptions,
  saved: TrainingStateJSON | undefined,
  y: Matrix,
  changes: OptionChange[],
): { classWeight: readonly number[] | undefined; sampleWeight: readonly number[] | undefined; rows: Float64Array | undefined } {
  let classWeight = saved?.classWeight;
  if (o.classWeight !== undefined) {
    if (!classifier) throw new BackpropError('invalid_option', 'options.classWeight', 'a classifier (softmax, or one logistic output)', `a ${net.output} output with ${net.outputs} unit${net.outputs === 1 ? '' : 's'}`);
    const classes = net.output === 'softmax' ? net.outputs : 2;
    const asked = resolveClassWeight(o.classWeight, classesOf(y), classes, preprocessingOf(net)?.labels);
    if (saved && JSON.stringify(asked) !== JSON.stringify(classWeight ?? null)) {
      changes.push({ epoch: saved.epoch + 1, iteration: saved.iteration, option: 'classWeight', from: JSON.stringify(classWeight ?? null), to: JSON.stringify(asked) });
    }
    classWeight = asked;
  }
  let sampleWeight: ArrayLike<number> | undefined = saved?.sampleWeight;
  if (o.sampleWeight !== undefined) {
    if (saved && !sameValues(o.sampleWeight, sampleWeight)) {
      changes.push({ epoch: saved.epoch + 1, iteration: saved.iteration, option: 'sampleWeight', from: summary(sampleWeight), to: summary(o.sampleWeight) });
    }
    sampleWeight = o.sampleWeight;
  } else if (sampleWeight !== undefined && sampleWeight.length !== y.rows) {
    throw new BackpropError('shape_mismatch', 'options.sampleWeight', `${y.rows} weights (one per training row; the run's saved sample weights are for ${sampleWeight.length} rows)`, 'none given', 'Pass sampleWeight for this data (an array of ones to continue unweighted), or reset: true');
  }
  if (classWeight === undefined && sampleWeight === undefined) return { classWeight: undefined, sampleWeight: undefined, rows: undefined };
  const rows = rowWeights(classWeight, classWeight ? classesOf(y) : undefined, sampleWeight, y.rows);
  // Weights summing to 0 make every gradient 0: training would run and change nothing.
  if (rows.every((w) => w === 0)) {
    if (sampleWeight && Array.prototype.every.call(sampleWeight, (w: number) => w === 0)) {
      throw new BackpropError('invalid_option', 'options.sampleWeight', 'weights summing to more than 0 (all 0: nothing would be learned)', summary(sampleWeight));
    }
    const given = `${JSON.stringify(classWeight)}${sampleWeight ? ' with these sample weights' : ''}`;
    throw new BackpropError('invalid_option', 'options.classWeight', "class weights giving the training rows' weights a sum above 0 (it is 0: nothing would be learned)", given);
  }
  return { classWeight, sampleWeight: sampleWeight && Array.from(sampleWeight), rows };
}

const sameValues = (a: ArrayLike<number>, b: ArrayLike<number> | undefined): boolean => b !== undefined && a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));

/** A set of sample weights in a history entry: its length and sum (the values themselves are in the checkpoint). */
function summary(w: ArrayLike<number> | undefined): string {
  if (w === undefined) return 'none';
  let sum = 0;
  for (let i = 0; i < w.length; i++) sum += w[i]!;
  return `${w.length} weights, sum ${sum}`;
}
