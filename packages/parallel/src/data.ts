/**
 * The data of a call as the threads see it. Validating it is core's `prepareTrainingData` (net.fit's own
 * checks, so a bad call gets net.fit's verdict); this file only tells the call's forms apart and holds the
 * small helpers over typed arrays.
 */
import { BackpropError, Matrix, type Network, type Inputs, type PrepareTrainingDataOptions, type PreparedTrainingData, type TrainTargets, type TrainingData, prepareTrainingData } from '@backprop/core';
import { describe } from './options.js';

/** The data arguments of a call, as core's `prepareTrainingData` takes them: `(X, Y)` or `(data)`. */
export type DataArgs = readonly [X: Inputs, Y: TrainTargets] | readonly [data: TrainingData];

/**
 * `(X, Y, options)` or `(data, options)` → the data arguments and the options, as `net.fit` tells them apart:
 * a first argument holding data (`{ X, … }`: a Dataset, `{ X, y }`, `{ X, Y }`) carries its own targets.
 */
export function splitArgs<O>(call: string, a: unknown, b: unknown, c: unknown): [DataArgs, O | undefined] {
  if (!isTrainingData(a)) return [[a as Inputs, b as TrainTargets], c as O | undefined];
  // The scikit-learn habit fit(dataset, dataset.y, options): say so, as net.fit does, rather than "options: expected an options object".
  const kind = Array.isArray(b) ? 'an array' : b instanceof Matrix ? 'a Matrix' : ArrayBuffer.isView(b) ? `a typed array (${b.constructor.name})` : undefined;
  if (kind || c !== undefined) {
    throw new BackpropError('invalid_argument', 'options', `${call}(net, dataset, options) (a Dataset carries its own targets)`, `${kind ?? describe(b)} as the third argument${c === undefined ? '' : ' and a fourth one'}`, `Call ${call}(net, dataset, { epochs: … }), or ${call}(net, X, y, options) with arrays`);
  }
  return [[a as TrainingData], b as O | undefined];
}

/** The call's data validated and unpacked by core, as net.fit does it: the inputs the first layer sees, the targets as N × n_L. */
export function prepareData(net: Network, data: DataArgs, options?: PrepareTrainingDataOptions): PreparedTrainingData {
  return data.length === 1 ? prepareTrainingData(net, data[0], options) : prepareTrainingData(net, data[0], data[1], options);
}

/**
 * A rank's `non_finite` on a row of X names the first bad row that rank read; net.fit names the first in
 * row order, found by core's full check of the data, which this runs (and which then throws that verdict).
 */
export function wordAsFit(e: unknown, net: Network, data: DataArgs): never {
  if (e instanceof BackpropError && e.code === 'non_finite' && e.argument.startsWith('X[')) prepareData(net, data);
  throw e;
}

/** `check()`, whose refusal net.fit would make only after scanning X: that scan runs first (and throws first if X has a NaN). */
export function wordedAsFit<T>(check: () => T, net: Network, data: DataArgs): T {
  try {
    return check();
  } catch (e) {
    prepareData(net, data);
    throw e;
  }
}

/** An object holding data (`{ X, … }`), as opposed to inputs (a Matrix, rows, one sample). */
function isTrainingData(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Matrix) && 'X' in v;
}

/** The typed array of a dtype. */
export function floats(dtype: Network['dtype']): Float32ArrayConstructor | Float64ArrayConstructor {
  return dtype === 'float64' ? Float64Array : Float32Array;
}

/**
 * The index of the first non-finite entry of `d`, or −1. A function of its own: a long loop inline in a
 * larger function (the trainer's #fit) made the engine deoptimise and recompile that function at every
 * run, on a background thread that took a core from the ranks.
 */
export function firstNonFinite(d: ArrayLike<number>): number {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return i;
  return -1;
}
