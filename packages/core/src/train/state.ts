import type { NetworkHandle } from '../handle.js';
import type { OptimizerState } from '../optimizers.js';
import type { ResolvedRegularization } from '../regularization.js';
import type { Monitor, ScheduleConfig, ScheduleState } from '../schedules.js';
import type { FitHistory, OptionChange } from './types.js';

/** Settings fixed when a run starts and kept by every fit that continues it (see {@link FitOptions.reset}). */
export interface RunSettings {
  /** Seed of the validation split and the shuffling generator. */
  readonly seed: number;
  /** The `validationSplit` fraction (null: none). */
  readonly validationSplit: number | null;
  /** The schedule, with the cosine period pinned to the run's planned end when it was left to default. */
  readonly schedule: ScheduleConfig;
  /**
   * Optional: true when the cosine period was left to default. It then follows the run's length: a continuing
   * fit planned past it stretches it to the new end (recorded in `history.changes`).
   */
  readonly periodFollowsRun?: boolean;
  /**
   * Optional: the penalty, clipping and early stopping of the run's latest fit (null: off), so that a continuing
   * fit training with others lists the difference in `history.changes` (these apply as given to each fit).
   */
  readonly lastOptions?: LastOptions;
}

/** See {@link RunSettings.lastOptions}. */
export interface LastOptions {
  readonly regularization: ResolvedRegularization | null;
  readonly clipValue: number | null;
  readonly clipNorm: number | null;
  readonly earlyStopping: { readonly monitor: Monitor | null; readonly patience: number; readonly minDelta: number; readonly restoreBestWeights: boolean } | null;
}

/**
 * A training run's complete state, saved in a checkpoint's `training` key: with the weights it lets a
 * later fit (after `Network.fromJSON`) continue on exactly the trajectory it would have followed.
 */
export interface TrainingStateJSON {
  /** Completed epochs. */
  readonly epoch: number;
  /** Update steps taken. */
  readonly iteration: number;
  /** Batches already done in the current, unfinished epoch (0 at an epoch boundary). */
  readonly position: number;
  /** Training rows (after the validation split) and batch size: finishing an unfinished epoch needs the same. */
  readonly samples: number;
  readonly batchSize: number;
  /** The shuffling generator's state at the start of the current epoch (see {@link createRng}). */
  readonly rng: readonly [number, number, number, number];
  /** The base learning rate η₀ (as last set). */
  readonly learningRate: number;
  readonly optimizer: OptimizerState;
  readonly schedule: ScheduleState;
  /** Running sums of the unfinished epoch. */
  readonly partial: { readonly lossSum: number; readonly seen: number; readonly correct: number; readonly gradNormSums: readonly number[] };
  readonly earlyStopping: { readonly best: number | null; readonly wait: number; readonly bestEpoch: number | null; readonly bestWeights: readonly number[] | null } | null;
  /** Completed epochs only. */
  readonly history: FitHistory;
  /** Optional (absent in files written before it existed): the settings later fits keep. */
  readonly settings?: RunSettings;
  /** Optional: per-class loss weights of the run (see {@link FitOptions.classWeight}). */
  readonly classWeight?: readonly number[];
  /**
   * Optional: the run's per-row loss weights (see {@link FitOptions.sampleWeight}), one float64 value per
   * training row, in the order of the rows given to fit (`samples` of them). Stored as values, not as a
   * hash: a hash could only tell a resume that its weights are wrong, while the values let it continue as
   * the class weights do — `Network.fromJSON(saved).fit(X, y)` goes on weighted, bit for bit as one longer
   * fit, without the caller keeping the weights beside the file (Keras and PyTorch users expect a checkpoint to
   * be enough to resume). The cost is one number per row, about what the data's labels take.
   */
  readonly sampleWeight?: readonly number[];
}

const sources = new WeakMap<NetworkHandle, () => TrainingStateJSON>();

/** @internal Registers where a network's training state comes from (a live run, or a frozen copy); undefined forgets it. */
export function setTrainingState(net: NetworkHandle, source: (() => TrainingStateJSON) | undefined): void {
  if (source) sources.set(net, source);
  else sources.delete(net);
}

/** @internal The network's current training state, if it was ever trained or loaded from a checkpoint. */
export function trainingStateOf(net: NetworkHandle): TrainingStateJSON | undefined {
  return sources.get(net)?.();
}

/** A run's history while it grows (the mutable twin of {@link FitHistory}). */
export type History = { loss: number[]; accuracy: number[]; valLoss: number[]; valAccuracy: number[]; learningRate: number[]; changes: OptionChange[] };

/**
 * An empty list whose entries V8 stores as float64 from the start. A `[]` holds small integers until its first
 * fractional entry; that change of hidden class, at the first epoch of every run, threw away the epoch code V8
 * had optimised for the previous run's (already float64) lists: measured, one deopt per fit.
 */
export function floats(from: readonly number[] = []): number[] {
  const out = [0.5];
  out.pop();
  for (const v of from) out.push(v);
  return out;
}

/** A new run's empty history. */
export const emptyHistory = (): History => ({ loss: floats(), accuracy: floats(), valLoss: floats(), valAccuracy: floats(), learningRate: floats(), changes: [] });

/** A deep copy (files written before `changes` existed read as no changes). */
export const copyHistory = (h: FitHistory): History => ({
  loss: floats(h.loss),
  accuracy: floats(h.accuracy),
  valLoss: floats(h.valLoss),
  valAccuracy: floats(h.valAccuracy),
  learningRate: floats(h.learningRate),
  changes: [...(h.changes ?? [])],
});
