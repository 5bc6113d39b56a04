import { createRng, type Dataset as CoreDataset, Matrix, shuffleInPlace, type Targets } from '@backprop/core';
import { type Dataset, generate } from '@backprop/datasets';
import { loadMnist } from '@backprop/mnist';
import type { PlaygroundConfig } from '../state/config.js';
import { parsePageCsv } from './csv-text.js';
import { applyFeatures, inputCount } from '../state/features.js';
import { DEFAULT_VIEW, type PlaneView, viewFor } from '../state/grid.js';

// Turns a configuration into training and test data the network can eat. Deterministic: the same
// config (seed included) gives the same rows, in the worker and in a test.

/** One half of the data. `points` (N × 2) is the raw 2-D position for drawing, when there is one. */
export interface Split {
  /** N × n0 network inputs (features of the points, or pixels, or CSV columns). */
  readonly X: Matrix;
  /** Class indices (classification). */
  readonly y?: Int32Array;
  /** N × outputs targets (regression). */
  readonly Y?: Matrix;
  /** N × 2 raw points, for 2-D sets. */
  readonly points?: Float32Array;
  /** Index of each row in the generated set (−1 for points the user added). */
  readonly source: Int32Array;
}

/** Train and test data plus what the views need to know about it. */
export interface PreparedData {
  readonly task: 'classification' | 'regression';
  /** Number of classes (classification only). */
  readonly classes?: number;
  readonly inputs: number;
  /** True when rows are points of the plane (heatmaps and clicking make sense). */
  readonly planar: boolean;
  readonly train: Split;
  readonly test: Split;
  /** Class names (classification): fit adopts them as the network's labels, so an exported model names its classes. */
  readonly classNames?: readonly string[];
  /** One name per input column: the features switched on, the pixels, the CSV's columns. */
  readonly featureNames: readonly string[];
  /** One name per target column (regression). */
  readonly targetNames?: readonly string[];
  /** The part of the plane the plots show, for a 2-D CSV (grid.ts viewFor); the generated sets' square when absent. */
  readonly view?: PlaneView;
  /** A 2-column CSV's header names: the columns that are x₁ and x₂ of the plane. */
  readonly columnNames?: readonly string[];
}

/**
 * One half of the data as the core's {@link CoreDataset} (what `@backprop/datasets` returns), so the worker
 * trains through `net.steps(dataset, …)` and evaluates with `validationData` like any user of the core.
 */
export function datasetOf(data: PreparedData, which: 'train' | 'test'): CoreDataset {
  const { X, y, Y } = data[which];
  const name = `playground-${which}`;
  if (data.task === 'classification') {
    const classes = data.classes ?? 0;
    const classNames = data.classNames ?? Array.from({ length: classes }, (_, c) => String(c));
    return { task: 'classification', name, X, y: y!, classes, classNames, featureNames: data.featureNames };
  }
  return { task: 'regression', name, X, Y: Y!, featureNames: data.featureNames, targetNames: data.targetNames ?? Array.from({ length: Y!.cols }, (_, j) => `y${j + 1}`) };
}

function subset(ds: Dataset, rows: readonly number[], planar: boolean, config: PlaygroundConfig): Split {
  const cols = ds.X.cols;
  const raw = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => {
    raw.set(ds.X.row(r), i * cols);
  });
  const source = Int32Array.from(rows);
  const X = planar ? new Matrix(rows.length, inputCount(config.features), applyFeatures(raw, config.features)) : new Matrix(rows.length, cols, raw);
  const points = planar ? raw : undefined;
  if (ds.task === 'classification') {
    const y = Int32Array.from(rows, (r) => ds.y[r]!);
    return points ? { X, y, points, source } : { X, y, source };
  }
  const Y = new Matrix(rows.length, ds.Y.cols, Float32Array.from(rows.flatMap((r) => Array.from(ds.Y.row(r)))));
  return points ? { X, Y, points, source } : { X, Y, source };
}

/** Adds the user's clicked points to a 2-D training split. */
function withAdded(split: Split, config: PlaygroundConfig, task: 'classification' | 'regression'): Split {
  if (config.added.length === 0 || !split.points) return split;
  const pts = new Float32Array(split.points.length + 2 * config.added.length);
  pts.set(split.points);
  config.added.forEach((p, i) => {
    pts.set([p.x, p.y], split.points!.length + 2 * i);
  });
  const n = pts.length / 2;
  const X = new Matrix(n, inputCount(config.features), applyFeatures(pts, config.features));
  const source = new Int32Array(n).fill(-1);
  source.set(split.source);
  if (task === 'classification') {
    const y = new Int32Array(n);
    y.set(split.y!);
    config.added.forEach((p, i) => {
      y[split.y!.length + i] = p.label;
    });
    return { X, y, points: pts, source };
  }
  const Y = new Matrix(n, 1, new Float32Array(n));
  Y.data.set(split.Y!.data);
  config.added.forEach((p, i) => {
    Y.data[split.Y!.rows + i] = p.label;
  });
  return { X, Y, points: pts, source };
}

/**
 * Splits a data set into train and test (the first `trainRatio` of the rows train), then drops removed rows.
 * Split first: removing a point must not move another one from the test set into training.
 */
export function prepare(ds: Dataset, config: PlaygroundConfig, planar: boolean): PreparedData {
  const removed = new Set(config.removed);
  const rows = Array.from({ length: ds.X.rows }, (_, r) => r);
  const nTrain = Math.max(1, Math.min(rows.length - 1, Math.round(rows.length * config.trainRatio)));
  const kept = (part: number[]) => part.filter((r) => !removed.has(r));
  const trainRows = kept(rows.slice(0, nTrain));
  const task = ds.task;
  const train = withAdded(subset(ds, trainRows.length > 0 ? trainRows : rows.slice(0, 1), planar, config), config, task);
  const test = subset(ds, kept(rows.slice(nTrain)), planar, config);
  const featureNames = planar ? (config.features.length > 0 ? config.features : ['x', 'y']) : ds.featureNames;
  const base = { task, inputs: train.X.cols, planar, train, test, featureNames };
  return ds.task === 'classification' ? { ...base, classes: ds.classes, classNames: ds.classNames } : { ...base, targetNames: ds.targetNames };
}

/** Shuffles a data set's rows with a seed (CSV rows often come sorted by class). */
function shuffled(ds: Dataset, seed: number): Dataset {
  const order = shuffleInPlace(Int32Array.from({ length: ds.X.rows }, (_, i) => i), createRng(seed));
  const take = (m: Matrix) => new Matrix(m.rows, m.cols, Float32Array.from(Array.from(order).flatMap((r) => Array.from(m.row(r)))));
  if (ds.task === 'classification') return { ...ds, X: take(ds.X), y: Int32Array.from(order, (r) => ds.y[r]!) };
  return { ...ds, X: take(ds.X), Y: take(ds.Y) };
}

/** Builds the data for a configuration. MNIST loads lazily (≈ 21 MB of JSON, once); CSV needs its text. */
export async function loadData(config: PlaygroundConfig, csvText?: string): Promise<PreparedData> {
  if (config.dataset === 'mnist') {
    const nTest = Math.max(1, Math.round(config.samples * (1 - config.trainRatio)));
    const { train, test } = await loadMnist({ train: config.samples - nTest, test: nTest, seed: config.dataSeed });
    const toSplit = (d: typeof train): Split => ({ X: d.X, y: d.y, source: Int32Array.from(d.y, (_, i) => i) });
    const names = { classNames: train.classNames, featureNames: train.featureNames };
    return { task: 'classification', classes: 10, inputs: 784, planar: false, train: toSplit(train), test: toSplit(test), ...names };
  }
  if (config.dataset === 'csv') {
    const text = csvText ?? 'x1,x2,label\n0,0,0\n1,1,1\n';
    const ds = shuffled(parsePageCsv(text).data, config.dataSeed);
    const planar = ds.X.cols === 2;
    const view = planar ? viewFor(ds.X.data) : DEFAULT_VIEW;
    // Playground-like data keeps the square and carries no view (a copy posted by the worker is not DEFAULT_VIEW itself).
    const columns = planar ? { columnNames: ds.featureNames } : {};
    return view === DEFAULT_VIEW ? { ...prepare(ds, config, planar), ...columns } : { ...prepare(ds, config, true), view, ...columns };
  }
  const ds = generate(config.dataset, { samples: config.samples, noise: config.noise, seed: config.dataSeed });
  return prepare(ds, config, true);
}

/** Targets in the form the network's output needs: one 0/1 column for a single logistic unit, else class indices or values. */
export function targetsOf(split: Split, outputs: number): Targets {
  if (split.Y) return split.Y;
  const y = split.y!;
  if (outputs === 1) return new Matrix(y.length, 1, Float32Array.from(y));
  return y;
}
