import { backwardPass } from './backward.js';
import { BackpropError, describe } from './errors.js';
import { forwardPass } from './forward.js';
import { lossValue } from './losses.js';
import type { FloatArray, Matrix } from './matrix.js';
import type { Network, NetworkInternals } from './network.js';
import { type Optimizer, type OptimizerName, optimizerNames, sgd } from './optimizers.js';
import { createRng, shuffleInPlace } from './random.js';
import { type Targets, toTargetMatrix } from './targets.js';
import { checkDataMatrix, checkInteger, checkKeys, checkName, checkNumber } from './validate.js';

/** Options of {@link Network.fit}. Unknown keys are an error. */
export interface FitOptions {
  /** Passes over the data (default 10). */
  readonly epochs?: number;
  /** Samples per step, 1 … N (default min(32, N)); N is full-batch gradient descent. */
  readonly batchSize?: number;
  /** η (default 0.01). */
  readonly learningRate?: number;
  /** Stop after this many update steps, as the notes' `max_iterations` (default: no limit). */
  readonly maxIterations?: number;
  /** Reshuffle the samples every epoch (default true). */
  readonly shuffle?: boolean;
  /** Seed of the shuffling (default: the network's seed). */
  readonly seed?: number;
  /** The update rule (default `sgd`). */
  readonly optimizer?: OptimizerName;
  /** Called after each epoch with its mean training loss; return `'stop'` to end training. */
  readonly onEpoch?: (event: EpochEvent) => void | 'stop';
}

/** What {@link FitOptions.onEpoch} receives. */
export interface EpochEvent {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Mean loss over the epoch's batches (weighted by batch size). */
  readonly loss: number;
  /** Update steps taken so far. */
  readonly iterations: number;
}

/** Why training ended. */
export type StopReason = 'epochs' | 'max-iterations' | 'callback';

/** What {@link Network.fit} returns. */
export interface FitResult {
  /** Mean training loss of each epoch (a partial last epoch included). */
  readonly history: { readonly loss: readonly number[] };
  readonly epochs: number;
  readonly iterations: number;
  readonly stopReason: StopReason;
}

const KEYS = ['epochs', 'batchSize', 'learningRate', 'maxIterations', 'shuffle', 'seed', 'optimizer', 'onEpoch'];

function firstNonFinite(values: FloatArray): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}

/**
 * One update step on the batch in `ws.h[0]` / `Yb`: forward, loss, backward, update. A step whose
 * gradient or result is not finite is refused and θ stays as it was (SPEC: nothing corrupted).
 */
export function trainStep(net: Network, inner: NetworkInternals, Yb: Matrix, optimizer: Optimizer, learningRate: number, backup: FloatArray): number {
  const { model, grads } = inner;
  const ws = inner.workspace(Yb.rows);
  const trace = forwardPass(model, ws);
  const loss = lossValue(model.spec.output, model.spec.loss, trace.a[trace.a.length - 1]!, trace.yHat, Yb);
  backwardPass(model, trace, Yb, ws, grads, false);
  const badGrad = firstNonFinite(grads.flat);
  if (!Number.isFinite(loss) || badGrad >= 0) {
    throw new BackpropError('non_finite', 'gradient', 'finite loss and gradients', `loss ${describe(loss)}${badGrad >= 0 ? `, non-finite gradient entry ${badGrad}` : ''}`, 'The parameters were left unchanged; lower the learning rate or scale the inputs');
  }
  backup.set(net.flat);
  optimizer.step(net.flat, grads.flat, learningRate);
  if (firstNonFinite(net.flat) >= 0) {
    net.flat.set(backup);
    throw new BackpropError('non_finite', 'parameters', 'finite parameters after the update', 'a non-finite value', 'The step was refused and the parameters restored; lower the learning rate');
  }
  return loss;
}

/** Copies rows `order[start … end)` of X and Y into the batch buffers. */
function gather(X: Matrix, Y: Matrix, order: Uint32Array, start: number, Xb: Matrix, Yb: Matrix): void {
  for (let r = 0; r < Xb.rows; r++) {
    const i = order[start + r]!;
    Xb.data.set(X.data.subarray(i * X.cols, (i + 1) * X.cols), r * X.cols);
    Yb.data.set(Y.data.subarray(i * Y.cols, (i + 1) * Y.cols), r * Y.cols);
  }
}

/** Mini-batch gradient descent (SPEC §4). Validates everything at the boundary, then trusts it. */
export function fitNetwork(net: Network, inner: NetworkInternals, X: unknown, Y: Targets, options: FitOptions = {}): FitResult {
  checkKeys('options', options, KEYS);
  const x = checkDataMatrix('X', X, net.inputs, net.dtype);
  const y = toTargetMatrix(Y, x.rows, net.outputs, net.dtype);
  const N = x.rows;
  const epochs = checkInteger('options.epochs', options.epochs ?? 10, 1, 'invalid_option');
  const batchSize = checkInteger('options.batchSize', options.batchSize ?? Math.min(32, N), 1, 'invalid_option');
  if (batchSize > N) throw new BackpropError('invalid_option', 'options.batchSize', `an integer in [1, ${N}] (N = ${N})`, String(batchSize));
  const learningRate = checkNumber('options.learningRate', options.learningRate ?? 0.01, { positive: true });
  const maxIterations = options.maxIterations === undefined ? Number.POSITIVE_INFINITY : checkInteger('options.maxIterations', options.maxIterations, 1, 'invalid_option');
  if (options.shuffle !== undefined && typeof options.shuffle !== 'boolean') throw new BackpropError('invalid_option', 'options.shuffle', 'a boolean', describe(options.shuffle));
  const seed = checkNumber('options.seed', options.seed ?? net.spec.seed);
  checkName('options.optimizer', options.optimizer ?? 'sgd', optimizerNames, 'invalid_option');
  if (options.onEpoch !== undefined && typeof options.onEpoch !== 'function') throw new BackpropError('invalid_option', 'options.onEpoch', 'a function', describe(options.onEpoch));

  const optimizer = sgd();
  const rng = createRng(seed);
  const order = Uint32Array.from({ length: N }, (_, i) => i);
  const backup = inner.model.kernels.allocate(net.flat.length, net.dtype);
  const targets = new Map<number, Matrix>();
  const history: number[] = [];
  let iterations = 0;
  let stopReason: StopReason = 'epochs';
  for (let epoch = 1; epoch <= epochs && stopReason === 'epochs'; epoch++) {
    if (options.shuffle !== false && batchSize < N) shuffleInPlace(order, rng);
    let sum = 0;
    let seen = 0;
    for (let start = 0; start < N; start += batchSize) {
      if (iterations >= maxIterations) {
        stopReason = 'max-iterations';
        break;
      }
      const n = Math.min(batchSize, N - start);
      const ws = inner.workspace(n);
      let Yb = targets.get(n);
      if (!Yb) targets.set(n, (Yb = ws.yHat.clone()));
      gather(x, y, order, start, ws.h[0]!, Yb);
      sum += trainStep(net, inner, Yb, optimizer, learningRate, backup) * n;
      seen += n;
      iterations++;
    }
    if (seen > 0) history.push(sum / seen);
    if (seen > 0 && options.onEpoch?.({ epoch, loss: sum / seen, iterations }) === 'stop') stopReason = 'callback';
    if (stopReason === 'epochs' && iterations >= maxIterations && epoch < epochs) stopReason = 'max-iterations';
  }
  return { history: { loss: history }, epochs: history.length, iterations, stopReason };
}
