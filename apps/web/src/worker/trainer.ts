import { type BatchEvent, type Dataset, type EpochEvent, Matrix, Network, type NetworkJSON, type NetworkSpec, type Regularization, type Scaler, type TrainEvent, TrainingDivergedError, type TrainingSteps } from '@backprop/core';
import { datasetOf, type PreparedData, type Split } from '../model/data.js';
import { diagnose, unitStats } from '../model/health.js';
import { isRegression, outputUnits, type PlaygroundConfig } from '../state/config.js';
import { applyFeatures } from '../state/features.js';
import { GRID, gridPoints } from '../state/grid.js';
import { attachScaler, foldTargetScaler, inputScaler, targetScaler, unscaleTargets, withScaledTargets } from '../model/scaling.js';
import { thin } from './snapshot-buffers.js';
import type { ParallelRowGradient } from '@backprop/parallel';
import { ParallelRun, type RunChange, type RunEvent } from './parallel-run.js';
import type { HistoryPoint, LiveSettings, Mistake, Snapshot } from './protocol.js';

// The training engine the worker drives: one mini-batch at a time, through the core's own training run
// (`net.steps` over a core Dataset), so the numbers are exactly those of `net.fit` on the same data and
// options. Pure and synchronous, so it runs the same in a Worker and in a node test.

const EVAL_ROWS = 1000; // loss/accuracy of larger sets are estimated on their first rows (MNIST)
const HISTORY_POINTS = 300;
const NORM_POINTS = 200;

/**
 * The class of each row: classify for softmax and one logistic unit; for several logistic units (one-vs-rest,
 * which the core's classify refuses as multi-label) the most probable unit.
 */
function predictedClasses(net: Network, X: Matrix): Int32Array {
  if (net.output !== 'logistic' || net.outputs === 1) return net.classify(X);
  const yHat = net.predict(X);
  return Int32Array.from({ length: yHat.rows }, (_, r) => {
    let best = 0;
    for (let j = 1; j < yHat.cols; j++) if (yHat.get(r, j) > yHat.get(r, best)) best = j;
    return best;
  });
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

/** Loss and accuracy on a set (estimated on its first EVAL_ROWS rows). */
interface Evaluation {
  readonly loss: number;
  readonly accuracy?: number;
}

/** An end far beyond any session: the page's run goes on until the user changes something or resets. */
const RUN_EPOCHS = 1_000_000_000;

/**
 * The playground's training, through the core's public Dataset path: the training half is a core
 * `Dataset` stepped by `net.steps(train, options)`, one update per `next()` (so the worker can pause,
 * step one batch or one epoch, and run at a set speed). Live settings follow the core's rules for a
 * continuing run: learning rate and momentum apply from the next step (the session's setters, recorded in
 * the run's `history.changes`), a new penalty from the next step (a continuing run with the new option), a
 * new batch size or optimizer from the next epoch (the core refuses those in the middle of an epoch; a new
 * optimizer starts a new run, its buffers being the old optimizer's). The page's counters and loss curve
 * (loss of the current weights on both halves after each epoch) are the trainer's own.
 */
export class Trainer {
  readonly net: Network;
  epoch = 0;
  iterations = 0;
  samplesSeen = 0;
  diverged = false;
  readonly history: HistoryPoint[] = [];
  readonly normHistory: number[][] = [];
  /** The training half as the core's Dataset: what every step trains on. */
  readonly train: Dataset;
  #settings: LiveSettings;
  /** The core's run, undefined between runs (a setting that needs a new run ends the current one). */
  #steps: TrainingSteps | undefined;
  /** The settings the current (or last) run started with. */
  #runSettings: LiveSettings | undefined;
  #midEpoch = false;
  #nextRunResets = true;
  /** MNIST's loop on @backprop/parallel's sessions (see {@link Trainer.trainWith}), instead of the core's run. */
  #parallel: ParallelRun | undefined;
  readonly #targets: { train: Matrix; test: Matrix };
  readonly #grid: Matrix | undefined;
  /** The data trained on: as prepared, with the regression target standardized when {@link Trainer.targetScaler} is set. */
  readonly data: PreparedData;
  /**
   * A regression target's scaler (CSV data, standardize on): the network learns (y − mean) / std, while the
   * losses, predictions, heatmap and saved model the page shows are in y's own units.
   */
  readonly targetScaler: Scaler | undefined;

  /** `targetScaler`: a kept network's (it was trained with it); a new network fits its own, an imported one has none. */
  constructor(
    readonly config: PlaygroundConfig,
    data: PreparedData,
    net?: Network,
    keptTargetScaler?: Scaler,
  ) {
    // A network made here gets the page's input scaler; a kept or imported one keeps its own (its weights were trained with it).
    this.net = net ?? Network.create(specFor(config, data));
    if (!net) attachScaler(this.net, inputScaler(config, data));
    this.targetScaler = net ? keptTargetScaler : targetScaler(config, data);
    this.data = this.targetScaler ? withScaledTargets(data, this.targetScaler) : data;
    this.#settings = config;
    this.train = datasetOf(this.data, 'train');
    this.#targets = { train: targetMatrix(this.data.train, this.net.outputs), test: targetMatrix(this.data.test, this.net.outputs) };
    this.#grid = data.planar && data.train.points ? new Matrix(GRID * GRID, data.inputs, applyFeatures(gridPoints(GRID, data.view), config.features)) : undefined;
  }

  /** Learning rate, optimizer, regularization and batch size: see the class comment for when each applies. */
  setLive(s: LiveSettings): void {
    const was = this.#settings;
    this.#settings = s;
    if (this.#parallel) {
      this.#parallel.setLive(s);
      return;
    }
    const steps = this.#steps;
    const run = this.#runSettings;
    if (!steps || !run) return;
    if (s.optimizer !== run.optimizer || s.batchSize !== run.batchSize) {
      if (!this.#midEpoch) this.#endRun();
      return; // else at the epoch's end (#afterEpoch)
    }
    if (s.regularization !== was.regularization || s.regularizationRate !== was.regularizationRate) {
      this.#endRun(); // the penalty is a run option: the next step continues the run with the new one
      return;
    }
    if (s.learningRate !== was.learningRate) steps.setLearningRate(s.learningRate);
    if (s.momentum !== was.momentum && (s.optimizer === 'momentum' || s.optimizer === 'nesterov')) steps.setHyperparameters({ momentum: s.momentum });
  }

  /**
   * Trains from here on with gradients from a @backprop/parallel session on this network and the training
   * half (parallel-run.ts), or swaps the session of a run that already does (another worker count).
   */
  trainWith(gradient: ParallelRowGradient): void {
    if (this.#parallel) {
      this.#parallel.gradient = gradient;
      return;
    }
    this.#endRun();
    this.#parallel = new ParallelRun(this.net, gradient, this.#settings, this.config.seed);
  }

  /** The session MNIST's steps use, if any. */
  get gradient(): ParallelRowGradient | undefined {
    return this.#parallel?.gradient;
  }

  /** The live changes of the parallel run so far, as the core's `history.changes` lists them. */
  get changes(): readonly RunChange[] | undefined {
    return this.#parallel?.changes;
  }

  get settings(): LiveSettings {
    return this.#settings;
  }

  /** One update on the next mini-batch (the core's step: forward, backward, penalty, update; SPEC §4). */
  stepBatch(): void {
    while (!this.diverged) {
      const event = this.#next();
      if (event?.type === 'batch') break;
    }
  }

  /** Steps until the current epoch ends. */
  stepEpoch(): void {
    const start = this.epoch;
    while (this.epoch === start && !this.diverged) this.stepBatch();
  }

  /** Ends the core run, so the network is free for another one (a new Trainer on it, an import). */
  close(): void {
    this.#endRun();
  }

  /** The next event of the core's run (starting one when there is none); undefined when the run ended. */
  #next(): TrainEvent | RunEvent | undefined {
    if (this.#parallel) {
      const e = this.#parallel.next();
      if (e.type === 'diverged') {
        this.diverged = true;
        return undefined;
      }
      return this.#count(e);
    }
    const steps = (this.#steps ??= this.#startRun());
    let r: IteratorResult<TrainEvent>;
    try {
      r = steps.next();
    } catch (e) {
      // The core refused a non-finite step and kept the last good θ: the page stops and says why.
      if (!(e instanceof TrainingDivergedError)) throw e;
      this.#steps = undefined;
      this.diverged = true;
      return undefined;
    }
    if (r.done || r.value.type === 'end') {
      this.#endRun();
      return undefined;
    }
    return this.#count(r.value);
  }

  /** Counts a step or an epoch of either run. */
  #count(e: BatchEvent | EpochEvent | Exclude<RunEvent, { type: 'diverged' }>): BatchEvent | EpochEvent | RunEvent {
    if (e.type === 'batch') {
      this.iterations++;
      this.samplesSeen += e.size;
      this.#midEpoch = e.batch < e.batches;
      this.#recordNorms(e.gradNorms);
      // The epoch event follows the epoch's last batch: take it now, so the epoch counts as done with its last step.
      if (!this.#midEpoch) this.#next();
    } else if (!e.partial) this.#afterEpoch();
    return e;
  }

  #startRun(): TrainingSteps {
    const s = this.#settings;
    const run = this.#runSettings;
    // The first run of this trainer forgets any training state the network carries (a kept or imported
    // network); later runs continue it, unless the optimizer changed (its buffers belong to the old one).
    const reset = this.#nextRunResets || (run !== undefined && run.optimizer !== s.optimizer);
    const regularization = this.#regularization();
    const steps = this.net.steps(this.train, {
      epochs: RUN_EPOCHS,
      batchSize: Math.min(Math.max(1, s.batchSize), this.train.X.rows),
      learningRate: s.learningRate,
      optimizer: s.optimizer === 'momentum' || s.optimizer === 'nesterov' ? { name: s.optimizer, momentum: s.momentum } : s.optimizer,
      seed: this.config.seed,
      ...(regularization ? { regularization } : {}),
      ...(reset ? { reset } : {}),
    });
    this.#nextRunResets = false;
    this.#runSettings = s;
    return steps;
  }

  #endRun(): void {
    this.#steps?.return();
    this.#steps = undefined;
  }

  /** The core's L1 / L2 penalty on the weights (biases are not penalised): Ω = λ·Σ|W| or λ·ΣW². */
  #regularization(): Regularization | undefined {
    const { regularization: reg, regularizationRate: rate } = this.#settings;
    if (reg === 'none' || rate === 0) return undefined;
    return reg === 'l1' ? { l1: rate } : { l2: rate };
  }

  #recordNorms(norms: readonly number[]): void {
    this.normHistory.push([...norms]);
    if (this.normHistory.length > NORM_POINTS * 4) this.normHistory.splice(0, this.normHistory.length - NORM_POINTS * 4);
  }

  #afterEpoch(): void {
    this.epoch++;
    const run = this.#runSettings;
    // A batch size or optimizer asked for during the epoch applies from this boundary on.
    if (run && (run.optimizer !== this.#settings.optimizer || run.batchSize !== this.#settings.batchSize)) this.#endRun();
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
    // Standardized targets: (ŷ − y)² in y's units is std² times the standardized one (one target column).
    const loss = this.net.loss(X, T) * (this.targetScaler ? this.targetScaler.scale[0]! ** 2 : 1);
    // A diverged network: the loss says so (NaN); classify would throw the core's typed non_finite error.
    if (this.data.task !== 'classification' || !Number.isFinite(loss)) return { loss };
    const predicted = predictedClasses(this.net, X);
    let right = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === split.y![i]) right++;
    return { loss, accuracy: right / predicted.length };
  }

  /** ŷ for one input row (in the target's units). */
  predict(input: Float32Array): Float32Array {
    const yHat = Float32Array.from(this.net.forward(new Matrix(1, input.length, input)).yHat.data); // NaN when diverged, as drawn
    return this.targetScaler ? unscaleTargets(this.targetScaler, yHat) : yHat;
  }

  /** The model to save: the network, with a standardized target folded into its output layer (it predicts y itself). */
  modelJson(): NetworkJSON {
    const json = this.net.toJSON();
    return this.targetScaler ? foldTargetScaler(json, this.targetScaler) : json;
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
      rawCsv: this.config.dataset === 'csv' && !this.net.preprocessing?.input,
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

  #gridViews(): Pick<Snapshot, 'grid' | 'gridConfidence' | 'gridProbabilities' | 'neurons'> {
    if (!this.#grid) return {};
    const trace = this.net.forward(this.#grid);
    const yHat = trace.yHat;
    const cells = GRID * GRID;
    const grid = new Float32Array(cells);
    let gridConfidence: Float32Array | undefined;
    if (yHat.cols === 1) grid.set(this.targetScaler ? unscaleTargets(this.targetScaler, Float32Array.from(yHat.data)) : yHat.data);
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
    // 3+ classes: every class's probability too, so each output unit shows its own over the plane (as two do).
    return gridConfidence ? { grid, gridConfidence, gridProbabilities: Float32Array.from(yHat.data), neurons } : { grid, neurons };
  }

  #mistakes(): Mistake[] {
    const { X, y } = this.data.test;
    const rows = firstRows(X, 300);
    if (!Number.isFinite(this.net.loss(rows, firstRows(this.#targets.test, 300)))) return []; // diverged: nothing to classify
    const predicted = predictedClasses(this.net, rows);
    const out: Mistake[] = [];
    for (let i = 0; i < predicted.length && out.length < 8; i++) {
      if (predicted[i] !== y![i]) out.push({ pixels: Float32Array.from(X.row(i)), predicted: predicted[i]!, actual: y![i]! });
    }
    return out;
  }
}
