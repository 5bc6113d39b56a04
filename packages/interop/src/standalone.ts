import type { Network } from '@backprop/core';
import { partsOf } from './model-parts.js';
import { checkNetwork, checkOptions } from './options.js';

/** The two files of a standalone predict module: write them side by side as `name.js` and `name.d.ts`. */
export interface StandaloneModule {
  /** A dependency-free ES module (no imports, no eval, no `Function`), weights embedded as base64. */
  readonly js: string;
  /** Its TypeScript declarations. */
  readonly dts: string;
}

/** Options of {@link toStandaloneModule}. */
export interface StandaloneOptions {
  /** A line put at the top of both files (e.g. the model's name and training date). */
  readonly comment?: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 without the platform's btoa / Buffer, so the core of this package stays host-neutral. */
export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out.push(BASE64[n >> 18]!, BASE64[(n >> 12) & 63]!, i + 1 < bytes.length ? BASE64[(n >> 6) & 63]! : '=', i + 2 < bytes.length ? BASE64[n & 63]! : '=');
  }
  return out.join('');
}

// The runtime of the generated module, written once here as plain JavaScript. It mirrors the core's
// forward pass (SPEC §1): a_k = W_k h_(k−1) + b_k accumulated in float64 and stored in the network's
// dtype, the same stable formulas for g and O (core activations.ts / outputs.ts), and the scaler applied
// in float64 then rounded, as core applyScaler does.
const RUNTIME = `
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeBase64(text) {
  const bytes = new Uint8Array((text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0));
  for (let i = 0, o = 0; i < text.length; i += 4) {
    const n = (ALPHABET.indexOf(text[i]) << 18) | (ALPHABET.indexOf(text[i + 1]) << 12) | ((ALPHABET.indexOf(text[i + 2]) & 63) << 6) | (ALPHABET.indexOf(text[i + 3]) & 63);
    bytes[o++] = n >> 16;
    if (o < bytes.length) bytes[o++] = (n >> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  return bytes;
}

// Parameters are little-endian in the base64 text; DataView reads them right on any host.
function decodeParameters(text, count) {
  const view = new DataView(decodeBase64(text).buffer);
  const out = new FloatArray(count);
  for (let i = 0; i < count; i++) out[i] = BYTES === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  return out;
}

// Decoded on first use, so importing the module costs nothing until it predicts.
let THETA = null;

function sigmoid(z) {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

// erf for GELU (JavaScript has no Math.erf): the core's series / continued fraction (core/src/math/erf.ts).
function erfc(x) {
  if (x < 1) return 1 - erf(x);
  let f = x;
  for (let k = x >= 2 ? 60 : x >= 1.5 ? 90 : 200; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
function erf(x) {
  const ax = Math.abs(x);
  if (ax >= 2.5) return Math.sign(x) * (1 - erfc(ax));
  let term = ax, sum = ax;
  for (let n = 0; n < 200 && sum + (term *= (2 * ax * ax) / (2 * n + 3)) !== sum; n++) sum += term;
  return (Math.sign(x) * 2 * Math.exp(-ax * ax) * sum) / Math.sqrt(Math.PI);
}
const normalCdf = (z) => (z >= 0 ? 0.5 * (1 + erf(z * Math.SQRT1_2)) : 0.5 * erfc(-z * Math.SQRT1_2));

const ACTIVATIONS = {
  logistic: sigmoid,
  tanh: Math.tanh,
  relu: (z) => (z > 0 ? z : 0),
  'leaky-relu': (z) => (z > 0 ? z : 0.01 * z),
  linear: (z) => z,
  softplus: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
  elu: (z) => (z > 0 ? z : Math.expm1(z)),
  gelu: (z) => z * normalCdf(z),
  silu: (z) => z * sigmoid(z),
};

function rowsOf(input, n) {
  if (input instanceof Float32Array || input instanceof Float64Array) {
    const N = n ?? input.length / INPUTS;
    if (!Number.isInteger(N) || N < 0 || N * INPUTS !== input.length) throw new RangeError('input: expected ' + INPUTS + ' numbers per row, got a flat array of length ' + input.length);
    return { N, at: (r, j) => input[r * INPUTS + j] };
  }
  if (!Array.isArray(input)) throw new TypeError('input: expected an array of rows or a Float32Array');
  input.forEach((row, r) => {
    if (!row || row.length !== INPUTS) throw new RangeError('input[' + r + ']: expected ' + INPUTS + ' numbers, got ' + (row ? row.length : row));
  });
  return { N: input.length, at: (r, j) => input[r][j] };
}

export function predict(input, n) {
  const { N, at } = rowsOf(input, n);
  THETA ??= decodeParameters(PARAMETERS, PARAMETER_COUNT);
  let h = new FloatArray(N * INPUTS);
  for (let r = 0; r < N; r++) {
    for (let j = 0; j < INPUTS; j++) {
      const x = +at(r, j);
      if (!Number.isFinite(x)) throw new RangeError('input[' + r + '][' + j + ']: expected a finite number, got ' + x);
      h[r * INPUTS + j] = SCALER ? (x - SCALER.offset[j]) / SCALER.scale[j] : x;
    }
  }
  for (const layer of LAYERS) {
    const { units, fanIn, W, b, activation } = layer;
    const a = new FloatArray(N * units);
    for (let r = 0; r < N; r++) {
      for (let u = 0; u < units; u++) {
        let s = THETA[b + u];
        for (let i = 0; i < fanIn; i++) s += h[r * fanIn + i] * THETA[W + u * fanIn + i];
        a[r * units + u] = s;
      }
    }
    if (activation) {
      const g = ACTIVATIONS[activation];
      for (let i = 0; i < a.length; i++) a[i] = g(a[i]);
    }
    h = a;
  }
  if (OUTPUT === 'logistic') for (let i = 0; i < h.length; i++) h[i] = sigmoid(h[i]);
  if (OUTPUT === 'softmax') {
    const e = new Float64Array(OUTPUTS);
    for (let r = 0; r < N; r++) {
      // Subtract the row max before exp: softmax is shift-invariant and this keeps exp() finite.
      let max = -Infinity;
      for (let j = 0; j < OUTPUTS; j++) max = Math.max(max, h[r * OUTPUTS + j]);
      let sum = 0;
      for (let j = 0; j < OUTPUTS; j++) sum += e[j] = Math.exp(h[r * OUTPUTS + j] - max);
      for (let j = 0; j < OUTPUTS; j++) h[r * OUTPUTS + j] = e[j] / sum;
    }
  }
  return h;
}

export function classify(input, n) {
  // As the library's net.classify: only a network that picks one class per row has classes to return.
  if (OUTPUT === 'linear') throw new Error('classify: a regression network (linear output) has no classes: use predict');
  if (OUTPUT === 'logistic' && OUTPUTS > 1) throw new Error('classify: ' + OUTPUTS + ' logistic outputs are independent labels (multi-label): threshold what predict returns');
  const y = predict(input, n);
  const N = y.length / OUTPUTS;
  const out = new Int32Array(N);
  for (let r = 0; r < N; r++) {
    if (OUTPUTS === 1) {
      out[r] = y[r] >= 0.5 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < OUTPUTS; j++) if (y[r * OUTPUTS + j] > y[r * OUTPUTS + best]) best = j;
    out[r] = best;
  }
  return out;
}
`;

/**
 * Generates a dependency-free, typed ES module that computes this network's `predict` (stored
 * preprocessing included) without the library: weights embedded as base64 and decoded into a
 * Float32Array (Float64Array for float64 networks), no eval. It exports `predict(input, n?)` (rows of
 * numbers, or a flat Float32Array of n rows → ŷ as a flat row-major array of N × outputs),
 * `classify`, `labels`, `inputs` and `outputs`. brain.js's `toFunction`, typed and with typed arrays.
 * @example const { js, dts } = toStandaloneModule(net); writeFileSync('model.js', js); writeFileSync('model.d.ts', dts);
 */
export function toStandaloneModule(net: Network, options: StandaloneOptions = {}): StandaloneModule {
  checkNetwork('net', net);
  checkOptions('options', options, ['comment']);
  const parts = partsOf(net);
  const f32 = parts.dtype === 'float32';
  const count = parts.layers.reduce((n, l) => n + l.W.length + l.b.length, 0);
  const bytes = new Uint8Array(count * (f32 ? 4 : 8));
  const view = new DataView(bytes.buffer);
  let at = 0;
  const layers = parts.layers.map((l) => {
    const offsets = { W: at, b: at + l.W.length };
    for (const v of [...l.W, ...l.b]) {
      if (f32) view.setFloat32(at * 4, v, true);
      else view.setFloat64(at * 8, v, true);
      at++;
    }
    return { units: l.units, fanIn: l.fanIn, ...offsets, activation: l.activation ?? null };
  });
  const outputs = parts.layers[parts.layers.length - 1]!.units;
  const scaler = parts.preprocessing?.input;
  const labels = parts.preprocessing?.labels ?? null;
  const arch = [parts.inputs, ...parts.layers.map((l) => l.units)].join('-');
  const header = `// Generated by @backprop/interop: a ${arch} network (${parts.layers.slice(0, -1).map((l) => l.activation).join(', ') || 'no hidden layers'}; output ${parts.output}; ${parts.dtype}).${options.comment ? `\n// ${options.comment.replace(/[\r\n\u2028\u2029]/g, ' ')}` : ''}\n// Dependency-free; safe to ship on its own. Do not edit: regenerate with toStandaloneModule.\n`;
  const js = `${header}
export const inputs = ${parts.inputs};
export const outputs = ${outputs};
export const labels = ${JSON.stringify(labels)};
const INPUTS = inputs;
const OUTPUTS = outputs;
const OUTPUT = ${JSON.stringify(parts.output)};
const FloatArray = ${f32 ? 'Float32Array' : 'Float64Array'};
const BYTES = ${f32 ? 4 : 8};
const SCALER = ${scaler ? JSON.stringify({ offset: scaler.offset, scale: scaler.scale }) : 'null'};
// Offsets into THETA of each layer's W (units × fanIn, row-major) and b; activation null for the output layer.
const LAYERS = ${JSON.stringify(layers)};
const PARAMETER_COUNT = ${count};
${RUNTIME}
const PARAMETERS =
  '${toBase64(bytes)}';
`;
  const array = f32 ? 'Float32Array' : 'Float64Array';
  const dts = `${header}
/** n0: numbers per input row. */
export declare const inputs: ${parts.inputs};
/** n_L: numbers per output row. */
export declare const outputs: ${outputs};
/** Class names (index c ↔ output column c), or null when the network has none. */
export declare const labels: ${labels ? `readonly [${labels.map((l) => JSON.stringify(l)).join(', ')}]` : 'null'};
/**
 * ŷ for a batch of raw inputs (the stored preprocessing is applied): rows of ${parts.inputs} numbers, or a flat
 * Float32Array / Float64Array holding n rows. Returns N × ${outputs} values, row-major.
 */
export declare function predict(input: readonly ArrayLike<number>[] | Float32Array | Float64Array, n?: number): ${array};
/** The most probable class of each row (argmax of ŷ; for a single output, ŷ ≥ 0.5); throws for a regression or multi-label network. */
export declare function classify(input: readonly ArrayLike<number>[] | Float32Array | Float64Array, n?: number): Int32Array;
`;
  return { js, dts };
}
