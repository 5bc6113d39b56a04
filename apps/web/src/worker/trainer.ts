import { createRng, Matrix, Network, type NetworkSpec, type Optimizer, type Regularization, type Rng, shuffleInPlace } from '@backprop/core';
import type { PreparedData, Split } from '../model/data.js';
import { diagnose, layerNorms, unitStats } from '../model/health.js';
import { isRegression, outputUnits, type PlaygroundConfig } from '../state/config.js';
import { applyFeatures } from '../state/features.js';
import { GRID, gridPoints } from '../state/grid.js';
import type { FromWorker, HistoryPoint, LiveSettings, Mistake, Snapshot } from './protocol.js';
import { createUpdateRule, retune } from './update-rule.js';

// The training engine the worker drives: one mini-batch at a time, through the core's public
// forward/backward (so the numbers are exactly the core's), then the update rule. Pure and
// synchronous, so it runs the same in a Worker and in a node test.

const EVAL_ROWS = 1000; // loss/accuracy of larger sets are estimated on their first rows (MNIST)
const HISTORY_POINTS = 300;
const NORM_POINTS = 200;

/**
 * The worker's answer to a prediction request: ŷ, or an empty array with the reason when there is no
 * network yet (the page asks as soon as it draws) or the input does not fit it, so no request waits forever.
 */
export function predictionReply(trainer: Pick<Trainer, 'net' | 'predict'> | undefined, id: number, input: Float32Array): Extract<FromWorker, { type: 'prediction' }> {
  const none = (message: string) => ({ type: 'prediction', id, probabilities: new Float32Array(0), message }) as const;
  if (!trainer) return none('no network yet');
  if (input.length !== trainer.net.inputs) return none(`the network takes ${trainer.net.inputs} inputs, got ${input.length}`);
  return { type: 'prediction', id, probabilities: trainer.predict(input) };
}

/** The network a configuration asks for, on prepared data. */
export function specFor(config: PlaygroundConfig, data: PreparedData): NetworkSpec {
  // Regression always has a linear output and squared error; classification takes the user's pair (any pair is legal, SPEC §1).
  const regression = data.task === 'regression' || isRegression(config);
  const fn = regression ? 'linear' : config.output === 'linear' ? 'softmax' : config.output;
  const loss = regression ? 'squared-error' : config.loss;
  return {
    inputs: data.inputs,
    layers: config.layers.map((l) => ({ units: l.units, activation: l.activation })),
    output: { units: outputUnits(fn, data.classes), fn, loss },
    seed: config.seed,
  };
}

/** Targets as an N × n_L matrix: one-hot rows, a single 0/1 column, or regression values. */
export function targetMatrix(split: Split, outputs: number): Matrix {
  if (split.Y) return split.Y;
  const y = split.y!;
  const T = Matrix.zeros(y.length, outputs);
  for (let i = 0; i < y.length; i++) {
    if (outputs === 1) T.data[i] = y[i]!;
    else T.data[i * outputs + y[i]!] = 1;
  }
  return T;
}

const firstRows = (m: Matrix, n: number): Matrix => (m.rows <= n ? m : m.sliceRows(0, n));

const allFinite = (a: ArrayLike<number>): boolean => {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
};

/** Loss and accuracy on a set (estimated on its first EVAL_ROWS rows). */
interface Evaluation {
  readonly loss: number;
  readonly accuracy?: number;
}

export class Trainer {
  readonly net: Network;
  epoch = 0;
  iterations = 0;
  samplesSeen = 0;
  diverged = false;
  readonly history: HistoryPoint[] = [];
  readonly normHistory: number[][] = [];
  #settings: LiveSettings;
  #rule: Optimizer;
  #order: Uint32Array;
  #pos = 0;
  readonly #rng: Rng;
  readonly #targets: { train: Matrix; test: Matrix };
  readonly #grid: Matrix | undefined;

  constructor(
    readonly config: PlaygroundConfig,
    readonly data: PreparedData,
    net?: Network,
  ) {
    this.net = net ?? Network.create(specFor(config, data));
    this.#settings = config;
    this.#rule = createUpdateRule(config.optimizer, config.momentum);
    this.#rng = createRng(config.seed);
    this.#order = Uint32Array.from({ length: data.train.X.rows }, (_, i) => i);
    shuffleInPlace(this.#order, this.#rng);
    this.#targets = { train: targetMatrix(data.train, this.net.outputs), test: targetMatrix(data.test, this.net.outputs) };
    this.#grid = data.planar && data.train.points ? new Matrix(GRID * GRID, data.inputs, applyFeatures(gridPoints(), config.features)) : undefined;
  }

  /** Learning rate, optimizer, regularization and batch size, applied from the next step on. */
  setLive(s: LiveSettings): void {
    this.#rule = retune(this.#rule, s.optimizer, s.momentum);
    this.#settings = s;
  }

  get settings(): LiveSettings {
    return this.#settings;
  }

  /** One update on the next mini-batch: forward, backward, penalty, update (SPEC §4). */
  stepBatch(): void {
    if (this.diverged) return;
    const { X } = this.data.train;
    const T = this.#targets.train;
    const N = X.rows;
    const n = Math.min(Math.max(1, this.#settings.batchSize), N - this.#pos);
    const Xb = Matrix.zeros(n, X.cols);
    const Yb = Matrix.zeros(n, T.cols);
    for (let r = 0; r < n; r++) {
      const i = this.#order[this.#pos + r]!;
      Xb.data.set(X.row(i), r * X.cols);
      Yb.data.set(T.row(i), r * T.cols);
    }
    const reg = this.#regularization();
    const trace = this.net.forward(Xb);
    const grads = reg ? this.net.backward(trace, Yb, reg) : this.net.backward(trace, Yb);
    this.#recordNorms(layerNorms(grads.gradW));
    const backup = this.net.flat.slice();
    if (allFinite(grads.flat)) this.#rule.step(this.net.flat, grads.flat, this.#settings.learningRate);
    if (!allFinite(grads.flat) || !allFinite(this.net.flat)) {
      this.net.flat.set(backup);
      this.diverged = true;
      return;
    }
    this.iterations++;
    this.samplesSeen += n;
    this.#pos += n;
    if (this.#pos >= N) this.#endEpoch();
  }

  /** Steps until the current epoch ends. */
  stepEpoch(): void {
    const start = this.epoch;
    while (this.epoch === start && !this.diverged) this.stepBatch();
  }

  /** The core's L1 / L2 penalty on the weights (biases are not penalised): Ω = λ·Σ|W| or λ·ΣW². */
  #regularization(): Regularization | undefined {
    const { regularization: reg, regularizationRate: rate } = this.#settings;
    if (reg === 'none' || rate === 0) return undefined;
    return reg === 'l1' ? { l1: rate } : { l2: rate };
  }

  #recordNorms(norms: number[]): void {
    this.normHistory.push(norms);
    if (this.normHistory.length > NORM_POINTS * 4) this.normHistory.splice(0, this.normHistory.length - NORM_POINTS * 4);
  }

  #endEpoch(): void {
    this.epoch++;
    this.#pos = 0;
    shuffleInPlace(this.#order, this.#rng);
    const train = this.evaluate('train');
    const test = this.evaluate('test');
    if (!Number.isFinite(train.loss)) this.diverged = true;
    this.history.push({ epoch: this.epoch, train: train.loss, test: test.loss });
  }

  /** Loss and accuracy on the train or test set. */
  evaluate(which: 'train' | 'test'): Evaluation {
    const split = this.data[which];
    if (split.X.rows === 0) return { loss: Number.NaN };
    const X = firstRows(split.X, EVAL_ROWS);
    const T = firstRows(this.#targets[which], EVAL_ROWS);
    const loss = this.net.loss(X, T);
    // A diverged network: the loss says so (NaN); classify would throw the core's typed non_finite error.
    if (this.data.task !== 'classification' || !Number.isFinite(loss)) return { loss };
    const predicted = this.net.classify(X);
    let right = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === split.y![i]) right++;
    return { loss, accuracy: right / predicted.length };
  }

  /** ŷ for one input row. */
  predict(input: Float32Array): Float32Array {
    return Float32Array.from(this.net.forward(new Matrix(1, input.length, input)).yHat.data); // NaN when diverged, as drawn
  }

  /** Everything the page draws, as plain data. */
  snapshot(running: boolean): Snapshot {
    const train = this.evaluate('train');
    const test = this.evaluate('test');
    const trace = this.net.forward(firstRows(this.data.train.X, EVAL_ROWS));
    const stats = unitStats(this.net, trace);
    const norms = this.normHistory[this.normHistory.length - 1] ?? [];
    const diagnosis = diagnose({
      diverged: this.diverged,
      learningRate: this.#settings.learningRate,
      losses: this.history.slice(-50).map((p) => p.train),
      deadShare: stats.deadShare,
      saturatedShare: stats.saturatedShare,
      norms,
    });
    const step = Math.max(1, Math.ceil(this.normHistory.length / NORM_POINTS));
    const base: Snapshot = {
      running,
      backend: this.net.backend,
      epoch: this.epoch,
      iterations: this.iterations,
      samplesSeen: this.samplesSeen,
      trainLoss: train.loss,
      testLoss: test.loss,
      ...(train.accuracy !== undefined ? { trainAccuracy: train.accuracy } : {}),
      ...(test.accuracy !== undefined ? { testAccuracy: test.accuracy } : {}),
      history: thin(this.history, HISTORY_POINTS),
      widths: [this.net.inputs, ...this.net.layers.map((l) => l.units)],
      flat: Float32Array.from(this.net.flat),
      health: { gradNorms: this.normHistory.filter((_, i) => i % step === 0), ...stats, diverged: this.diverged, diagnosis },
    };
    return { ...base, ...this.#gridViews(), ...(this.data.inputs === 784 ? { mistakes: this.#mistakes() } : {}) };
  }

  #gridViews(): Pick<Snapshot, 'grid' | 'gridConfidence' | 'neurons'> {
    if (!this.#grid) return {};
    const trace = this.net.forward(this.#grid);
    const yHat = trace.yHat;
    const cells = GRID * GRID;
    const grid = new Float32Array(cells);
    let gridConfidence: Float32Array | undefined;
    if (yHat.cols === 1) grid.set(yHat.data);
    else if (yHat.cols === 2) for (let i = 0; i < cells; i++) grid[i] = yHat.data[2 * i + 1]!;
    else {
      gridConfidence = new Float32Array(cells);
      for (let i = 0; i < cells; i++) {
        let best = 0;
        for (let j = 1; j < yHat.cols; j++) if (yHat.get(i, j) > yHat.get(i, best)) best = j;
        grid[i] = best;
        gridConfidence[i] = yHat.get(i, best);
      }
    }
    // Every hidden unit's field in ONE buffer (views per unit), so posting it is one transfer, not 50 copies.
    const hidden = this.net.layers.filter((l) => l.kind === 'hidden');
    const buffer = new Float32Array(hidden.reduce((n, l) => n + l.units, 0) * cells);
    let offset = 0;
    const neurons = hidden.map((l, i) => {
      const h = trace.h[i + 1]!;
      return Array.from({ length: l.units }, (_, j) => {
        const field = buffer.subarray(offset, offset + cells);
        for (let r = 0; r < cells; r++) field[r] = h.data[r * h.cols + j]!;
        offset += cells;
        return field;
      });
    });
    return gridConfidence ? { grid, gridConfidence, neurons } : { grid, neurons };
  }

  #mistakes(): Mistake[] {
    const { X, y } = this.data.test;
    const rows = firstRows(X, 300);
    if (!Number.isFinite(this.net.loss(rows, firstRows(this.#targets.test, 300)))) return []; // diverged: nothing to classify
    const predicted = this.net.classify(rows);
    const out: Mistake[] = [];
    for (let i = 0; i < predicted.length && out.length < 8; i++) {
      if (predicted[i] !== y![i]) out.push({ pixels: Float32Array.from(X.row(i)), predicted: predicted[i]!, actual: y![i]! });
    }
    return out;
  }
}

/** The buffers of a snapshot, for postMessage's transfer list (the worker keeps no reference to them). */
export function transferables(s: Snapshot): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([s.flat.buffer as ArrayBuffer]);
  if (s.grid) buffers.add(s.grid.buffer as ArrayBuffer);
  if (s.gridConfidence) buffers.add(s.gridConfidence.buffer as ArrayBuffer);
  const first = s.neurons?.[0]?.[0];
  if (first) buffers.add(first.buffer as ArrayBuffer);
  return [...buffers];
}

/** At most `max` points, evenly spaced, always keeping the last. */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return points.slice();
  const step = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points[points.length - 1]!);
  return out;
}
