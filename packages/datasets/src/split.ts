import { BackpropError, type ClassificationDataset, type Dataset, Matrix, type RegressionDataset, createRng, shuffleInPlace } from '@backprop/core';
import { checkOptions, describeValue, optionalSeed } from './validate.js';

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** The test set's size: a fraction in (0, 1) of the rows, or a whole number of rows (default 0.25, as scikit-learn). */
  readonly test?: number;
  /** Seed of the shuffle (default 0). */
  readonly seed?: number;
  /** Keep each class's share in both halves (default: true for classification; regression cannot be stratified). */
  readonly stratify?: boolean;
}

/** The two halves of {@link trainTestSplit}, each a dataset of the input's kind. */
export interface TrainTestSplit<D extends Dataset> {
  readonly train: D;
  readonly test: D;
}

/**
 * Exactly `total` test rows shared among classes of `sizes` rows (scikit-learn's `_approximate_mode`):
 * each class gets the floor of its quota total·n_c/N, and the rows left over go to the largest remainders
 * (ties: the larger class, then the earlier one). Refuses when a class would go without a row on a side.
 */
function stratifiedCounts(sizes: readonly number[], total: number, N: number): number[] {
  const K = sizes.length;
  if (total < K) throw new BackpropError('invalid_option', 'test', `at least ${K} test rows (one per class when stratified), or stratify: false`, String(total));
  if (N - total < K) throw new BackpropError('invalid_option', 'test', `at most ${N - K} test rows (leaving ${K} train rows, one per class when stratified), or stratify: false`, String(total));
  const quota = sizes.map((n) => (total * n) / N);
  const counts = quota.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = sizes.map((_, c) => c).sort((a, b) => quota[b]! - counts[b]! - (quota[a]! - counts[a]!) || sizes[b]! - sizes[a]! || a - b);
  for (const c of byRemainder) {
    if (left === 0) break;
    counts[c]!++;
    left--;
  }
  return counts;
}

function rows(m: Matrix, index: readonly number[]): Matrix {
  const out = Matrix.zeros(index.length, m.cols, m.dtype);
  index.forEach((i, r) => {
    out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols);
  });
  return out;
}

/**
 * Splits a dataset into a training and a test set after a seeded shuffle (scikit-learn's
 * `train_test_split`): same seed, same split, in Node and browsers. Classification sets are stratified
 * by default: for a fraction each class gives round(test share · its count) rows to the test set, so rare
 * classes appear in both halves; a whole number gives exactly that many test rows, shared among the classes
 * by largest remainder (fewer than one per class is refused when stratified, as scikit-learn does). Both halves keep the input's kind, names and class list (`name` gets `-train` /
 * `-test`), so they go straight into `net.fit(train, { validationData: test })` and `net.evaluate(test)`.
 * Throws `invalid_option` for a size that leaves either half empty.
 * @example const { train, test } = trainTestSplit(spiral({ samples: 400 }), { test: 0.2, seed: 1 });
 */
export function trainTestSplit<D extends Dataset>(data: D, options?: SplitOptions): TrainTestSplit<D> {
  const o = checkOptions(options, ['test', 'seed', 'stratify']);
  if (typeof data !== 'object' || data === null || !(data.task === 'classification' || data.task === 'regression')) {
    throw new BackpropError('invalid_argument', 'data', "a dataset (task 'classification' or 'regression')", describeValue(data));
  }
  const N = data.X.rows;
  const test = o.test ?? 0.25;
  const fraction = typeof test === 'number' && test > 0 && test < 1;
  const count = typeof test === 'number' && Number.isInteger(test) && test >= 1 && test < N;
  if (!fraction && !count) throw new BackpropError('invalid_option', 'test', `a fraction in (0, 1) or a whole number of rows in [1, ${N - 1}]`, describeValue(test));
  const share = fraction ? test : test / N;
  const seed = optionalSeed(o.seed);
  if (o.stratify !== undefined && typeof o.stratify !== 'boolean') throw new BackpropError('invalid_option', 'stratify', 'a boolean', describeValue(o.stratify));
  const stratify = o.stratify ?? data.task === 'classification';
  if (stratify && data.task !== 'classification') throw new BackpropError('invalid_option', 'stratify', 'false for a regression set (no classes to stratify by)', 'true');

  const order = Array.from(shuffleInPlace(Int32Array.from({ length: N }, (_, i) => i), createRng(seed)));
  const held = new Set<number>();
  if (stratify) {
    const y = (data as ClassificationDataset).y;
    const groups = new Map<number, number[]>();
    for (const i of order) groups.set(y[i]!, [...(groups.get(y[i]!) ?? []), i]);
    const sizes = fraction ? [...groups.values()].map((g) => Math.round(share * g.length)) : stratifiedCounts([...groups.values()].map((g) => g.length), test, N);
    [...groups.values()].forEach((g, c) => {
      for (const i of g.slice(0, sizes[c])) held.add(i);
    });
  } else {
    for (const i of order.slice(0, fraction ? Math.round(share * N) : test)) held.add(i);
  }
  if (held.size === 0 || held.size === N) {
    throw new BackpropError('invalid_option', 'test', `a size leaving at least one row on each side (N = ${N})`, describeValue(test));
  }
  const testRows = order.filter((i) => held.has(i));
  const trainRows = order.filter((i) => !held.has(i));
  const half = (index: readonly number[], suffix: string): D => {
    if (data.task === 'classification') {
      const d = data as ClassificationDataset;
      return { ...d, name: `${d.name}-${suffix}`, X: rows(d.X, index), y: Int32Array.from(index, (i) => d.y[i]!) } as D;
    }
    const d = data as RegressionDataset;
    return { ...d, name: `${d.name}-${suffix}`, X: rows(d.X, index), Y: rows(d.Y, index) } as D;
  };
  return { train: half(trainRows, 'train'), test: half(testRows, 'test') };
}
