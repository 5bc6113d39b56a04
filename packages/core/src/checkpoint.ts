import type { Network } from './network.js';
import { type OptimizerState, optimizerNames } from './optimizers.js';
import { type ScheduleState, scheduleNames } from './schedules.js';
import type { FitHistory } from './train/types.js';

/**
 * A training run's complete state, saved in a checkpoint's `training` key: with the weights it lets a
 * resumed run (`fit(…, { resume: true })`) continue on exactly the trajectory it would have followed.
 */
export interface TrainingStateJSON {
  /** Completed epochs. */
  readonly epoch: number;
  /** Update steps taken. */
  readonly iteration: number;
  /** Batches already done in the current, unfinished epoch (0 at an epoch boundary). */
  readonly position: number;
  /** Training rows (after the validation split) and batch size: a resume must use the same. */
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
}

const sources = new WeakMap<Network, () => TrainingStateJSON>();

/** @internal Registers where a network's training state comes from (a live run, or a frozen copy). */
export function setTrainingState(net: Network, source: (() => TrainingStateJSON) | undefined): void {
  if (source) sources.set(net, source);
  else sources.delete(net);
}

/** @internal The network's current training state, if it was ever trained or loaded from a checkpoint. */
export function trainingStateOf(net: Network): TrainingStateJSON | undefined {
  return sources.get(net)?.();
}

type Fail = (path: string, expected: string, actual: unknown) => never;

function record(path: string, v: unknown, keys: readonly string[], fail: Fail): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${path}.${k}`, `no such key (known: ${keys.join(', ')})`, o[k]);
  for (const k of keys) if (!(k in o)) fail(`${path}.${k}`, 'a value', undefined);
  return o;
}

function finite(path: string, v: unknown, fail: Fail): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'a finite number', v);
}

function count(path: string, v: unknown, fail: Fail): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(path, 'an integer ≥ 0', v);
}

function numbers(path: string, v: unknown, fail: Fail, length?: number): void {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) fail(path, length === undefined ? 'an array of numbers' : `an array of ${length} numbers`, v);
  (v as unknown[]).forEach((x, i) => {
    finite(`${path}[${i}]`, x, fail);
  });
}

/** Validates a saved training state (structure and types; the optimizer re-checks its own buffers on resume). */
export function checkTrainingState(v: unknown, path: string, parameters: number, layers: number, fail: Fail): TrainingStateJSON {
  const o = record(path, v, ['epoch', 'iteration', 'position', 'samples', 'batchSize', 'rng', 'learningRate', 'optimizer', 'schedule', 'partial', 'earlyStopping', 'history'], fail);
  for (const k of ['epoch', 'iteration', 'position', 'samples', 'batchSize']) count(`${path}.${k}`, o[k], fail);
  numbers(`${path}.rng`, o.rng, fail, 4);
  (o.rng as number[]).forEach((x, i) => {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) fail(`${path}.rng[${i}]`, 'a 32-bit unsigned integer', x);
  });
  finite(`${path}.learningRate`, o.learningRate, fail);
  const opt = record(`${path}.optimizer`, o.optimizer, ['name', 't', 'hyperparameters', 'slots'], fail);
  if (!optimizerNames.includes(opt.name as never)) fail(`${path}.optimizer.name`, `one of ${optimizerNames.join(', ')}`, opt.name);
  count(`${path}.optimizer.t`, opt.t, fail);
  if (typeof opt.hyperparameters !== 'object' || opt.hyperparameters === null) fail(`${path}.optimizer.hyperparameters`, 'an object', opt.hyperparameters);
  const slots = opt.slots as Record<string, unknown>;
  if (typeof slots !== 'object' || slots === null) fail(`${path}.optimizer.slots`, 'an object of arrays', slots);
  for (const [k, a] of Object.entries(slots)) {
    numbers(`${path}.optimizer.slots.${k}`, a, fail);
    if ((a as unknown[]).length !== 0 && (a as unknown[]).length !== parameters) fail(`${path}.optimizer.slots.${k}`, `${parameters} numbers (one per parameter)`, a);
  }
  const sched = o.schedule as Record<string, unknown>;
  if (typeof sched !== 'object' || sched === null || !scheduleNames.includes(sched.name as never)) fail(`${path}.schedule`, 'a schedule state { name, … }', sched);
  const partial = record(`${path}.partial`, o.partial, ['lossSum', 'seen', 'correct', 'gradNormSums'], fail);
  finite(`${path}.partial.lossSum`, partial.lossSum, fail);
  count(`${path}.partial.seen`, partial.seen, fail);
  count(`${path}.partial.correct`, partial.correct, fail);
  numbers(`${path}.partial.gradNormSums`, partial.gradNormSums, fail, layers);
  if (o.earlyStopping !== null) {
    const es = record(`${path}.earlyStopping`, o.earlyStopping, ['best', 'wait', 'bestEpoch', 'bestWeights'], fail);
    if (es.best !== null) finite(`${path}.earlyStopping.best`, es.best, fail);
    count(`${path}.earlyStopping.wait`, es.wait, fail);
    if (es.bestEpoch !== null) count(`${path}.earlyStopping.bestEpoch`, es.bestEpoch, fail);
    if (es.bestWeights !== null) numbers(`${path}.earlyStopping.bestWeights`, es.bestWeights, fail, parameters);
  }
  const h = record(`${path}.history`, o.history, ['loss', 'accuracy', 'valLoss', 'valAccuracy', 'learningRate'], fail);
  for (const k of Object.keys(h)) numbers(`${path}.history.${k}`, h[k], fail);
  return o as unknown as TrainingStateJSON;
}
