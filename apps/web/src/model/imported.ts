import type { ActivationName, LossName, OutputName } from '@backprop/core';
import { datasetPatch } from '../state/dataset-switch.js';
import { type DatasetName, featureNames, isRegression, knownClasses, type PlaygroundConfig } from '../state/config.js';
import type { DataSummary } from '../worker/protocol.js';

// Where a network trained elsewhere can live in the playground. An imported network brings its own
// widths, so the page picks the data it fits: the current set when it does, MNIST for 784 inputs, a
// 2-D set fed the first n features (x, y, x², …) for n ≤ 7, else a message saying what would fit.

/** What placement needs to know about the imported network. */
export interface ImportedShape {
  readonly inputs: number;
  readonly outputs: number;
  readonly output: OutputName;
  readonly loss: LossName;
  /** Hidden layers, first to last. */
  readonly hidden: readonly { readonly units: number; readonly activation: ActivationName }[];
}

/** The config that shows the network (with a note when the data set changed), or why none does. */
export type Placement = { readonly ok: true; readonly config: PlaygroundConfig; readonly note?: string } | { readonly ok: false; readonly message: string };

const MNIST_PIXELS = 784;

/** Classes a classifier distinguishes (a single logistic unit: 2); undefined for regression. */
function classesOf(s: ImportedShape): number | undefined {
  if (s.output === 'linear') return undefined;
  return s.output === 'logistic' && s.outputs === 1 ? 2 : s.outputs;
}

/** True when the current data already fits the network's inputs and outputs. */
function fitsData(s: ImportedShape, data: DataSummary | undefined): boolean {
  if (!data || data.inputs !== s.inputs) return false;
  const classes = classesOf(s);
  if (classes === undefined) return data.task === 'regression' && s.outputs === 1;
  return data.task === 'classification' && data.classes === classes;
}

/** The 2-D set for a planar network: the current one when its task and classes match, else the first that does. */
function planarDataset(s: ImportedShape, current: DatasetName): DatasetName | undefined {
  const classes = classesOf(s);
  if (classes === undefined) return s.outputs === 1 ? (isRegression({ dataset: current }) ? current : 'plane') : undefined;
  if (current !== 'mnist' && current !== 'csv' && knownClasses(current) === classes) return current;
  return classes === 2 ? 'circle' : classes === 3 ? 'spiral3' : undefined;
}

/**
 * Decides the data set and settings for an imported network. The config's layers, output and loss
 * are the network's, so the URL and the controls describe what the worker holds.
 */
export function placeImported(s: ImportedShape, config: PlaygroundConfig, data: DataSummary | undefined): Placement {
  const own = { layers: s.hidden.map((l) => ({ units: l.units, activation: l.activation })), output: s.output, loss: s.loss };
  if (fitsData(s, data)) return { ok: true, config: { ...config, ...own } };
  const classes = classesOf(s);
  if (s.inputs === MNIST_PIXELS && classes === 10) {
    return { ok: true, config: { ...config, ...datasetPatch(config, 'mnist'), ...own }, note: 'switched to MNIST digits (784 inputs, 10 classes)' };
  }
  const dataset = s.inputs <= featureNames.length ? planarDataset(s, config.dataset) : undefined;
  if (dataset) {
    const features = featureNames.slice(0, s.inputs);
    const next = { ...config, ...(dataset === config.dataset ? {} : datasetPatch(config, dataset)), features, ...own };
    const changed = dataset !== config.dataset || features.join() !== config.features.join();
    return { ok: true, config: next, ...(changed && { note: `fed ${s.inputs} feature${s.inputs === 1 ? '' : 's'} (${features.join(', ')}) of the ${dataset} set` }) };
  }
  const task = classes === undefined ? `${s.outputs} regression output${s.outputs === 1 ? '' : 's'}` : `${classes} classes`;
  const csv = data && config.dataset === 'csv' ? `, or a CSV with ${s.inputs} feature columns (yours has ${data.inputs})` : ', or a CSV with that many feature columns';
  return {
    ok: false,
    message: `this network takes ${s.inputs} inputs and has ${task}; the playground's data fits 1–${featureNames.length} inputs of a 2-D set (2 or 3 classes, or 1 regression output), 784 inputs with 10 classes (MNIST)${csv}`,
  };
}
