import { BackpropError, describe } from './errors.js';
import { Matrix } from './matrix.js';
import type { NetworkHandle as Network } from './handle.js';
import { type Targets, isClassIndices, toTargetMatrix } from './targets.js';
import { checkDataMatrix, lastMaxAbs, maxAbsFinite } from './validate.js';
import type { UnpackedData } from './dataset.js';

/** `standard`: x′ = (x − mean) / std.  `min-max`: x′ = (x − min) / (max − min), into [0, 1] on the training data. */
export type ScalerKind = 'standard' | 'min-max';

/** Every scaler kind. */
export const scalerKinds: readonly ScalerKind[] = ['standard', 'min-max'];

/**
 * A fitted per-feature affine map x′_j = (x_j − offset_j) / scale_j. A constant feature gets
 * scale 1, so it maps to 0 instead of dividing by zero.
 */
export interface Scaler {
  readonly kind: ScalerKind;
  /** mean (standard) or min (min-max), one per input feature. */
  readonly offset: readonly number[];
  /** population std (standard) or max − min (min-max), one per input feature; always > 0. */
  readonly scale: readonly number[];
}

/**
 * What a network does to raw data before its first layer, saved inside the model file: an input
 * scaler, the class names (index c of the output ↔ `labels[c]`) and the input feature names (column j
 * of X ↔ `features[j]`, so tools can map named inputs such as CSV headers or JSON keys by name).
 */
export interface Preprocessing {
  readonly input?: Scaler;
  readonly labels?: readonly string[];
  readonly features?: readonly string[];
}

type Fail = (path: string, expected: string, actual: unknown) => never;

const argumentError: Fail = (path, expected, actual) => {
  throw new BackpropError('invalid_argument', path, expected, describe(actual));
};

/**
 * Fits a scaler on training data (N × n, N ≥ 1). Fit it on the training split only, then hand it to
 * {@link Network.setPreprocessing}, so that every later call takes raw inputs.
 * @example net.setPreprocessing({ input: fitScaler(Xtrain, 'standard') })
 */
export function fitScaler(X: Matrix | readonly (readonly number[])[], kind: ScalerKind = 'standard'): Scaler {
  if (kind !== 'standard' && kind !== 'min-max') argumentError('kind', "'standard' or 'min-max'", kind);
  const cols = X instanceof Matrix ? X.cols : Array.isArray(X) && Array.isArray(X[0]) ? X[0].length : 0;
  const x = checkDataMatrix('X', X, cols, 'float64');
  const offset: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < x.cols; j++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let r = 0; r < x.rows; r++) {
      const v = x.data[r * x.cols + j]!;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      sum += v;
    }
    if (kind === 'min-max') {
      offset.push(lo);
      scale.push(hi > lo ? hi - lo : 1);
      continue;
    }
    const mean = sum / x.rows;
    let ss = 0;
    for (let r = 0; r < x.rows; r++) {
      const d = x.data[r * x.cols + j]! - mean;
      ss += d * d; // a product, not **: Math.pow may round differently across engines
    }
    const sd = Math.sqrt(ss / x.rows);
    offset.push(mean);
    scale.push(sd > 0 ? sd : 1);
  }
  return { kind, offset, scale };
}

/** Applies a scaler: a new matrix (float64 unless `dtype` says otherwise). */
export function applyScaler(scaler: Scaler, X: Matrix | readonly (readonly number[])[], dtype: 'float32' | 'float64' = 'float64'): Matrix {
  const x = checkDataMatrix('X', X, scaler.offset.length, 'float64');
  const out = Matrix.zeros(x.rows, x.cols, dtype);
  for (let i = 0; i < x.data.length; i++) {
    const j = i % x.cols;
    out.data[i] = (x.data[i]! - scaler.offset[j]!) / scaler.scale[j]!;
  }
  return out;
}

/** The sorted distinct class names of string labels: index c of the network's output is class `labels[c]`. */
export function fitLabels(labels: readonly string[]): readonly string[] {
  if (!Array.isArray(labels) || labels.length === 0) argumentError('labels', 'a non-empty array of strings', labels);
  labels.forEach((l, i) => {
    if (typeof l !== 'string') argumentError(`labels[${i}]`, 'a string', l);
  });
  return [...new Set(labels)].sort();
}

/** Class names → class indices, through `classes` (from {@link fitLabels}). Unknown names are `label_out_of_range`. */
export function encodeLabels(classes: readonly string[], labels: readonly string[], argument = 'labels'): Int32Array {
  const index = new Map(classes.map((c, i) => [c, i]));
  return Int32Array.from(labels, (l, i) => {
    const c = index.get(l);
    if (c === undefined) throw new BackpropError('label_out_of_range', `${argument}[${i}]`, `one of the classes ${describe(classes.join(', '))}`, describe(l));
    return c;
  });
}

/** Validates a {@link Preprocessing} for a network with `inputs` features and `classes` output classes. */
export function checkPreprocessing(value: unknown, inputs: number, classes: number, path: string, fail: Fail = argumentError): Preprocessing {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object { input?, labels?, features? }', value);
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) if (key !== 'input' && key !== 'labels' && key !== 'features') fail(`${path}.${key}`, 'no such key (known: input, labels, features)', o[key]);
  if (o.input !== undefined) {
    const s = o.input as Record<string, unknown>;
    if (typeof s !== 'object' || s === null) fail(`${path}.input`, 'a scaler { kind, offset, scale }', s);
    for (const key of Object.keys(s)) if (!['kind', 'offset', 'scale'].includes(key)) fail(`${path}.input.${key}`, 'no such key (known: kind, offset, scale)', s[key]);
    if (s.kind !== 'standard' && s.kind !== 'min-max') fail(`${path}.input.kind`, "'standard' or 'min-max'", s.kind);
    for (const key of ['offset', 'scale'] as const) {
      const v = s[key];
      if (!Array.isArray(v) || v.length !== inputs) fail(`${path}.input.${key}`, `an array of ${inputs} numbers (one per input)`, v);
      (v as unknown[]).forEach((x, j) => {
        if (typeof x !== 'number' || !Number.isFinite(x) || (key === 'scale' && x <= 0)) fail(`${path}.input.${key}[${j}]`, key === 'scale' ? 'a finite number > 0' : 'a finite number', x);
      });
    }
  }
  if (o.labels !== undefined) {
    const l = o.labels;
    if (!Array.isArray(l) || l.length !== classes) fail(`${path}.labels`, `an array of ${classes} class names (one per class)`, l);
    (l as unknown[]).forEach((x, i) => {
      if (typeof x !== 'string') fail(`${path}.labels[${i}]`, 'a string', x);
      if ((l as unknown[]).indexOf(x) !== i) fail(`${path}.labels[${i}]`, 'a class name not listed before', x);
    });
  }
  if (o.features !== undefined) {
    const f = o.features;
    if (!Array.isArray(f) || f.length !== inputs) fail(`${path}.features`, `an array of ${inputs} feature names (one per input)`, f);
    (f as unknown[]).forEach((x, j) => {
      if (typeof x !== 'string' || x === '') fail(`${path}.features[${j}]`, 'a non-empty string', x);
      if ((f as unknown[]).indexOf(x) !== j) fail(`${path}.features[${j}]`, 'a feature name not listed before', x);
    });
  }
  const input = o.input as Scaler | undefined;
  const labels = o.labels as string[] | undefined;
  const features = o.features as string[] | undefined;
  return {
    ...(input ? { input: { kind: input.kind, offset: [...input.offset], scale: [...input.scale] } } : {}),
    ...(labels ? { labels: [...labels] } : {}),
    ...(features ? { features: [...features] } : {}),
  };
}

const stored = new WeakMap<Network, Preprocessing>();

/** @internal The preprocessing attached to a network (undefined: raw data goes straight in). */
export function preprocessingOf(net: Network): Preprocessing | undefined {
  return stored.get(net);
}

/** @internal Attaches (or with undefined, removes) a validated preprocessing. */
export function attachPreprocessing(net: Network, p: Preprocessing | undefined): void {
  if (p && (p.input || p.labels || p.features)) stored.set(net, p);
  else stored.delete(net);
}

/**
 * @internal Refuses data whose class names are not `expected` (same names, same order): its class indices
 * would mean other classes (two CSV files parsed apart, one missing a class, number them differently).
 * `whose` says where `expected` comes from, for the message.
 */
export function checkClassNames(argument: string, classNames: readonly string[], expected: readonly string[], whose: string): void {
  if (expected.length === classNames.length && expected.every((l, i) => l === classNames[i])) return;
  throw new BackpropError(
    'invalid_argument',
    argument,
    `${whose} class names (${expected.join(', ')}) in that order`,
    classNames.join(', '),
    `Class indices follow the names; parse the data with those names (parseCSV(text, { classNames: [${expected.map((n) => JSON.stringify(n)).join(', ')}] }))`,
  );
}

/**
 * @internal A dataset's class names become the network's `labels` (scikit-learn's `classes_`), so that
 * predictions can be read by name; names that disagree with labels already attached are refused (the
 * targets' indices would mean other classes).
 */
export function adoptClassNames(net: Network, classNames: readonly string[], argument = 'data.classNames'): void {
  const p = stored.get(net);
  if (p?.labels) {
    checkClassNames(argument, classNames, p.labels, "the network's");
    return;
  }
  const labels = adoptableLabels(net, classNames);
  if (labels) attachPreprocessing(net, { ...p, labels: [...labels] });
}

/**
 * @internal The class names {@link adoptClassNames} would attach: the data's, when the network has no labels
 * and they are as many as its classes (others are not this network's classes: left out); else undefined.
 */
export function adoptableLabels(net: Network, classNames: readonly string[] | undefined): readonly string[] | undefined {
  if (!classNames || stored.get(net)?.labels || classNames.length !== classCount(net)) return undefined;
  return classNames;
}

/**
 * @internal A data set against the network it goes into, before its targets are read, so the message names the
 * data set: a softmax classifier takes no regression set, a classifier takes as many classes as it has, and the
 * class names must be the network's (or `trainNames`, the training data's). Returns the data.
 */
export function checkDataset<D extends UnpackedData>(net: Network, argument: string, data: D, trainNames?: readonly string[]): D {
  // Names first: when both sides have them, the two lists say most (a test file missing a class).
  checkDataClassNames(net, `${argument}.classNames`, data.classNames, trainNames);
  const about = data.about;
  if (about && (net.output === 'softmax' || (net.output === 'logistic' && net.outputs === 1))) {
    const outputs = `${net.outputs} ${net.output} unit${net.outputs === 1 ? '' : 's'}`;
    if (about.task === 'regression' && net.output === 'softmax') {
      throw new BackpropError('invalid_argument', `${argument}.task`, `a classification data set (the network's output, ${outputs}, classifies)`, `the regression data set '${about.name}'`, 'Use a linear output with squared error for regression');
    }
    const k = classCount(net);
    if (about.task === 'classification' && about.classes === 1) {
      const names = data.classNames ? ` (${data.classNames.join(', ')})` : '';
      throw new BackpropError('invalid_argument', `${argument}.classes`, 'at least 2 classes (a classifier tells classes apart)', `1 class in '${about.name}'${names}`, 'Every row has the same label: check the label column (or, for a numeric target, fit a linear output on a regression set)');
    }
    if (about.task === 'classification' && about.classes !== undefined && about.classes !== k) {
      const names = data.classNames ? ` (${data.classNames.join(', ')})` : '';
      throw new BackpropError('shape_mismatch', `${argument}.classes`, `${k} classes (the network's output: ${outputs})`, `${about.classes} in '${about.name}'${names}`, `Give the network's output ${about.classes === 2 ? '2 softmax units or 1 logistic unit' : `${about.classes} softmax units`}`);
    }
  }
  return data;
}

/**
 * @internal A data set given for scoring (evaluate, validationData) must use the network's class names, if it
 * has some, else those of the training data it goes with (`trainNames`).
 */
export function checkDataClassNames(net: Network, argument: string, classNames: readonly string[] | undefined, trainNames?: readonly string[]): void {
  const labels = stored.get(net)?.labels;
  if (!classNames) return;
  if (labels) checkClassNames(argument, classNames, labels, "the network's");
  else if (trainNames) checkClassNames(argument, classNames, trainNames, "the training data's");
}

/** Classes of a network's output: n_L, or 2 for a single logistic unit. */
export function classCount(net: Network): number {
  return net.output === 'logistic' && net.outputs === 1 ? 2 : net.outputs;
}

/** @internal max |x| of the matrix the latest {@link prepareInput} returned, found by its finiteness check. */
export let inputMaxAbs = 0;

/**
 * @internal Validates raw inputs and applies the network's scaler: the matrix its first layer sees.
 * `assumeFinite`: no pass checking that every entry is finite (the caller checks rows where it reads them).
 */
export function prepareInput(net: Network, argument: string, X: unknown, assumeFinite = false): Matrix {
  const scaler = stored.get(net)?.input;
  const x = checkDataMatrix(argument, X, net.inputs, scaler ? 'float64' : net.dtype, assumeFinite);
  inputMaxAbs = lastMaxAbs;
  if (!scaler) return x;
  const scaled = applyScaler(scaler, x, net.dtype);
  if (assumeFinite) return scaled;
  // Finite raw values can leave the dtype's range once scaled (an extreme offset in a model file).
  inputMaxAbs = maxAbsFinite(scaled.data, (i, v) => {
    const r = Math.floor(i / x.cols);
    return new BackpropError('non_finite', `${argument}[${r}]`, `an input that stays finite after preprocessing (${net.dtype})`, `${v} in the input after preprocessing (h0), unit ${i - r * x.cols}`, 'Check the scaler in the model’s preprocessing');
  });
  return scaled;
}

/**
 * @internal Validates targets (class names allowed when the network has labels, or is about to take
 * `adopting` from the data) as an N × n_L matrix.
 */
export function prepareTargets(net: Network, argument: string, Y: Targets | readonly string[], N: number, adopting?: readonly string[]): Matrix {
  if (Array.isArray(Y) && Y.length > 0 && typeof Y[0] === 'string') {
    const labels = stored.get(net)?.labels ?? adopting;
    if (!labels) throw new BackpropError('invalid_argument', argument, 'numeric targets (class names need setPreprocessing({ labels }))', 'strings');
    if (Y.length !== N) throw new BackpropError('shape_mismatch', argument, `${N} class names (one per row of X)`, `${Y.length}`);
    const indices = encodeLabels(labels, Y as readonly string[], argument);
    if (net.outputs === 1) return toTargetMatrix(Array.from(indices, (c) => [c]), N, 1, net.dtype, argument);
    return toTargetMatrix(indices, N, net.outputs, net.dtype, argument);
  }
  if (net.outputs === 1 && net.output === 'logistic' && isClassIndices(Y as Targets)) {
    // One logistic unit is a binary classifier: class indices 0 / 1 are its targets (as Keras takes them).
    const c = Y as ArrayLike<number>;
    for (let i = 0; i < c.length; i++) {
      if (c[i] !== 0 && c[i] !== 1) throw new BackpropError('label_out_of_range', `${argument}[${i}]`, 'a class index 0 or 1 (one logistic output)', describe(c[i]));
    }
    return toTargetMatrix(Array.from(c, (v) => [v]), N, 1, net.dtype, argument);
  }
  if (net.outputs === 1 && net.output === 'linear' && isClassIndices(Y as Targets)) {
    // One linear unit is a regression: a flat vector holds its N target values (y of shape (N,), as Keras,
    // scikit-learn and TF.js take it), not class indices, which made [0, 0, …] silently one-hot [1] targets.
    return toTargetMatrix(Array.from(Y as ArrayLike<number>, (v) => [v]), N, 1, net.dtype, argument);
  }
  return probabilities(net, argument, toTargetMatrix(Y as Targets, N, net.outputs, net.dtype, argument));
}

/**
 * Cross-entropy compares distributions: a target outside [0, 1] makes the loss unbounded below, and
 * training then drives it to −∞ (measured: −596 on a softmax row [−1, 2]). Class indices are checked
 * where they are read; this checks targets given as a matrix.
 */
function probabilities(net: Network, argument: string, Y: Matrix): Matrix {
  const loss = net.spec.loss;
  if (loss !== 'cross-entropy' && loss !== 'binary-cross-entropy') return Y;
  const d = Y.data;
  for (let i = 0; i < d.length; i++) {
    if (d[i]! >= 0 && d[i]! <= 1) continue;
    const r = Math.floor(i / Y.cols);
    throw new BackpropError('label_out_of_range', `${argument}[${r}][${i - r * Y.cols}]`, `a target in [0, 1] (${loss} compares probabilities)`, describe(d[i]));
  }
  return Y;
}
