import type { Matrix } from '@backprop/core';

/** A data set with integer class labels: one row of `X` and one entry of `y` per sample. */
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

/** Either kind of data set; switch on `task`. */
export type Dataset = ClassificationDataset | RegressionDataset;
