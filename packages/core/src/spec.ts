import { type ActivationName, activationNames, activations } from './activations.js';
import { BackpropError, describe } from './errors.js';
import { type InitName, initNames } from './init.js';
import { type LossName, lossNames, naturalLoss } from './losses.js';
import type { DType } from './matrix.js';
import { type OutputName, outputNames } from './outputs.js';
import { type BackendName, backendNames } from './kernels/index.js';
import { checkInteger, checkKeys, checkName, checkSeed } from './validate.js';

/** One hidden layer: its width and activation g (default `relu`). */
export interface HiddenLayerSpec {
  readonly units: number;
  readonly activation?: ActivationName;
  /** Overrides the network's `init` for this layer's weights. */
  readonly init?: InitName;
}

/** The output layer: its width n_L, output function O and loss (default: O's natural loss, SPEC §1). */
export interface OutputLayerSpec {
  readonly units: number;
  readonly fn: OutputName;
  readonly loss?: LossName;
  readonly init?: InitName;
}

/**
 * Everything needed to build a network. Same spec (including `seed`) → same initial weights, to the
 * bit, in Node and in browsers.
 * @example const spec: NetworkSpec = { inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 };
 */
export interface NetworkSpec {
  /** n0, the input width. */
  readonly inputs: number;
  /** Hidden layers, first to last (may be empty: a linear or logistic regression). */
  readonly layers?: readonly HiddenLayerSpec[];
  readonly output: OutputLayerSpec;
  /** Element type of parameters and activations: `float32` (default) or `float64`. */
  readonly dtype?: DType;
  /** Seed of the initial weights: an integer in [0, 2³² − 1] (default 0). */
  readonly seed?: number;
  /** Weight initialiser (default `auto`: He for rectifiers, Glorot otherwise). */
  readonly init?: InitName;
  /** Kernel set: `auto` (default: the fastest available), or a named one. */
  readonly backend?: BackendName | 'auto';
}

/**
 * The most parameters (weights + biases) a network may have: 2^28 = 268,435,456, i.e. 1 GiB of float32 θ
 * (2 GiB in float64; training holds gradients and optimizer moments beside it, about 4× that). Every
 * width is checked against it before anything is allocated, so `inputs: 2 ** 40` or `units: 1e300` is a
 * `BackpropError` naming the field, never a `RangeError` from a typed array.
 */
export const MAX_PARAMETERS = 2 ** 28;

/** A layer width: an integer in [1, MAX_PARAMETERS]. */
function checkWidth(argument: string, value: unknown): number {
  const n = checkInteger(argument, value);
  if (n > MAX_PARAMETERS) throw new BackpropError('invalid_argument', argument, `a width ≤ ${MAX_PARAMETERS} (the parameter ceiling)`, describe(value));
  return n;
}

/** The layer list of a validated spec: every default filled in. Layer i (0-based) is layer k = i + 1. */
export interface ResolvedLayer {
  readonly units: number;
  readonly fanIn: number;
  /** g for hidden layers; undefined for the output layer. */
  readonly activation: ActivationName | undefined;
  readonly init: Exclude<InitName, 'auto'>;
}

export interface ResolvedSpec {
  readonly inputs: number;
  readonly layers: readonly ResolvedLayer[];
  readonly output: OutputName;
  readonly loss: LossName;
  readonly dtype: DType;
  readonly seed: number;
  readonly init: InitName;
  readonly backend: BackendName | 'auto';
}

const resolveInit = (init: InitName, activation: ActivationName | undefined): Exclude<InitName, 'auto'> => {
  if (init !== 'auto') return init;
  return activation !== undefined && activations[activation].init === 'he' ? 'he-uniform' : 'glorot-uniform';
};

/** Validates a spec at the boundary (every error names the field) and fills in the defaults. */
export function resolveSpec(spec: unknown): ResolvedSpec {
  checkKeys('spec', spec, ['inputs', 'layers', 'output', 'dtype', 'seed', 'init', 'backend']);
  const s = spec as NetworkSpec;
  const inputs = checkWidth('spec.inputs', s.inputs);
  const dtype = checkName('spec.dtype', s.dtype ?? 'float32', ['float32', 'float64'] as const);
  const seed = checkSeed('spec.seed', s.seed ?? 0);
  const init = checkName('spec.init', s.init ?? 'auto', initNames);
  const backend = checkName('spec.backend', s.backend ?? 'auto', [...backendNames, 'auto'] as const);
  const hidden = s.layers ?? [];
  if (!Array.isArray(hidden)) throw new BackpropError('invalid_argument', 'spec.layers', 'an array of { units, activation }', describe(hidden));
  const layers: ResolvedLayer[] = [];
  let fanIn = inputs;
  hidden.forEach((layer: unknown, i) => {
    const at = `spec.layers[${i}]`;
    checkKeys(at, layer, ['units', 'activation', 'init']);
    const l = layer as HiddenLayerSpec;
    const units = checkWidth(`${at}.units`, l.units);
    const activation = checkName(`${at}.activation`, l.activation ?? 'relu', activationNames);
    const layerInit = checkName(`${at}.init`, l.init ?? init, initNames);
    layers.push({ units, fanIn, activation, init: resolveInit(layerInit, activation) });
    fanIn = units;
  });
  checkKeys('spec.output', s.output, ['units', 'fn', 'loss', 'init']);
  const units = checkWidth('spec.output.units', s.output.units);
  const output = checkName('spec.output.fn', s.output.fn, outputNames);
  if (output === 'softmax' && units === 1) {
    // softmax over one unit is e^a / e^a = 1 whatever the input: nothing to learn, loss 0 from the start.
    throw new BackpropError('invalid_argument', 'spec.output.units', 'at least 2 units for a softmax output (one softmax unit is constant 1)', '1', 'For two classes use 1 logistic unit or 2 softmax units; for one numeric target, 1 linear unit');
  }
  const loss = checkName('spec.output.loss', s.output.loss ?? naturalLoss[output], lossNames);
  const outInit = checkName('spec.output.init', s.output.init ?? init, initNames);
  layers.push({ units, fanIn, activation: undefined, init: resolveInit(outInit, undefined) });
  // Widths ≤ 2^28 keep every product below 2^57, so the sum is exact enough to compare with the ceiling.
  const count = layers.reduce((n, l) => n + l.units * (l.fanIn + 1), 0);
  if (count > MAX_PARAMETERS) {
    const widths = [inputs, ...layers.map((l) => l.units)].join('-');
    throw new BackpropError('invalid_argument', 'spec', `at most ${MAX_PARAMETERS} parameters (MAX_PARAMETERS)`, `${count} parameters (widths ${widths})`);
  }
  return { inputs, layers, output, loss, dtype, seed, init, backend };
}
