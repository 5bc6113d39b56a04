import { BackpropError, type FitOptions, type FitResult, type Network, type OptimizerName, type ScheduleName, TrainingDivergedError, type TrainEvent as CoreEvent } from '@backprop/core';
import type { Dataset } from '@backprop/datasets';
import { type BatchEvent, type EndEvent, type History, type LayerStat, type Position, type StopReason, type TrainEvent, emptyHistory } from './events.js';
import type { Meter } from './meter.js';
import { headRows, layerStats } from './stats.js';

/** How to train. Defaults are filled in by the command layer, not here. */
export interface SessionOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly optimizer?: OptimizerName;
  readonly schedule?: ScheduleName;
  /** Early stopping on the validation loss after this many epochs without improvement (best weights kept). */
  readonly patience?: number;
  readonly l1?: number;
  readonly l2?: number;
  /** Gradient clipping by global L2 norm (core's `clipNorm`). */
  readonly clipNorm?: number;
  readonly validation?: Dataset;
  /** Continue from the network's training state (a checkpoint loaded with `Network.fromJSON`). */
  readonly resume?: boolean;
  /** Yield to the event loop at least this often (default 16 ms), so keys stay live. */
  readonly yieldEveryMs?: number;
  /**
   * Recompute dead / saturated shares (a forward pass over the probe rows) at epoch ends at most this
   * often (default 1000 ms; Infinity: never, for renderers that do not show them). Gradient norms are live.
   */
  readonly probeEveryMs?: number;
  /** Told about every step, at the step (core's callbacks), for steady-state throughput. */
  readonly meter?: Meter;
  /** Pass on at most one batch event per this many ms (default 50; 0: every step, for tests). */
  readonly batchEventMs?: number;
}

/** The starting position and the planned totals of a session (epochs counted over the whole run, a resumed one included). */
export interface Plan extends Position {
  readonly epochs: number;
  readonly batches: number;
}

/** A running training: an async stream of events plus live controls (over core's `net.train`). */
export interface Session extends AsyncIterable<TrainEvent> {
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Ends training before the next step; `interrupted` is for Ctrl-C / signals. */
  stop(reason?: 'stopped' | 'interrupted'): void;
  setLearningRate(learningRate: number): void;
  readonly learningRate: number;
  /** Where training is now. */
  position(): Position;
  /**
   * The steps the batch-event throttle held back since the last batch event, as one batch event now
   * (undefined when none were held back); the stream then goes on from there. A screen drawn on a key (pause,
   * save) shows the step training is really at, not the one of up to 50 ms before.
   */
  flush(): BatchEvent | undefined;
  /**
   * Where training starts and what it plans (total epochs, batches per epoch): known before the first
   * event arrives, so a screen drawn at the start (or paused there) shows "epoch 0/10", not "0/0".
   */
  readonly planned: Plan;
  readonly history: History;
  /** The latest per-layer statistics (gradient norms live from the core; dead/saturated per epoch). */
  readonly layers: readonly LayerStat[];
  /** Probe passes for dead / saturated shares since the start (see `probeEveryMs`). */
  readonly probes: number;
  readonly result: Promise<EndEvent>;
}

type CoreBatch = Extract<CoreEvent, { type: 'batch' }>;

const PROBE_ROWS = 64;
/** Core emits an event per step (tens of thousands a second for toy nets); pass on at most one per this many ms. */
const BATCH_EVENT_MS = 50;
/** Dead / saturated shares need a probe forward pass; recompute them at most this often by default. */
const PROBE_EVERY_MS = 1000;

/** Maps one core event to the CLI's event (positions are completed epochs; times in seconds). */
function progress(e: Exclude<CoreEvent, { type: 'end' }>, position: Position, batches: number) {
  return {
    ...position,
    epochs: e.epochs,
    batches,
    learningRate: e.learningRate,
    samplesPerSecond: e.samplesPerSecond,
    etaSeconds: e.etaMs / 1000,
    elapsedSeconds: e.elapsedMs / 1000,
  };
}

/** The core's diagnosis in the CLI's words: its option names become the flags that set them. */
export function cliAdvice(message: string): string {
  return message.replace(/\(clipNorm\)/g, '(--clip-norm)').replace(/\bclipNorm\b/g, '--clip-norm').replace(/\blearningRate\b/g, '--lr');
}

/** Starts training `net` on `train` with core's background session and adapts its events. */
export function createSession(net: Network, train: Dataset, options: SessionOptions): Session {
  const N = train.X.rows;
  const batchSize = Math.min(options.batchSize, N);
  const batches = Math.ceil(N / batchSize);
  const probe = headRows(train, PROBE_ROWS);
  const regularization = options.l1 || options.l2 ? { ...(options.l1 ? { l1: options.l1 } : {}), ...(options.l2 ? { l2: options.l2 } : {}) } : undefined;
  // A resumed run starts from the saved state: its epochs so far and their history. `epochs` is the CLI's
  // total (the config's), while the core's counts the new full epochs after finishing an interrupted one
  // (Keras): pass the difference.
  const saved = options.resume ? net.checkpoint().training : undefined;
  if (saved && options.epochs <= saved.epoch) {
    throw new BackpropError('invalid_option', '--epochs', `more than ${saved.epoch} (the checkpoint has already trained ${saved.epoch} epochs)`, String(options.epochs));
  }
  const fit: FitOptions = {
    epochs: options.epochs - (saved ? saved.epoch + (saved.position > 0 ? 1 : 0) : 0),
    batchSize,
    // Resuming keeps the run's own η (it may have been changed live with the keys); given, it would be a change.
    ...(saved ? {} : { learningRate: options.learningRate }),
    seed: options.seed,
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
    ...(options.schedule ? { schedule: options.schedule } : {}),
    ...(options.validation ? { validationData: options.validation } : {}),
    ...(options.patience !== undefined && options.validation ? { earlyStopping: { patience: options.patience, restoreBestWeights: true } } : {}),
    ...(regularization ? { regularization } : {}),
    ...(options.clipNorm !== undefined ? { clipNorm: options.clipNorm } : {}),
    ...(options.resume ? { resume: true } : {}),
    ...(options.yieldEveryMs !== undefined ? { yieldEveryMs: options.yieldEveryMs } : {}),
    ...(options.meter ? { onBatchEnd: (e: { size: number }) => options.meter?.step(e.size), onEnd: () => options.meter?.end() } : {}),
  };
  const core = net.train(train, fit);
  const history = emptyHistory();
  if (saved) {
    history.trainLoss.push(...saved.history.loss);
    history.trainAccuracy.push(...saved.history.accuracy);
    history.valLoss.push(...saved.history.valLoss);
    history.valAccuracy.push(...saved.history.valAccuracy);
  }
  const batchEventMs = options.batchEventMs ?? BATCH_EVENT_MS;
  let position: Position = saved ? { epoch: saved.epoch, batch: saved.position, iterations: saved.iteration } : { epoch: 0, batch: 0, iterations: 0 };
  const planned: Plan = { ...position, epochs: options.epochs, batches };
  let layers: LayerStat[] = layerStats(net, probe.X, probe.Y);
  let statsAt = performance.now();
  const probeEveryMs = options.probeEveryMs ?? PROBE_EVERY_MS;
  let probes = 0;
  // Gradient norms arrive with every step; merge them into the layer stats only when asked.
  let gradNorms: readonly number[] = [];
  const withNorms = (): LayerStat[] => layers.map((l, i) => ({ ...l, gradNorm: gradNorms[i] ?? l.gradNorm }));
  let stopReason: 'stopped' | 'interrupted' | undefined;
  let last: ReturnType<typeof progress> | undefined;
  let resolveResult!: (end: EndEvent) => void;
  const result = new Promise<EndEvent>((resolve) => {
    resolveResult = resolve;
  });

  const endOf = (r: FitResult | undefined, reason: StopReason, message?: string): EndEvent => {
    // The last complete epoch's metrics, training and validation alike (a run stopped inside an epoch
    // has only partial training sums for it, and no validation pass).
    const at = (xs: readonly number[]) => (xs.length > 0 && Number.isFinite(xs[xs.length - 1]) ? xs[xs.length - 1] : undefined);
    const trainLoss = at(history.trainLoss);
    const metrics =
      trainLoss === undefined
        ? undefined
        : Object.fromEntries(Object.entries({ trainLoss, trainAccuracy: at(history.trainAccuracy), valLoss: at(history.valLoss), valAccuracy: at(history.valAccuracy) }).filter(([, v]) => v !== undefined));
    const base = last ?? { ...position, epochs: options.epochs, batches, learningRate: core.learningRate, samplesPerSecond: 0, etaSeconds: 0, elapsedSeconds: 0 };
    return {
      ...base,
      ...position,
      etaSeconds: 0,
      elapsedSeconds: r ? r.elapsedMs / 1000 : base.elapsedSeconds,
      type: 'end',
      stopReason: reason,
      ...(message ? { message } : {}),
      ...(metrics ? { metrics: metrics as { trainLoss: number } } : {}),
    };
  };

  let emittedAt = Number.NEGATIVE_INFINITY;
  let lossSum = 0;
  let lossCount = 0;
  // The epoch's running mean, summed as the core sums its epoch loss (loss × rows, over rows seen), so at the
  // epoch's last batch it is the epoch's loss exactly; a resumed run starts from the checkpoint's sums.
  let epochLossSum = saved?.partial.lossSum ?? 0;
  let epochSeen = saved?.partial.seen ?? 0;
  // The newest core batch event not passed on yet (the throttle held it back), for flush().
  let heldBack: CoreBatch | undefined;
  const batchEvent = (e: CoreBatch): BatchEvent => {
    emittedAt = performance.now();
    heldBack = undefined;
    last = progress(e, position, e.batches);
    // The mean loss of the steps since the previous batch event, and of the epoch so far.
    const event: BatchEvent = { type: 'batch', ...last, loss: lossSum / lossCount, epochLoss: epochLossSum / epochSeen };
    lossSum = 0;
    lossCount = 0;
    return event;
  };

  async function* run(): AsyncGenerator<TrainEvent> {
    try {
      for await (const e of core) {
        if (e.type === 'batch') {
          position = { epoch: e.epoch - 1, batch: e.batch, iterations: e.iteration };
          gradNorms = e.gradNorms;
          lossSum += e.loss;
          lossCount++;
          epochLossSum += e.loss * e.size;
          epochSeen += e.size;
          heldBack = e;
          // Paused, the steps still queued before the pause took hold are few: each is passed on, so the
          // screen ends on the step training stopped at.
          if (core.status !== 'paused' && performance.now() - emittedAt < batchEventMs) continue;
          yield batchEvent(e);
        } else if (e.type === 'epoch') {
          // A partial epoch (training stopped inside it) is not complete: the position stays mid-epoch.
          if (e.partial) continue;
          heldBack = undefined; // the epoch event carries its last steps
          position = { epoch: e.epoch, batch: 0, iterations: e.iteration };
          gradNorms = e.gradNorms;
          epochLossSum = 0;
          epochSeen = 0;
          if (performance.now() - statsAt >= probeEveryMs || (e.epoch === options.epochs && probeEveryMs < Number.POSITIVE_INFINITY)) {
            statsAt = performance.now();
            layers = layerStats(net, probe.X, probe.Y, gradNorms);
            probes++;
          }
          const metrics = {
            trainLoss: e.loss,
            ...(e.accuracy !== undefined ? { trainAccuracy: e.accuracy } : {}),
            ...(e.valLoss !== undefined ? { valLoss: e.valLoss } : {}),
            ...(e.valAccuracy !== undefined ? { valAccuracy: e.valAccuracy } : {}),
          };
          history.trainLoss.push(e.loss);
          history.trainAccuracy.push(e.accuracy ?? Number.NaN);
          history.valLoss.push(e.valLoss ?? Number.NaN);
          history.valAccuracy.push(e.valAccuracy ?? Number.NaN);
          last = progress(e, position, batches);
          yield { type: 'epoch', ...last, loss: e.loss, metrics, layers: withNorms() };
        }
      }
      const r = await core.result;
      const reason: StopReason = r.stopReason === 'stopped' ? (stopReason ?? 'stopped') : r.stopReason === 'early-stopping' ? 'early-stopping' : 'epochs';
      const end = endOf(r, reason);
      resolveResult(end);
      yield end;
    } catch (error) {
      if (!(error instanceof TrainingDivergedError)) throw error;
      // The core's advice names its own options; a CLI user sets them with flags.
      const end = endOf(error.result, 'diverged', cliAdvice(error.message));
      resolveResult(end);
      yield end;
    }
  }

  let iterator: AsyncGenerator<TrainEvent> | undefined;
  return {
    [Symbol.asyncIterator]() {
      iterator ??= run();
      return iterator;
    },
    pause: () => core.pause(),
    resume: () => core.resume(),
    get paused() {
      return core.status === 'paused';
    },
    stop(reason = 'stopped') {
      stopReason ??= reason;
      core.stop();
    },
    setLearningRate(lr: number) {
      if (Number.isFinite(lr) && lr > 0) core.setLearningRate(lr);
    },
    get learningRate() {
      return core.learningRate;
    },
    position: () => position,
    flush: () => (heldBack ? batchEvent(heldBack) : undefined),
    planned,
    history,
    get layers() {
      return withNorms();
    },
    get probes() {
      return probes;
    },
    result,
  };
}
