import type { OptimizerConfig, OptimizerName } from '../optimizers.js';
import type { Regularization } from '../regularization.js';
import type { Monitor, ScheduleConfig, ScheduleName } from '../schedules.js';
import type { TrainingData } from '../dataset.js';



/** The part of an `AbortSignal` training reads (any AbortSignal fits). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** Early stopping (a bare `true` takes every default). */
export interface EarlyStoppingOptions {
  /** What to watch (default `val-loss` with a validation set, else `loss`). */
  readonly monitor?: Monitor;
  /** Epochs without improvement before stopping (default 10). */
  readonly patience?: number;
  /** The smallest change that counts as an improvement (default 0). */
  readonly minDelta?: number;
  /** Put back the weights of the best epoch when stopping early (default true). */
  readonly restoreBestWeights?: boolean;
}

/**
 * What a callback returns: nothing, or `'stop'` to end training (stop reason `callback`); an async callback's
 * promise of the same, awaited by {@link Network.train} (fit and steps are synchronous and refuse one). Any
 * other value (`false`, a typo such as `'stpo'`, the number `push` returns) is a typed `invalid_option` error
 * rather than silently ignored.
 */
export type CallbackReturn =
  // biome-ignore lint/suspicious/noConfusingVoidType: void, so `(e) => console.log(e)` (a void function) is a valid callback
  void | 'stop' | Promise<void | 'stop'>;

/** Typed callbacks; return `'stop'` from one to end training (stop reason `callback`). */
export interface TrainCallbacks {
  /** After every update step. */
  readonly onBatchEnd?: (event: BatchEvent) => CallbackReturn;
  /** After every epoch (and after a partial last epoch). */
  readonly onEpochEnd?: (event: EpochEvent) => CallbackReturn;
  /** Once, with the result. Not called when training throws. */
  readonly onEnd?: (event: EndEvent) => CallbackReturn;
}

/** Options of {@link Network.fit} and {@link Network.train}. Unknown keys, wrong types and out-of-range values throw `invalid_option` naming the option. */
export interface FitOptions extends TrainCallbacks {
  /**
   * Full passes over the data in this call (default 10); a fit that continues a run adds this many epochs (Keras).
   * A run that was stopped inside an epoch (stop(), `break`, maxIterations, time budget) first finishes that
   * epoch, then runs `epochs` new full epochs: checkpoint at epoch 13 mid-way + `epochs: 1` ends at epoch 15;
   * `epochs: 0` (allowed only then) just finishes the interrupted epoch.
   */
  readonly epochs?: number;
  /** Samples per step, 1 … N (default min(32, N)); N is full-batch gradient descent. */
  readonly batchSize?: number;
  /** Base learning rate η₀ (default 0.01, or 0.001 for adam / adamw). */
  readonly learningRate?: number;
  /** The update rule (default `sgd`): a name or `{ name, …hyperparameters }`. */
  readonly optimizer?: OptimizerName | OptimizerConfig;
  /** Learning-rate schedule, per epoch (default `constant`). */
  readonly schedule?: ScheduleName | ScheduleConfig;
  /** Stop after this many update steps of this call, as the notes' `max_iterations`. */
  readonly maxIterations?: number;
  /** Reshuffle the training samples every epoch (default true). */
  readonly shuffle?: boolean;
  /** Seed of the validation split and the shuffling: an integer in [0, 2³² − 1] (default: the network's seed). */
  readonly seed?: number;
  /** A held-out set evaluated after every epoch: a {@link Dataset} (e.g. from `@backprop/datasets`) or `{ X, Y }`. */
  readonly validationData?: TrainingData;
  /** Fraction in (0, 1) of the data held out for validation, taken after a seeded shuffle. */
  readonly validationSplit?: number;
  /** Keep class proportions in the split (default: true for classification). */
  readonly stratify?: boolean;
  /** Stop when the monitored value stops improving. */
  readonly earlyStopping?: boolean | EarlyStoppingOptions;
  /** Stop once an epoch's training loss is ≤ this. */
  readonly targetLoss?: number;
  /** Stop once this many milliseconds of training time have passed (pauses excluded). */
  readonly timeBudgetMs?: number;
  /** Stop when the signal aborts (stop reason `aborted`). */
  readonly signal?: AbortSignalLike;
  /** L1 / L2 weight penalties, in the loss and the gradient. */
  readonly regularization?: Regularization;
  /** Clamp every gradient entry to [−clipValue, clipValue]. */
  readonly clipValue?: number;
  /** Rescale the gradient so that its global L2 norm is ≤ clipNorm. */
  readonly clipNorm?: number;
  /**
   * Require a training state to continue (after a fit, or loaded from a checkpoint): without one, throw
   * instead of starting fresh. Continuing itself needs no flag: a fit on a trained network continues.
   */
  readonly resume?: boolean;
  /**
   * Start a new run: forget the network's training state (optimizer buffers, step count, schedule,
   * history). Weights are kept. Without it, a fit on a trained network continues the run (Keras semantics).
   */
  readonly reset?: boolean;
  /**
   * Loss weight per class (index c, or class name with `labels` preprocessing), or `'balanced'`
   * (scikit-learn's N / (K · n_c)). Sample i's loss is multiplied by w(y_i) · sampleWeight_i, and the
   * batch loss is Σ wᵢℓᵢ / N (Keras's normalisation; see the README for why). Saved with the run.
   */
  readonly classWeight?: readonly number[] | Readonly<Record<string, number>> | 'balanced';
  /**
   * Loss weight per training row (≥ 0, one per row of X), multiplied with `classWeight`. Not with `validationSplit`.
   * Saved with the run as float64 values (a checkpoint carries them): a continuing fit or a resume without this
   * option goes on with the saved weights; given again, the new ones apply from the next step (recorded in `history.changes`).
   */
  readonly sampleWeight?: ArrayLike<number>;
  /** Clock in milliseconds (default `performance.now`); inject one for deterministic tests. */
  readonly now?: () => number;
  /** {@link Network.train} only: yield to the event loop at least this often (default 16 ms). */
  readonly yieldEveryMs?: number;
  /** @deprecated The first API's name of {@link TrainCallbacks.onEpochEnd}; kept so older callers still run. */
  readonly onEpoch?: (event: EpochEvent) => CallbackReturn;
}

/** Why training ended. */
export type StopReason =
  | 'epochs'
  | 'max-iterations'
  | 'target-loss'
  | 'early-stopping'
  | 'time-budget'
  | 'aborted'
  | 'stopped'
  | 'callback'
  | 'diverged';

/** Progress fields common to batch and epoch events. */
export interface Progress {
  /** 1-based epoch this event belongs to. */
  readonly epoch: number;
  /** The epoch training ends at (the `epochs` option). */
  readonly epochs: number;
  /** Update steps taken so far (in total, across resumes). */
  readonly iteration: number;
  /** η used for the latest step. */
  readonly learningRate: number;
  /** Training samples processed per second in the current epoch. */
  readonly samplesPerSecond: number;
  /** Milliseconds since this run started (pauses excluded). */
  readonly elapsedMs: number;
  /** Estimated milliseconds left (from the epoch / iteration / time limits). */
  readonly etaMs: number;
}

/** After each update step. Loss and accuracy are those of this batch, before the update. */
export interface BatchEvent extends Progress {
  readonly type: 'batch';
  /** 1-based index of the batch in its epoch. */
  readonly batch: number;
  readonly batches: number;
  /** Rows in this batch. */
  readonly size: number;
  /** Mean loss of the batch (plus the regularization penalty). */
  readonly loss: number;
  /** Fraction classified correctly (classification only). */
  readonly accuracy: number | undefined;
  /** ‖∇θ‖₂ over every parameter, before clipping. */
  readonly gradNorm: number;
  /** ‖∇W_k‖ (Frobenius) for k = 1 … L at index k − 1, before clipping. */
  readonly gradNorms: readonly number[];
}

/** After each epoch. */
export interface EpochEvent extends Progress {
  readonly type: 'epoch';
  /** Mean training loss over the epoch's batches (weighted by batch size; penalty included). */
  readonly loss: number;
  readonly accuracy: number | undefined;
  /** Loss on the validation set after the epoch (undefined without one). */
  readonly valLoss: number | undefined;
  readonly valAccuracy: number | undefined;
  /** Mean over the epoch's steps of ‖∇W_k‖, index k − 1. */
  readonly gradNorms: readonly number[];
  /** True when training stopped before the epoch's last batch. */
  readonly partial: boolean;
  /** True when the monitored value improved (early stopping's notion of best). */
  readonly improved: boolean;
}

/** The last event of a run. */
export interface EndEvent {
  readonly type: 'end';
  readonly result: FitResult;
}

/** What a training run emits, in order: batch events, an epoch event after each epoch, one end event. */
export type TrainEvent = BatchEvent | EpochEvent | EndEvent;

/** An option changed on a continuing run (a later fit, `resume`, or a session's setter): from when, what, from what, to what. */
export interface OptionChange {
  /** 1-based epoch whose steps first use the new value. */
  readonly epoch: number;
  /** Update steps taken before the change. */
  readonly iteration: number;
  /** The option (`learningRate`, `optimizer.momentum`, `schedule`, `batchSize`, `validationSplit`). */
  readonly option: string;
  /** Numbers as numbers; anything else as its JSON text. */
  readonly from: string | number;
  readonly to: string | number;
}

/** Per-epoch history; arrays of metrics that were not measured stay empty. */
export interface FitHistory {
  readonly loss: readonly number[];
  readonly accuracy: readonly number[];
  readonly valLoss: readonly number[];
  readonly valAccuracy: readonly number[];
  readonly learningRate: readonly number[];
  /** Options changed while the run went on, in order (empty when none were). */
  readonly changes: readonly OptionChange[];
}

/** What {@link Network.fit} returns and a {@link TrainingSession} resolves to. */
export interface FitResult {
  /** One entry per epoch, including a partial last epoch (and the epochs before a resume). */
  readonly history: FitHistory;
  /** Epochs with an entry in the history. */
  readonly epochs: number;
  /** Update steps in total. */
  readonly iterations: number;
  readonly stopReason: StopReason;
  /** 1-based epoch with the best monitored value (when early stopping is on). */
  readonly bestEpoch: number | undefined;
  /** Milliseconds this run took (pauses excluded). */
  readonly elapsedMs: number;
}
