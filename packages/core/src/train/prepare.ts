import { type Inputs, type TrainTargets, type TrainingData, type UnpackedData, isTrainingData, unpackData } from '../dataset.js';
import { BackpropError, describe } from '../errors.js';
import type { NetworkHandle } from '../handle.js';
import { Matrix } from '../matrix.js';
import { adoptableLabels, checkDataset, prepareInput, prepareTargets } from '../preprocessing.js';
import { type Targets, isClassIndices } from '../targets.js';
import { checkKeys } from '../validate.js';

// What every training call does to its data, in two halves: unpacking (at the call, before the options are
// read) and checking (after them). `net.fit`, `train` and `steps` run the halves with their options in
// between; prepareTrainingData runs both for trainers built outside core (`@backprop/parallel`).

/** Training data as the first layer sees it and as the loss reads it: what {@link prepareTrainingData} returns. */
export interface PreparedTrainingData {
  /**
   * N × n0 inputs, every entry finite, with the network's input scaler applied, in its dtype: `X` itself
   * (not a copy) when it already was a Matrix in that dtype and the network has no scaler.
   */
  readonly X: Matrix;
  /** N × n_L targets in the network's dtype: class indices and class names one-hot (one 0 / 1 column for one logistic unit). */
  readonly Y: Matrix;
  /** The class names the data carried (a `Dataset`'s `classNames`), else undefined. */
  readonly classNames: readonly string[] | undefined;
  /**
   * The class names `net.fit` attaches to the network as its `labels` preprocessing: the data's, when the
   * network has no labels yet and they name its classes; else undefined (nothing to attach).
   */
  readonly labels: readonly string[] | undefined;
}

/** `(X, Y)` or `(data)` of a training call → its data taken apart (unknown keys, `y` and `Y` both, multi-label class indices refused). */
export function unpackTrainingArgs(net: NetworkHandle, a: unknown, b: unknown): UnpackedData {
  const isData = isTrainingData(a);
  const data: UnpackedData = isData ? unpackData('data', a) : { X: a as Inputs, Y: b as TrainTargets, classNames: undefined };
  // Several logistic units answer yes / no per label: bare class indices cannot say which labels are on. A
  // classification Dataset (one class per row, declared) is one-vs-rest on purpose and is one-hot encoded.
  if (net.output === 'logistic' && net.outputs > 1 && data.about?.task !== 'classification' && isClassIndices(data.Y as Targets)) {
    throw new BackpropError('invalid_argument', isData ? 'data.y' : 'Y', `a 0 / 1 target matrix N × ${net.outputs} (multi-label: one column per label)`, 'class indices', 'For one class per row use a softmax output (or one-hot rows)');
  }
  return data;
}

/**
 * Unpacked data against the network: the data set's task, classes and class names, then X (shape, every
 * entry finite unless `assumeFinite`, scaled), then Y against X's rows. Reads the network, changes nothing.
 */
export function checkTrainingData(net: NetworkHandle, data: UnpackedData, assumeFinite = false): PreparedTrainingData {
  checkDataset(net, 'data', data);
  const labels = adoptableLabels(net, data.classNames);
  const X = prepareInput(net, 'X', data.X, assumeFinite);
  // Class names as targets read the labels the network has, or those it is about to take from the data.
  const Y = prepareTargets(net, 'Y', data.Y, X.rows, labels);
  return { X, Y, classNames: data.classNames, labels };
}

/** Options of {@link prepareTrainingData}. */
export interface PrepareTrainingDataOptions {
  /**
   * Skip the pass that checks every entry of X is finite (scikit-learn's `assume_finite`), for a caller
   * that checks each row where it reads it (core's `net.rowGradient` does so for a Matrix in the network's
   * dtype) and calls again without it to word a failure as `fit` does. Shapes and Y are checked either way. Default false.
   */
  readonly assumeFinite?: boolean;
}

/**
 * Validates and unpacks training data exactly as `net.fit` does, for a trainer of its own (a data-parallel
 * one, a custom loop): the same forms (`X, Y` or a {@link TrainingData}: a `Dataset`, `{ X, y }`,
 * `{ X, Y }`), the same checks in the same order and the same `BackpropError`s naming the same arguments
 * (`X[3][1]`, `Y`, `data.classes` …). One pass over X, which `fit` also makes (none with `assumeFinite`). Reads `net` and changes
 * nothing: attach `labels` yourself (`net.setPreprocessing({ ...net.preprocessing, labels })`) where
 * `net.fit` would. Throws `invalid_argument`, `invalid_option`, `shape_mismatch`, `empty_batch`, `non_finite`, `label_out_of_range`.
 * @example const { X, Y } = prepareTrainingData(net, [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]); // 4 × 2, 4 × 2 one-hot
 * @prelude const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } });
 */
export function prepareTrainingData(net: NetworkHandle, X: Inputs, Y: TrainTargets, options?: PrepareTrainingDataOptions): PreparedTrainingData;
export function prepareTrainingData(net: NetworkHandle, data: TrainingData, options?: PrepareTrainingDataOptions): PreparedTrainingData;
export function prepareTrainingData(net: NetworkHandle, a: Inputs | TrainingData, b?: TrainTargets | PrepareTrainingDataOptions, c?: PrepareTrainingDataOptions): PreparedTrainingData {
  if (typeof net !== 'object' || net === null || !(net.flat instanceof Float32Array || net.flat instanceof Float64Array)) {
    throw new BackpropError('invalid_argument', 'net', 'a Network', describe(net));
  }
  const isData = isTrainingData(a);
  if (isData && (Array.isArray(b) || b instanceof Matrix || ArrayBuffer.isView(b) || c !== undefined)) {
    throw new BackpropError('invalid_argument', 'Y', 'no targets beside a data set (it carries its own)', describe(b), 'Pass prepareTrainingData(net, dataset, options), or (net, X, Y, options)');
  }
  const options = (isData ? b : c) as PrepareTrainingDataOptions | undefined;
  if (options !== undefined) checkKeys('options', options, ['assumeFinite']);
  const assumeFinite = options?.assumeFinite ?? false;
  if (typeof assumeFinite !== 'boolean') throw new BackpropError('invalid_option', 'options.assumeFinite', 'true or false', describe(assumeFinite));
  return checkTrainingData(net, unpackTrainingArgs(net, a, isData ? undefined : b), assumeFinite);
}
