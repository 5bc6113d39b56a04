import type { ActivationName, LossName, OptimizerName, OutputName } from '@backprop/core';
import { defaultLearn, type LearnLink } from './learn-link.js';

// The playground's whole configuration: everything a shared link restores (url-state.ts writes it to the
// URL). Runtime state (weights, loss history) lives in the worker; this is only what the user chose.

/** The data sets the page offers: the 2-D playground sets, MNIST digits, and a pasted CSV. */
export type DatasetName = 'circle' | 'xor' | 'gaussians' | 'spiral' | 'spiral3' | 'plane' | 'bump' | 'mnist' | 'csv';

/** Dataset choices in menu order. */
export const datasetNames: readonly DatasetName[] = ['circle', 'xor', 'gaussians', 'spiral', 'spiral3', 'plane', 'bump', 'mnist', 'csv'];

/** Input features computed from a 2-D point (x1, x2), as in TensorFlow Playground. */
export type FeatureName = 'x' | 'y' | 'x2' | 'y2' | 'xy' | 'sinx' | 'siny';

/** Every feature, in the order they are fed to the network. */
export const featureNames: readonly FeatureName[] = ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'];

/** Weight penalty added to the data loss's gradient (weights only, not biases). */
export type Regularization = 'none' | 'l1' | 'l2';

/** One hidden layer as the user edits it. */
export interface LayerConfig {
  readonly units: number;
  readonly activation: ActivationName;
}

/** A point the user added by clicking: its position and class (or target value for regression). */
export interface AddedPoint {
  readonly x: number;
  readonly y: number;
  readonly label: number;
}

/** Controls that classroom mode (`?hide=…`) can hide. */
export type ControlId =
  | 'dataset' | 'noise' | 'samples' | 'ratio' | 'batch' | 'layers' | 'activation' | 'output' | 'optimizer'
  | 'learningRate' | 'regularization' | 'seed' | 'features' | 'stepThrough' | 'gradcheck' | 'health' | 'io' | 'csv';

/** Every control id that `hide` accepts. */
export const controlIds: readonly ControlId[] = [
  'dataset', 'noise', 'samples', 'ratio', 'batch', 'layers', 'activation', 'output', 'optimizer',
  'learningRate', 'regularization', 'seed', 'features', 'stepThrough', 'gradcheck', 'health', 'io', 'csv',
];

/** The whole user-chosen state of the page. */
export interface PlaygroundConfig {
  readonly dataset: DatasetName;
  /** Noise in [0, 1] (the datasets package's scale). */
  readonly noise: number;
  /** Generated samples (train + test). */
  readonly samples: number;
  /** Fraction of samples used for training, (0, 1). */
  readonly trainRatio: number;
  readonly batchSize: number;
  readonly layers: readonly LayerConfig[];
  readonly output: OutputName;
  readonly loss: LossName;
  readonly optimizer: OptimizerName;
  /** Momentum μ for sgd-family optimizers (ignored by the others). */
  readonly momentum: number;
  readonly learningRate: number;
  readonly regularization: Regularization;
  readonly regularizationRate: number;
  /** Seeds the weights' initialisation and the order of the mini-batches ("New weights"). */
  readonly seed: number;
  /** Seeds the generated data (and the CSV shuffle, the MNIST sample), apart from the weights ("Regenerate data"). */
  readonly dataSeed: number;
  /** Training speed in epochs a second (0: as fast as the engine goes). Applies live. */
  readonly speed: number;
  readonly features: readonly FeatureName[];
  /**
   * CSV data: standardize each input column, x′ = (x − mean) / std with mean and std of the training rows only
   * (the network's own input scaler, so an exported model takes raw rows). On by default, as a scikit-learn
   * pipeline would put a StandardScaler first: raw columns in the thousands saturate tanh units.
   */
  readonly standardize: boolean;
  readonly showTest: boolean;
  readonly discretize: boolean;
  readonly added: readonly AddedPoint[];
  /** Indices (into the generated set) of points the user removed. */
  readonly removed: readonly number[];
  /** Classroom mode: controls not shown. */
  readonly hide: readonly ControlId[];
  /** Where the Learn mode is (lesson, step, network, sample, exercise): learn-link.ts. */
  readonly learn: LearnLink;
}

/** The page as it first opens (close to TensorFlow Playground's defaults). */
export const defaultConfig: PlaygroundConfig = {
  dataset: 'circle',
  noise: 0,
  samples: 500,
  trainRatio: 0.5,
  batchSize: 10,
  layers: [
    { units: 4, activation: 'tanh' },
    { units: 2, activation: 'tanh' },
  ],
  output: 'softmax',
  loss: 'cross-entropy',
  optimizer: 'sgd',
  momentum: 0.9,
  learningRate: 0.03,
  regularization: 'none',
  regularizationRate: 0,
  seed: 1,
  dataSeed: 1,
  speed: 30,
  features: ['x', 'y'],
  standardize: true,
  showTest: false,
  discretize: false,
  added: [],
  removed: [],
  hide: [],
  learn: defaultLearn,
};

/** True for the regression sets (a surface instead of a decision boundary). */
export function isRegression(c: Pick<PlaygroundConfig, 'dataset'>): boolean {
  return c.dataset === 'plane' || c.dataset === 'bump';
}

/** Number of classes of a classification set known from its name (CSV and regression: undefined). */
export function knownClasses(dataset: DatasetName): number | undefined {
  if (dataset === 'mnist') return 10;
  if (dataset === 'spiral3') return 3;
  if (dataset === 'plane' || dataset === 'bump' || dataset === 'csv') return undefined;
  return 2;
}

/** Output width n_L for an output function and a number of classes (regression: 1). */
export function outputUnits(output: OutputName, classes: number | undefined): number {
  if (classes === undefined) return 1;
  return output === 'logistic' && classes === 2 ? 1 : classes;
}

/**
 * The settings whose change needs a new network (or new data) — everything else (learning rate,
 * optimizer, regularization, batch size, speed, view toggles) applies live to the running training.
 */
export function needsReset(before: PlaygroundConfig, after: PlaygroundConfig): boolean {
  const key = (c: PlaygroundConfig) =>
    JSON.stringify([c.dataset, c.noise, c.samples, c.trainRatio, c.layers, c.output, c.loss, c.seed, c.dataSeed, c.features, c.standardize, c.added, c.removed]);
  return key(before) !== key(after);
}

/** The next seed in a fixed sequence (an LCG step), so "New weights" twice from one link gives the same weights. */
export const nextSeed = (seed: number): number => (seed * 1103515245 + 12345) % 2 ** 31;
