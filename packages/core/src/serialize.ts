import { type ActivationName, activationNames } from './activations.js';
import { BackpropError, ModelFormatError, describe } from './errors.js';
import { type LossName, lossNames } from './losses.js';
import type { DType, FloatArray } from './matrix.js';
import { type OutputName, outputNames } from './outputs.js';
import { type Preprocessing, checkPreprocessing } from './preprocessing.js';
import type { ResolvedLayer, ResolvedSpec } from './spec.js';
import { type TrainingStateJSON, checkTrainingState } from './checkpoint.js';
import { type ModelMetadata, checkMetadata } from './metadata.js';

/** The `format` tag of a saved network. */
export const MODEL_FORMAT = 'backprop-network';
/** The schema version this library writes; it reads versions 1 … MODEL_VERSION. */
export const MODEL_VERSION = 1;

/** A hidden layer in the saved model: `W` has one row per unit (PyTorch's nn.Linear.weight layout). */
export interface LayerJSON {
  readonly units: number;
  readonly activation: ActivationName;
  /** n_k × n_(k−1): W[j][i] is the weight from input i to unit j. */
  readonly W: number[][];
  /** n_k biases. */
  readonly b: number[];
}

/** The output layer in the saved model. */
export interface OutputJSON {
  readonly units: number;
  readonly fn: OutputName;
  readonly loss: LossName;
  readonly W: number[][];
  readonly b: number[];
}

/**
 * The saved model, version 1: plain JSON, weights as nested arrays. Numbers are written with
 * JavaScript's shortest round-trip form, so loading gives back the exact float64 (and float32) bits.
 * @example
 * Network.fromJSON(`{ "format": "backprop-network", "version": 1, "dtype": "float64", "inputs": 2, "seed": 0,
 *   "layers": [{ "units": 2, "activation": "tanh", "W": [[0.1, -0.2], [0.3, 0.4]], "b": [0, 0] }],
 *   "output": { "units": 1, "fn": "logistic", "loss": "binary-cross-entropy", "W": [[0.5, -0.5]], "b": [0] } }`)
 */
export interface NetworkJSON {
  readonly format: typeof MODEL_FORMAT;
  readonly version: number;
  readonly dtype: DType;
  readonly inputs: number;
  readonly seed: number;
  readonly layers: readonly LayerJSON[];
  readonly output: OutputJSON;
  /** Optional: the input scaler and class names fitted on the training data (raw inputs in, names out). */
  readonly preprocessing?: Preprocessing;
  /** Optional, in checkpoints only: the training run's state, so `fit(…, { resume: true })` continues exactly. */
  readonly training?: TrainingStateJSON;
  /**
   * Optional: facts about the model the network does not use (the data set it was trained on, …), a flat
   * record of string / number / boolean values within {@link METADATA_LIMITS}. Files without it load as before.
   */
  readonly metadata?: ModelMetadata;
}

function rowsOf(values: FloatArray, offset: number, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) out.push(Array.from(values.subarray(offset + r * cols, offset + (r + 1) * cols)));
  return out;
}

/** Where θ[i] sits in a model file: `layers[k].W[r][c]`, `output.b[j]`, … (θ = [W_1 … W_L, b_1 … b_L]). */
export function parameterPath(spec: ResolvedSpec, i: number): string {
  const L = spec.layers.length;
  const name = (k: number) => (k === L - 1 ? 'output' : `layers[${k}]`);
  let offset = 0;
  for (let k = 0; k < L; k++) {
    const { units, fanIn } = spec.layers[k]!;
    if (i < offset + units * fanIn) return `${name(k)}.W[${Math.floor((i - offset) / fanIn)}][${(i - offset) % fanIn}]`;
    offset += units * fanIn;
  }
  for (let k = 0; k < L; k++) {
    const { units } = spec.layers[k]!;
    if (i < offset + units) return `${name(k)}.b[${i - offset}]`;
    offset += units;
  }
  return `θ[${i}]`;
}

/**
 * Throws `non_finite` naming the first NaN or ±∞ parameter by its place in a model file, expecting `expected`.
 * A save calls it (JSON writes NaN as null, and a file with a null weight cannot be loaded), and so does a
 * training run (its first step would "diverge", and the report would blame the learning rate).
 */
export function checkFiniteParameters(spec: ResolvedSpec, flat: FloatArray, expected: string): void {
  for (let i = 0; i < flat.length; i++) {
    if (Number.isFinite(flat[i]!)) continue;
    throw new BackpropError('non_finite', parameterPath(spec, i), expected, describe(flat[i]), 'Something wrote a non-finite value into the weights (net.flat or a parameter view): set them finite first');
  }
}

/** Writes a network's spec and flat parameters [W_1 … W_L, b_1 … b_L] (plus optional extras) as {@link NetworkJSON}. */
export function encodeNetwork(
  spec: ResolvedSpec,
  flat: FloatArray,
  extras: { preprocessing?: Preprocessing | undefined; training?: TrainingStateJSON | undefined; metadata?: ModelMetadata | undefined } = {},
): NetworkJSON {
  checkFiniteParameters(spec, flat, 'a finite parameter (JSON has no NaN or ±∞: the file could not be loaded)');
  let wOffset = 0;
  let bOffset = spec.layers.reduce((n, l) => n + l.units * l.fanIn, 0);
  const tensors = spec.layers.map((l) => {
    const W = rowsOf(flat, wOffset, l.units, l.fanIn);
    const b = Array.from(flat.subarray(bOffset, bOffset + l.units));
    wOffset += l.units * l.fanIn;
    bOffset += l.units;
    return { W, b };
  });
  const L = spec.layers.length;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    dtype: spec.dtype,
    inputs: spec.inputs,
    seed: spec.seed,
    layers: spec.layers.slice(0, L - 1).map((l, i) => ({ units: l.units, activation: l.activation!, ...tensors[i]! })),
    output: { units: spec.layers[L - 1]!.units, fn: spec.output, loss: spec.loss, ...tensors[L - 1]! },
    ...(extras.preprocessing ? { preprocessing: extras.preprocessing } : {}),
    ...(extras.training ? { training: extras.training } : {}),
    ...(extras.metadata ? { metadata: { ...extras.metadata } } : {}),
  };
}

const fail = (path: string, expected: string, value: unknown, code: 'corrupt_model' | 'unsupported_version' = 'corrupt_model'): never => {
  throw new ModelFormatError(code, path, expected, describe(value));
};

function objectWithKeys(path: string, value: unknown, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  const o = value as Record<string, unknown>;
  const known = [...required, ...optional];
  for (const key of Object.keys(o)) if (!known.includes(key)) fail(`${path}.${key}`, `no such key (known: ${known.join(', ')})`, o[key]);
  for (const key of required) if (!(key in o)) fail(`${path}.${key}`, 'a value', undefined);
  return o;
}

function positiveInt(path: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) fail(path, 'an integer ≥ 1', v);
  return v as number;
}

function oneOf<T extends string>(path: string, v: unknown, names: readonly T[]): T {
  if (typeof v !== 'string' || !(names as readonly string[]).includes(v)) fail(path, `one of ${names.map((n) => `'${n}'`).join(', ')}`, v);
  return v as T;
}

function numbers(path: string, v: unknown, length: number, out: number[]): void {
  if (!Array.isArray(v) || v.length !== length) fail(path, `an array of ${length} numbers`, v);
  (v as unknown[]).forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(`${path}[${i}]`, 'a finite number', x);
    out.push(x as number);
  });
}

/**
 * Validates a saved model and returns its spec and flat parameters. Every failure is a
 * {@link ModelFormatError} whose `argument` is the JSON path of the bad field (e.g. `layers[1].W[3][0]`).
 */
export function decodeNetwork(input: unknown): {
  spec: ResolvedSpec;
  values: number[];
  preprocessing: Preprocessing | undefined;
  training: TrainingStateJSON | undefined;
  metadata: ModelMetadata | undefined;
} {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      fail('json', 'valid JSON text', `a parse error (${(e as Error).message})`);
    }
  }
  // What the file is, and which version, before anything else: a newer file's other fields are not ours to judge.
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('model', 'an object', json);
  const head = json as Record<string, unknown>;
  if (head.format !== MODEL_FORMAT) fail('model.format', `'${MODEL_FORMAT}'`, head.format);
  if (typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < 1 || head.version > MODEL_VERSION) {
    fail('model.version', `a supported version (1 … ${MODEL_VERSION})`, head.version, 'unsupported_version');
  }
  const top = objectWithKeys('model', json, ['format', 'version', 'dtype', 'inputs', 'seed', 'layers', 'output'], ['preprocessing', 'training', 'metadata']);
  const dtype = oneOf('model.dtype', top.dtype, ['float32', 'float64'] as const);
  const inputs = positiveInt('model.inputs', top.inputs);
  if (typeof top.seed !== 'number' || !Number.isFinite(top.seed)) fail('model.seed', 'a finite number', top.seed);
  if (!Array.isArray(top.layers)) fail('model.layers', 'an array of layers', top.layers);
  const layers: ResolvedLayer[] = [];
  const weights: number[] = [];
  const biases: number[] = [];
  let fanIn = inputs;
  // A float32 model must hold float32 values: anything else means the file was edited or corrupted.
  const float32 = (path: string, list: number[], from: number): void => {
    if (dtype !== 'float32') return;
    for (let k = from; k < list.length; k++) {
      if (Math.fround(list[k]!) !== list[k]) fail(`${path}[${k - from}]`, 'a float32-representable value (the model is float32: write the exact values toJSON gives, or set "dtype": "float64")', list[k]);
    }
  };
  const readTensors = (path: string, o: Record<string, unknown>, units: number): void => {
    if (!Array.isArray(o.W) || o.W.length !== units) fail(`${path}.W`, `${units} rows (one per unit)`, o.W);
    (o.W as unknown[]).forEach((row, r) => {
      const from = weights.length;
      numbers(`${path}.W[${r}]`, row, fanIn, weights);
      float32(`${path}.W[${r}]`, weights, from);
    });
    const from = biases.length;
    numbers(`${path}.b`, o.b, units, biases);
    float32(`${path}.b`, biases, from);
  };
  (top.layers as unknown[]).forEach((layer, i) => {
    const path = `model.layers[${i}]`;
    const o = objectWithKeys(path, layer, ['units', 'activation', 'W', 'b']);
    const units = positiveInt(`${path}.units`, o.units);
    const activation = oneOf(`${path}.activation`, o.activation, activationNames);
    readTensors(path, o, units);
    layers.push({ units, fanIn, activation, init: 'glorot-uniform' });
    fanIn = units;
  });
  const out = objectWithKeys('model.output', top.output, ['units', 'fn', 'loss', 'W', 'b']);
  const units = positiveInt('model.output.units', out.units);
  const fn = oneOf('model.output.fn', out.fn, outputNames);
  const loss = oneOf('model.output.loss', out.loss, lossNames);
  readTensors('model.output', out, units);
  layers.push({ units, fanIn, activation: undefined, init: 'glorot-uniform' });
  const spec: ResolvedSpec = { inputs, layers, output: fn, loss, dtype, seed: top.seed as number, init: 'auto', backend: 'auto' };
  const values = weights.concat(biases);
  const classes = fn === 'logistic' && units === 1 ? 2 : units;
  const preprocessing = top.preprocessing === undefined ? undefined : checkPreprocessing(top.preprocessing, inputs, classes, 'model.preprocessing', fail);
  const training = top.training === undefined ? undefined : checkTrainingState(top.training, 'model.training', values.length, layers.length, fail);
  const metadata = top.metadata === undefined ? undefined : checkMetadata(top.metadata, 'model.metadata', (path, expected, actual) => {
    throw new ModelFormatError('corrupt_model', path, expected, actual);
  });
  return { spec, values, preprocessing, training, metadata };
}
