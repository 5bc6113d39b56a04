// The training runs compared across runtimes. This file is bundled (with the *built* @backprop/core
// and @backprop/datasets) and executed unchanged in Node and in Chromium; it must use nothing but the
// packages' public API and plain ECMAScript, so that any difference comes from the engines.
import { createRng, detMath, type DType, type FitOptions, Matrix, Network, type HiddenLayerSpec, type BackendName } from '@backprop/core';
import { spiral } from '@backprop/datasets';

/** One run's numbers as hex of their IEEE-754 float64 bits (so −0, NaN payloads and the last ulp all count). */
export interface RunResult {
  readonly name: string;
  readonly dtype: DType;
  /** The kernel set the network actually got (`auto` resolves to `wasm-simd` where WebAssembly SIMD compiles). */
  readonly backend: string;
  readonly epochs: number;
  readonly loss: readonly string[];
  readonly valLoss: readonly string[];
  /** `Array.from(net.flat)` after training. */
  readonly flat: readonly string[];
}

/** Everything a runtime reports: where it ran, and each run. */
export interface CheckReport {
  readonly runtime: string;
  readonly runs: readonly RunResult[];
}

const view = new DataView(new ArrayBuffer(8));

/** The 16 hex digits of x's float64 bit pattern. */
export function float64Hex(x: number): string {
  view.setFloat64(0, x);
  return view.getUint32(0).toString(16).padStart(8, '0') + view.getUint32(4).toString(16).padStart(8, '0');
}

/** A tiny regression set made in this script from the core's seeded generator and deterministic sin: y = sin(x1)·x2 + noise. */
function wave(samples: number, seed: number, dtype: DType): { X: Matrix; Y: Matrix } {
  const rng = createRng(seed);
  const X = Matrix.zeros(samples, 2, dtype);
  const Y = Matrix.zeros(samples, 1, dtype);
  for (let r = 0; r < samples; r++) {
    const x1 = 6 * rng.next() - 3;
    const x2 = 2 * rng.next() - 1;
    X.data[2 * r] = x1;
    X.data[2 * r + 1] = x2;
    Y.data[r] = detMath.sin(x1) * x2 + 0.05 * rng.normal(); // not Math.sin: its last bit is the engine's
  }
  return { X, Y };
}

/** Adam, reshuffled every epoch, a seeded validation split: every RNG path of fit is exercised. */
const FIT = { epochs: 6, batchSize: 16, optimizer: 'adam', learningRate: 0.01, shuffle: true, validationSplit: 0.25, seed: 11 } as const;

function result(name: string, net: Network, history: { loss: readonly number[]; valLoss: readonly number[] }): RunResult {
  return {
    name,
    dtype: net.dtype,
    backend: net.backend,
    epochs: history.loss.length,
    loss: history.loss.map(float64Hex),
    valLoss: history.valLoss.map(float64Hex),
    flat: Array.from(net.flat, float64Hex),
  };
}

/** `layers` on 240 spiral points (softmax + cross-entropy), trained with `options` over FIT. */
function spiralFit(name: string, layers: readonly HiddenLayerSpec[], seed: number, options: FitOptions, dtype: DType, backend: BackendName | 'auto'): RunResult {
  const data = spiral({ samples: 240, noise: 0.2, seed: 5, dtype });
  const net = Network.create({ inputs: 2, layers, output: { units: 2, fn: 'softmax', loss: 'cross-entropy' }, dtype, backend, seed });
  const fit = net.fit(data.X, data.y, { ...FIT, ...options });
  return result(`${name} ${dtype} ${backend}`, net, fit.history);
}

function spiralRun(dtype: DType, backend: BackendName | 'auto'): RunResult {
  const layers = [
    { units: 16, activation: 'tanh' },
    { units: 12, activation: 'relu' },
    { units: 8, activation: 'logistic' },
  ] as const;
  return spiralFit('spiral', layers, 3, {}, dtype, backend);
}

function waveRun(dtype: DType, backend: BackendName | 'auto'): RunResult {
  const { X, Y } = wave(96, 9, dtype);
  const net = Network.create({
    inputs: 2,
    layers: [{ units: 10, activation: 'tanh' }],
    output: { units: 1, fn: 'linear', loss: 'squared-error' },
    dtype,
    backend,
    seed: 4,
  });
  const fit = net.fit(X, Y, { ...FIT, regularization: { l2: 1e-4 } });
  return result(`wave ${dtype} ${backend}`, net, fit.history);
}

/**
 * The playground's network (2-8-8-2, tanh) on full batches taken in order with plain SGD, as the W2
 * benchmark trains: the WebAssembly kernels' small-network paths (two-class softmax on vector lanes, the
 * narrow output-layer product) and fit's whole-batch copy, which the shuffled mini-batches above do not all reach.
 */
function playgroundRun(dtype: DType, backend: BackendName | 'auto'): RunResult {
  const layers = [
    { units: 8, activation: 'tanh' },
    { units: 8, activation: 'tanh' },
  ] as const;
  // 180 training rows after the stratified 25 % split: one batch of all of them, in order.
  return spiralFit('playground', layers, 6, { optimizer: 'sgd', learningRate: 0.3, batchSize: 180, shuffle: false }, dtype, backend);
}

/**
 * Trains every scenario from scratch: float64 and float32 on the default (`auto`) kernels, plus
 * float32 on the portable `blocked` kernels, so a float32 mismatch can be pinned on the kernel set.
 */
export function runScenarios(runtime: string): CheckReport {
  const runs: RunResult[] = [];
  for (const [dtype, backend] of [
    ['float64', 'auto'],
    ['float32', 'auto'],
    ['float32', 'blocked'],
  ] as const) {
    runs.push(spiralRun(dtype, backend), waveRun(dtype, backend));
  }
  runs.push(playgroundRun('float32', 'auto'));
  return { runtime, runs };
}
