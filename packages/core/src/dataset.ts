import { BackpropError, describe } from './errors.js';
import { Matrix, type Row } from './matrix.js';
import type { Targets } from './targets.js';

/** Inputs as a Matrix (N × n0) or nested arrays: one row per sample, each a number[] or a typed array. */
export type Inputs = Matrix | readonly Row[];

/** One sample given flat: n0 numbers as an array or typed array (`predict` and `classify` read it as a 1 × n0 batch). */
export type Sample = readonly number[] | Float32Array | Float64Array;

/** Targets as for {@link Targets}, or class names when the network has `labels` preprocessing. */
export type TrainTargets = Targets | readonly string[];

/** A data set with integer class labels: one row of `X` and one entry of `y` per sample (what `@backprop/datasets` returns). */
export interface ClassificationDataset {
  readonly task: 'classification';
  /** A short identifier (`'spiral'`, `'mnist-train'`, a CSV file's name). */
  readonly name: string;
  /** N × features, one sample per row (SPEC §3). */
  readonly X: Matrix;
  /** Class index in [0, classes) per row: length N. */
  readonly y: Int32Array;
  /** Number of classes; `classNames.length === classes`. */
  readonly classes: number;
  /** Human-readable name of class c at index c. */
  readonly classNames: readonly string[];
  /** One name per column of `X`. */
  readonly featureNames: readonly string[];
}

/** A data set with real-valued targets: `Y` has one row per sample and one column per output. */
export interface RegressionDataset {
  readonly task: 'regression';
  /** A short identifier (`'plane'`, a CSV file's name). */
  readonly name: string;
  /** N × features, one sample per row (SPEC §3). */
  readonly X: Matrix;
  /** N × outputs. */
  readonly Y: Matrix;
  /** One name per column of `X`. */
  readonly featureNames: readonly string[];
  /** One name per column of `Y`. */
  readonly targetNames: readonly string[];
}

/** Either kind of data set; switch on `task`. `@backprop/datasets` returns these, and every training call takes them. */
export type Dataset = ClassificationDataset | RegressionDataset;

/**
 * What `fit`, `train`, `steps`, `evaluate` and `validationData` take as one object: a {@link Dataset}, or a
 * plain pair `{ X, Y }` (targets as a matrix or class indices) / `{ X, y }` (class indices, as scikit-learn names them).
 */
export type TrainingData = Dataset | { readonly X: Inputs; readonly Y: TrainTargets } | { readonly X: Inputs; readonly y: TrainTargets };

/** A {@link TrainingData} taken apart: inputs, targets, and the class names when the data carried them. */
export interface UnpackedData {
  readonly X: Inputs;
  readonly Y: TrainTargets;
  readonly classNames: readonly string[] | undefined;
  /** What a {@link Dataset} says of itself (absent for a plain `{ X, y }` / `{ X, Y }`), for messages that name it. */
  readonly about?: { readonly task: Dataset['task']; readonly name: string; readonly classes: number | undefined };
}

const KEYS = ['X', 'Y', 'y', 'task', 'name', 'classes', 'classNames', 'featureNames', 'targetNames'];

/** True for an object that looks like data (`{ X, … }`), as opposed to inputs (a Matrix or rows). */
export function isTrainingData(value: unknown): value is TrainingData {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Matrix) && 'X' in value;
}

/** Takes a {@link TrainingData} apart, refusing unknown keys and ambiguous targets (both `y` and `Y`). */
export function unpackData(argument: string, data: unknown): UnpackedData {
  // Data given inside the options (validationData) is an option: a bad one is invalid_option, as the README says.
  const code = argument.startsWith('options.') ? 'invalid_option' : 'invalid_argument';
  if (!isTrainingData(data)) throw new BackpropError(code, argument, 'a dataset { X, y } / { X, Y }', describe(data));
  const d = data as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!KEYS.includes(key)) throw new BackpropError(code, `${argument}.${key}`, `one of the known keys (${KEYS.join(', ')})`, 'an unknown key');
  }
  const hasY = d.Y !== undefined;
  const hasy = d.y !== undefined;
  if (hasY === hasy) throw new BackpropError(code, `${argument}.${hasY ? 'y' : 'Y'}`, 'targets as either y (class indices) or Y (a matrix), exactly one', hasY ? 'both' : 'neither');
  const names = d.classNames;
  if (names !== undefined && (!Array.isArray(names) || !names.every((n) => typeof n === 'string'))) {
    throw new BackpropError(code, `${argument}.classNames`, 'an array of class names', describe(names));
  }
  // Two classes of one name would give the network labels it could not be saved with (a model file's labels are distinct).
  const twice = names === undefined ? -1 : (names as string[]).findIndex((n, i) => (names as string[]).indexOf(n) !== i);
  if (twice >= 0) {
    const name = (names as string[])[twice]!;
    throw new BackpropError(code, `${argument}.classNames[${twice}]`, 'a class name not listed before', describe(name), `Output c is the class classNames[c]: give each class its own name (${JSON.stringify(name)} is also classNames[${(names as string[]).indexOf(name)}])`);
  }
  const unpacked = { X: d.X as Inputs, Y: (hasY ? d.Y : d.y) as TrainTargets, classNames: names as readonly string[] | undefined };
  if (d.task !== 'classification' && d.task !== 'regression') return unpacked;
  const about = { task: d.task as Dataset['task'], name: typeof d.name === 'string' ? d.name : argument, classes: typeof d.classes === 'number' ? d.classes : undefined };
  return { ...unpacked, about };
}
