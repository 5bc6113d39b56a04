import { systemNow } from '../clock.js';
import type { UnpackedData } from '../dataset.js';
import { BackpropError, describe } from '../errors.js';
import { checkFiniteParameters } from '../serialize.js';
import type { NetworkHandle } from '../handle.js';
import type { NetworkInternals } from '../internals.js';
import type { Hyperparameters, Optimizer } from '../optimizers.js';
import { type Rng, createRng, epochOrder } from '../random.js';
import type { Monitor, Schedule } from '../schedules.js';
import { adoptClassNames, checkDataset, inputMaxAbs } from '../preprocessing.js';
import { checkNumber } from '../validate.js';
import { acquireTraining } from './busy.js';
import { planRun } from './continue.js';
import { checkTrainingData } from './prepare.js';
import { BatchLoader } from './batches.js';
import { type PreparedData, type TaskKind, evaluateSet, prepareData, taskOf } from './data.js';
import { RecentNorms, TrainingDivergedError, largestStateValue, likelyCause } from './divergence.js';
import { type ResolvedFitOptions, resolveFitOptions } from './options.js';
import { type History, type RunSettings, type TrainingStateJSON, copyHistory, emptyHistory, setTrainingState, trainingStateOf } from './state.js';
import { type StepContext, type StepResult, trainStep } from './step.js';
import type { BatchEvent, EpochEvent, FitResult, OptionChange, StopReason, TrainEvent } from './types.js';
import { runWeights } from './weights.js';

type EarlyState = { best: number | null; wait: number; bestEpoch: number | null; bestWeights: number[] | null };

/**
 * One training run as a step function (STYLE §6): {@link TrainingRun.events} performs one update per
 * `next()` and yields its event — no timers, no I/O — so fit, the async session, a TUI or a worker
 * drive it at their own pace. All options are validated and the data prepared in the constructor.
 */
export class TrainingRun {
  readonly options: ResolvedFitOptions;
  readonly #net: NetworkHandle;
  readonly #inner: NetworkInternals;
  readonly #data: PreparedData;
  readonly #task: TaskKind;
  readonly #batchSize: number;
  readonly #batches: number;
  readonly #optimizer: Optimizer;
  readonly #schedule: Schedule;
  readonly #ctx: StepContext;
  readonly #monitor: Monitor;
  readonly #now: () => number;
  readonly #settings: RunSettings;
  readonly #classWeight: readonly number[] | undefined;
  readonly #sampleWeight: readonly number[] | undefined;
  /** w_r of every training row (undefined: unweighted), and the current batch's share. */
  readonly #rowWeights: Float64Array | undefined;
  /** The epoch this call ends at: the completed epochs when it started + `epochs`. */
  readonly #endEpoch: number;
  #release: (() => void) | undefined;
  #rng: Rng;
  #rngAtEpochStart: readonly [number, number, number, number];
  #reshuffle = false;
  #base: number;
  #lr = 0;
  #epoch = 0;
  #iteration = 0;
  #position = 0;
  #partial = { lossSum: 0, seen: 0, correct: 0, gradNormSums: new Float64Array(0) };
  #history: History = emptyHistory();
  #early: EarlyState | null = null;
  #requested: StopReason | undefined;
  #reason: StopReason | undefined;
  readonly #norms = new RecentNorms();

  constructor(net: NetworkHandle, inner: NetworkInternals, data: UnpackedData, options: unknown, call: string, now?: () => number) {
    const L = inner.model.W.length;
    const o = resolveFitOptions(options, L, net.spec.seed);
    this.options = o;
    this.#net = net;
    this.#inner = inner;
    this.#now = now ?? o.now ?? systemNow;
    this.#task = taskOf(net);
    if (o.reset) setTrainingState(net, undefined);
    const saved = trainingStateOf(net);
    if (o.resume && !saved) throw new BackpropError('invalid_option', 'options.resume', 'a network with a training state (after fit, or loaded from checkpoint())', 'none');
    if (o.epochs === 0 && !(saved && saved.position > 0)) throw new BackpropError('invalid_option', 'options.epochs', 'an integer ≥ 1 (0 only finishes a run stopped inside an epoch)', '0');
    // The precedence of options over a saved run lives in continue.ts.
    const plan = planRun(o, o.given, saved, net.spec.seed);
    this.#settings = plan.settings;
    checkFiniteParameters(net.spec, net.flat, 'a finite parameter before training');
    // The data's checks are public (prepareTrainingData): other trainers refuse what fit refuses, in its words.
    const prepared = checkTrainingData(net, data);
    const inputScale = inputMaxAbs; // found by X's finiteness check: no second pass over X
    if (prepared.labels) adoptClassNames(net, prepared.labels);
    if (o.validationData) checkDataset(net, 'options.validationData', o.validationData, data.classNames);
    const rng = createRng(plan.settings.seed);
    const split = plan.settings.validationSplit ?? undefined;
    this.#data = prepareData(net, prepared.X, prepared.Y, inputScale, { fraction: split, stratify: o.stratify ?? this.#task !== undefined, data: o.validationData }, rng);
    const N = this.#data.x.rows;
    // A batch size kept from the saved run shrinks to fit smaller data (at an epoch boundary: data may change there).
    const kept = saved !== undefined && !o.given.has('batchSize') && plan.batchSize !== undefined;
    this.#batchSize = plan.batchSize === undefined ? Math.min(32, N) : kept ? Math.min(plan.batchSize, N) : plan.batchSize;
    if (this.#batchSize > N) throw new BackpropError('invalid_option', 'options.batchSize', `an integer in [1, ${N}] (N = ${N} training rows)`, String(this.#batchSize));
    if (saved && saved.position > 0 && (saved.samples !== N || saved.batchSize !== this.#batchSize)) {
      throw new BackpropError('invalid_option', 'data', `the saved run's N = ${saved.samples} rows in batches of ${saved.batchSize}, to finish epoch ${saved.epoch + 1} where it stopped`, `N = ${N}, batchSize = ${this.#batchSize}`, 'Pass reset: true to start a new run');
    }
    this.#batches = Math.ceil(N / this.#batchSize);
    const hasVal = this.#data.val !== undefined;
    this.#monitor = o.earlyStopping?.monitor ?? (hasVal ? 'val-loss' : 'loss');
    for (const [argument, m] of [['options.earlyStopping.monitor', o.earlyStopping?.monitor], ['options.schedule.monitor', plan.settings.schedule.name === 'plateau' ? plan.settings.schedule.monitor : undefined]] as const) {
      if (m?.endsWith('accuracy') && !this.#task) throw new BackpropError('invalid_option', argument, 'a loss (accuracy needs a softmax or single logistic output)', describe(m));
    }
    this.#optimizer = plan.optimizer;
    this.#schedule = plan.schedule;
    this.#base = plan.learningRate;
    this.#rng = rng;
    this.#rngAtEpochStart = rng.state();
    this.#partial.gradNormSums = new Float64Array(L);
    if (o.earlyStopping) this.#early = { best: null, wait: 0, bestEpoch: null, bestWeights: null };
    const changes = [...plan.changes];
    const weights = runWeights(net, this.#task !== undefined, o, saved, this.#data.y, changes);
    this.#classWeight = weights.classWeight;
    this.#sampleWeight = weights.sampleWeight;
    this.#rowWeights = weights.rows;
    if (saved) this.#restore(saved, changes);
    // A run stopped inside an epoch finishes that epoch first; `epochs` then counts new full epochs (Keras).
    this.#endEpoch = this.#epoch + (this.#position > 0 ? 1 : 0) + o.epochs;
    this.#ctx = {
      net,
      inner,
      optimizer: this.#optimizer,
      regularization: o.regularization,
      clipValue: o.clipValue,
      clipNorm: o.clipNorm,
      classify: this.#task !== undefined,
      weights: this.#rowWeights && new Float64Array(this.#batchSize),
      backup: inner.backup(),
      gradNorms: new Float64Array(L),
      stats: new Float64Array(2),
      result: { loss: 0, correct: 0, gradNorm: 0 },
    };
    this.#release = acquireTraining(net, call);
    setTrainingState(net, () => this.state());
  }

  #restore(state: TrainingStateJSON, changes: readonly OptionChange[]): void {
    this.#epoch = state.epoch;
    this.#iteration = state.iteration;
    this.#position = state.position;
    this.#rng = createRng(0, state.rng);
    this.#reshuffle = state.position > 0;
    this.#partial = { ...state.partial, gradNormSums: Float64Array.from(state.partial.gradNormSums) };
    this.#history = copyHistory(state.history);
    this.#history.changes.push(...changes);
    // Early stopping's best value and patience go on when the continuing fit also stops early.
    if (this.#early && state.earlyStopping) this.#early = { ...state.earlyStopping, bestWeights: state.earlyStopping.bestWeights && [...state.earlyStopping.bestWeights] };
  }

  /** The state a checkpoint saves: enough to resume on exactly this trajectory. */
  state(): TrainingStateJSON {
    return {
      epoch: this.#epoch,
      iteration: this.#iteration,
      position: this.#position,
      samples: this.#data.x.rows,
      batchSize: this.#batchSize,
      rng: this.#position > 0 ? this.#rngAtEpochStart : this.#rng.state(),
      learningRate: this.#base,
      optimizer: this.#optimizer.state(),
      schedule: this.#schedule.state(),
      partial: { ...this.#partial, gradNormSums: [...this.#partial.gradNormSums] },
      earlyStopping: this.#early && { ...this.#early, bestWeights: this.#early.bestWeights && [...this.#early.bestWeights] },
      history: copyHistory(this.#history),
      settings: this.#settings,
      ...(this.#classWeight ? { classWeight: [...this.#classWeight] } : {}),
      ...(this.#sampleWeight ? { sampleWeight: [...this.#sampleWeight] } : {}),
    };
  }

  /** Asks the run to stop before its next step. */
  stop(reason: 'stopped' | 'callback' = 'stopped'): void {
    this.#requested ??= reason;
  }

  /** The current η (after the schedule). */
  get learningRate(): number {
    return this.#lr || this.#schedule.rate(this.#base, this.#epoch);
  }

  /** Sets the base rate η₀ from the next step on; the schedule keeps applying on top. */
  setLearningRate(lr: number): void {
    const next = checkNumber('learningRate', lr, { positive: true }, 'invalid_argument');
    if (next !== this.#base) this.#history.changes.push({ epoch: this.#epoch + 1, iteration: this.#iteration, option: 'learningRate', from: this.#base, to: next });
    this.#base = next;
    this.#lr = this.#schedule.rate(this.#base, this.#epoch);
  }

  /** Changes optimizer hyperparameters (momentum, β…) between steps, keeping its buffers. */
  setHyperparameters(h: Hyperparameters): void {
    const before = this.#optimizer.hyperparameters as Record<string, unknown>;
    this.#optimizer.setHyperparameters(h);
    const after = this.#optimizer.hyperparameters as Record<string, unknown>;
    for (const k of Object.keys(after)) {
      if (after[k] !== before[k]) this.#history.changes.push({ epoch: this.#epoch + 1, iteration: this.#iteration, option: `optimizer.${k}`, from: before[k] as number, to: after[k] as number });
    }
  }

  /** Ends this run's hold on the network (idempotent): another training may start. */
  release(): void {
    this.#release?.();
    this.#release = undefined;
  }

  #monitorValue(loss: number, acc: number | undefined, val: { loss: number; acc: number | undefined } | undefined, m: Monitor): number {
    if (m === 'loss') return loss;
    if (m === 'accuracy') return acc ?? Number.NaN;
    return (m === 'val-loss' ? val?.loss : val?.acc) ?? Number.NaN;
  }

  #timing(start: number, startIteration: number, epochStart: number, epochSeen: number) {
    const t = this.#now();
    const elapsedMs = t - start;
    const planned = Math.min(this.options.maxIterations, (this.#endEpoch - this.#epoch) * this.#batches - this.#position + (this.#iteration - startIteration));
    const done = this.#iteration - startIteration;
    let etaMs = done > 0 ? ((planned - done) * elapsedMs) / done : Number.NaN;
    etaMs = Math.max(0, Math.min(etaMs, this.options.timeBudgetMs - elapsedMs));
    const epochMs = t - epochStart;
    return { elapsedMs, etaMs, samplesPerSecond: epochMs > 0 ? (1000 * epochSeen) / epochMs : 0 };
  }

  #result(reason: StopReason, start: number, extra?: { loss: number; acc: number | undefined; val: { loss: number; acc: number | undefined } | undefined }): FitResult {
    const h = copyHistory(this.#history);
    if (extra) {
      h.loss.push(extra.loss);
      h.learningRate.push(this.#lr);
      if (extra.acc !== undefined) h.accuracy.push(extra.acc);
      if (extra.val) h.valLoss.push(extra.val.loss);
      if (extra.val?.acc !== undefined) h.valAccuracy.push(extra.val.acc);
    }
    const bestEpoch = this.#early?.bestEpoch ?? undefined;
    return { history: h, epochs: h.loss.length, iterations: this.#iteration, stopReason: reason, bestEpoch, elapsedMs: this.#now() - start };
  }

  /**
   * The run: one batch event per update step (unless `batches` is false: then one `next()` runs a whole
   * epoch), an epoch event per epoch (unless `epochs` is false: nobody listens, so the bookkeeping is
   * done without building one), then an end event; returns the result.
   */
  *events(batches = true, epochs = true): Generator<TrainEvent, FitResult, undefined> {
    try {
      return yield* this.#loop(batches, epochs);
    } finally {
      const frozen = this.state();
      setTrainingState(this.#net, () => frozen);
      this.release();
    }
  }

  *#loop(batchEvents: boolean, epochEvents: boolean): Generator<TrainEvent, FitResult, undefined> {
    const o = this.options;
    const { x, y } = this.#data;
    const N = x.rows;
    const order = new Uint32Array(N);
    const batches = new BatchLoader(this.#inner, x, y, order, this.#batchSize, o.shuffle && this.#batchSize < N, this.#rowWeights, this.#ctx.weights);
    const start = this.#now();
    const startIteration = this.#iteration;
    const end = this.#endEpoch;
    while (this.#epoch < end && !this.#reason && !this.#requested) {
      if (this.#position === 0 || this.#reshuffle) {
        // Each epoch's order depends only on the generator's state at its start, so a resume can rebuild it.
        this.#reshuffle = false;
        this.#rngAtEpochStart = this.#rng.state();
        epochOrder(order, o.shuffle && this.#batchSize < N ? this.#rng : undefined);
      }
      this.#lr = this.#schedule.rate(this.#base, this.#epoch);
      const epochStart = this.#now();
      let epochSeen = 0;
      const firstPosition = this.#position;
      while (this.#position < this.#batches) {
        if (this.#requested) this.#reason = this.#requested;
        else if (o.signal?.aborted) this.#reason = 'aborted';
        if (this.#reason) break;
        const from = this.#position * this.#batchSize;
        const n = Math.min(this.#batchSize, N - from);
        const r = trainStep(this.#ctx, batches.load(this.#position, from, n), this.#lr);
        if ('stage' in r) {
          const p = this.#partial;
          const extra = p.seen > 0 ? { loss: p.lossSum / p.seen, acc: this.#task ? p.correct / p.seen : undefined, val: undefined } : undefined;
          const state = largestStateValue(this.#optimizer.state());
          throw new TrainingDivergedError(this.#iteration + 1, this.#epoch + 1, r.stage, r.layer, likelyCause(this.#data.inputScale, this.#norms.withLast(r.gradNorm), state), this.#result('diverged', start, extra), this.#lr, r.loss, state);
        }
        this.#record(r, n);
        epochSeen += n;
        if (batchEvents) yield this.#batchEvent(r, n, start, startIteration, epochStart, epochSeen);
        const last = this.#epoch === end - 1 && this.#position === this.#batches;
        if (!last && this.#iteration - startIteration >= o.maxIterations) this.#reason = 'max-iterations';
        else if (!last && o.timeBudgetMs !== Number.POSITIVE_INFINITY && this.#now() - start >= o.timeBudgetMs) this.#reason = 'time-budget';
        if (this.#reason) break;
      }
      if (this.#position === firstPosition) break; // stopped before any step of this epoch
      const event = this.#finishEpoch(start, startIteration, epochStart, epochSeen, epochEvents);
      if (event) yield event;
    }
    const reason = this.#reason ?? (this.#requested && this.#epoch < end ? this.#requested : 'epochs');
    const e = this.#early;
    if (reason === 'early-stopping' && o.earlyStopping?.restoreBestWeights && e?.bestWeights) this.#net.flat.set(e.bestWeights);
    const p = this.#partial;
    const result = this.#result(reason, start, p.seen > 0 ? { loss: p.lossSum / p.seen, acc: this.#task ? p.correct / p.seen : undefined, val: undefined } : undefined);
    yield { type: 'end', result };
    return result;
  }

  #batchEvent(r: StepResult, n: number, start: number, startIteration: number, epochStart: number, epochSeen: number): BatchEvent {
    return {
      type: 'batch',
      epoch: this.#epoch + 1,
      epochs: this.#endEpoch,
      iteration: this.#iteration,
      learningRate: this.#lr,
      ...this.#timing(start, startIteration, epochStart, epochSeen),
      batch: this.#position,
      batches: this.#batches,
      size: n,
      loss: r.loss,
      accuracy: this.#task ? r.correct / n : undefined,
      gradNorm: r.gradNorm,
      gradNorms: Array.from(this.#ctx.gradNorms),
    };
  }

  /** Counts a finished step of n rows: the iteration, the position in the epoch, the epoch's running sums. */
  #record(r: StepResult, n: number): void {
    this.#iteration++;
    this.#position++;
    const p = this.#partial;
    p.lossSum += r.loss * n;
    p.seen += n;
    p.correct += r.correct;
    const norms = this.#ctx.gradNorms;
    for (let i = 0; i < norms.length; i++) p.gradNormSums[i] = p.gradNormSums[i]! + norms[i]!;
    this.#norms.push(r.gradNorm);
  }

  #finishEpoch(start: number, startIteration: number, epochStart: number, epochSeen: number, build: boolean): EpochEvent | undefined {
    const o = this.options;
    const p = this.#partial;
    const complete = this.#position === this.#batches;
    const steps = Math.max(1, this.#position);
    const loss = p.lossSum / p.seen;
    const acc = this.#task ? p.correct / p.seen : undefined;
    const { val: data } = this.#data;
    const v = data ? evaluateSet(this.#inner, data.x, data.y, o.regularization, this.#task) : undefined;
    const val = v && data ? { loss: v.loss, acc: this.#task ? v.correct / data.x.rows : undefined } : undefined;
    const gradNorms = build ? Array.from(p.gradNormSums, (s) => s / steps) : undefined;
    let improved = false;
    const epoch = this.#epoch + 1;
    if (complete) {
      const h = this.#history;
      h.loss.push(loss);
      h.learningRate.push(this.#lr);
      if (acc !== undefined) h.accuracy.push(acc);
      if (val) h.valLoss.push(val.loss);
      if (val?.acc !== undefined) h.valAccuracy.push(val.acc);
      const e = this.#early;
      if (e && o.earlyStopping) {
        const value = this.#monitorValue(loss, acc, val, this.#monitor);
        const sign = this.#monitor.endsWith('accuracy') ? -1 : 1;
        improved = e.best === null || sign * value < sign * e.best - o.earlyStopping.minDelta;
        if (improved) {
          e.best = value;
          e.wait = 0;
          e.bestEpoch = epoch;
          if (o.earlyStopping.restoreBestWeights) e.bestWeights = Array.from(this.#net.flat);
        } else if (++e.wait >= o.earlyStopping.patience) {
          this.#reason = 'early-stopping';
        }
      }
      const sm = this.#schedule.monitor ?? this.#monitor;
      this.#schedule.observe(this.#monitorValue(loss, acc, val, sm), this.#base);
      if (!this.#reason && o.targetLoss !== undefined && loss <= o.targetLoss) this.#reason = 'target-loss';
      this.#epoch = epoch;
      this.#position = 0;
      // Reset in place: a fresh object per epoch is garbage every step when each step is an epoch (full batch).
      p.lossSum = 0;
      p.seen = 0;
      p.correct = 0;
      p.gradNormSums.fill(0);
    }
    if (!build || !gradNorms) return undefined;
    return {
      type: 'epoch',
      epoch,
      epochs: this.#endEpoch,
      iteration: this.#iteration,
      learningRate: this.#lr,
      ...this.#timing(start, startIteration, epochStart, epochSeen),
      loss,
      accuracy: acc,
      valLoss: val?.loss,
      valAccuracy: val?.acc,
      gradNorms,
      partial: !complete,
      improved,
    };
  }
}
