import { BackpropError, ModelFormatError } from './errors.js';
import { type OptimizerState, createOptimizer, optimizerNames } from './optimizers.js';
import { type ScheduleState, createSchedule, monitorNames, resolveScheduleConfig, scheduleNames } from './schedules.js';
import type { TrainingStateJSON } from './train/state.js';

export type { TrainingStateJSON } from './train/state.js';

type Fail = (path: string, expected: string, actual: unknown) => never;

function record(path: string, v: unknown, keys: readonly string[], fail: Fail, optional: readonly string[] = []): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  const o = v as Record<string, unknown>;
  const known = [...keys, ...optional];
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(`${path}.${k}`, `no such key (known: ${known.join(', ')})`, o[k]);
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

function checkSettings(path: string, v: unknown, fail: Fail, layers: number): void {
  const o = record(path, v, ['seed', 'validationSplit', 'schedule'], fail, ['periodFollowsRun', 'lastOptions']);
  if (o.lastOptions !== undefined) checkLastOptions(`${path}.lastOptions`, o.lastOptions, fail, layers);
  if (o.periodFollowsRun !== undefined && typeof o.periodFollowsRun !== 'boolean') fail(`${path}.periodFollowsRun`, 'a boolean', o.periodFollowsRun);
  finite(`${path}.seed`, o.seed, fail);
  if (o.validationSplit !== null && (typeof o.validationSplit !== 'number' || !(o.validationSplit > 0 && o.validationSplit < 1))) fail(`${path}.validationSplit`, 'null or a fraction in (0, 1)', o.validationSplit);
  rethrow(`${path}.schedule`, () => resolveScheduleConfig(o.schedule, 'state'));
}

function checkLastOptions(path: string, v: unknown, fail: Fail, layers: number): void {
  const o = record(path, v, ['regularization', 'clipValue', 'clipNorm', 'earlyStopping'], fail);
  for (const k of ['clipValue', 'clipNorm']) if (o[k] !== null && !((o[k] as number) > 0 && Number.isFinite(o[k]))) fail(`${path}.${k}`, 'null or a finite number > 0', o[k]);
  if (o.regularization !== null) {
    const r = record(`${path}.regularization`, o.regularization, ['l1', 'l2'], fail);
    for (const k of ['l1', 'l2']) {
      numbers(`${path}.regularization.${k}`, r[k], fail, layers);
      for (const [i, x] of (r[k] as number[]).entries()) if (x < 0) fail(`${path}.regularization.${k}[${i}]`, 'a number ≥ 0', x);
    }
  }
  if (o.earlyStopping === null) return;
  const e = record(`${path}.earlyStopping`, o.earlyStopping, ['monitor', 'patience', 'minDelta', 'restoreBestWeights'], fail);
  if (e.monitor !== null && !monitorNames.includes(e.monitor as never)) fail(`${path}.earlyStopping.monitor`, `null or one of ${monitorNames.join(', ')}`, e.monitor);
  count(`${path}.earlyStopping.patience`, e.patience, fail);
  if (!((e.minDelta as number) >= 0 && Number.isFinite(e.minDelta))) fail(`${path}.earlyStopping.minDelta`, 'a finite number ≥ 0', e.minDelta);
  if (typeof e.restoreBestWeights !== 'boolean') fail(`${path}.earlyStopping.restoreBestWeights`, 'a boolean', e.restoreBestWeights);
}

/** Runs a core validator on a piece of the file, reporting its failure at the file's path (`state.x` → `path.x`). */
function rethrow(path: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    if (!(e instanceof BackpropError)) throw e;
    throw new ModelFormatError('corrupt_model', `${path}${e.argument.replace(/^(state|hyperparameters)/, '')}`, e.expected, e.actual);
  }
}

/** Validates a saved training state (structure and types; the optimizer re-checks its own buffers on resume). */
export function checkTrainingState(v: unknown, path: string, parameters: number, layers: number, fail: Fail): TrainingStateJSON {
  const o = record(path, v, ['epoch', 'iteration', 'position', 'samples', 'batchSize', 'rng', 'learningRate', 'optimizer', 'schedule', 'partial', 'earlyStopping', 'history'], fail, ['settings', 'classWeight', 'sampleWeight']);
  for (const k of ['epoch', 'iteration', 'position', 'samples', 'batchSize']) count(`${path}.${k}`, o[k], fail);
  numbers(`${path}.rng`, o.rng, fail, 4);
  (o.rng as number[]).forEach((x, i) => {
    if (!Number.isInteger(x) || x < 0 || x > 0xffffffff) fail(`${path}.rng[${i}]`, 'a 32-bit unsigned integer', x);
  });
  // The same ranges fit accepts for its options: a state fit could never have written is refused here,
  // not discovered on resume (a negative η would train uphill).
  if (typeof o.learningRate !== 'number' || !Number.isFinite(o.learningRate) || o.learningRate <= 0) fail(`${path}.learningRate`, 'a finite number > 0', o.learningRate);
  const N = o.samples as number;
  const B = o.batchSize as number;
  if (N < 1) fail(`${path}.samples`, 'an integer ≥ 1', N);
  if (B < 1 || B > N) fail(`${path}.batchSize`, `an integer in [1, ${N}] (samples = ${N})`, B);
  const batches = Math.ceil(N / B);
  if ((o.position as number) >= batches) fail(`${path}.position`, `an integer in [0, ${batches}) (batches per epoch)`, o.position);
  if ((o.iteration as number) < (o.position as number)) fail(`${path}.iteration`, `an integer ≥ position (${o.position})`, o.iteration);
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
  rethrow(`${path}.optimizer`, () => createOptimizer(opt.name as never).restore(o.optimizer as OptimizerState));
  const sched = o.schedule as Record<string, unknown>;
  if (typeof sched !== 'object' || sched === null || !scheduleNames.includes(sched.name as never)) fail(`${path}.schedule`, 'a schedule state { name, … }', sched);
  rethrow(`${path}.schedule`, () => createSchedule(sched.name as never).restore(sched as unknown as ScheduleState));
  if (sched.name === 'plateau' && (sched.scale as number) > 1) fail(`${path}.schedule.scale`, 'a number in (0, 1] (plateau only lowers η)', sched.scale);
  const partial = record(`${path}.partial`, o.partial, ['lossSum', 'seen', 'correct', 'gradNormSums'], fail);
  finite(`${path}.partial.lossSum`, partial.lossSum, fail);
  count(`${path}.partial.seen`, partial.seen, fail);
  count(`${path}.partial.correct`, partial.correct, fail);
  if ((partial.seen as number) > N || (partial.correct as number) > (partial.seen as number)) fail(`${path}.partial`, `correct ≤ seen ≤ samples (${N})`, `seen ${partial.seen}, correct ${partial.correct}`);
  if ((partial.lossSum as number) < 0) fail(`${path}.partial.lossSum`, 'a number ≥ 0 (losses are ≥ 0)', partial.lossSum);
  numbers(`${path}.partial.gradNormSums`, partial.gradNormSums, fail, layers);
  if (o.earlyStopping !== null) {
    const es = record(`${path}.earlyStopping`, o.earlyStopping, ['best', 'wait', 'bestEpoch', 'bestWeights'], fail);
    if (es.best !== null) finite(`${path}.earlyStopping.best`, es.best, fail);
    count(`${path}.earlyStopping.wait`, es.wait, fail);
    if (es.bestEpoch !== null) count(`${path}.earlyStopping.bestEpoch`, es.bestEpoch, fail);
    if (es.bestWeights !== null) numbers(`${path}.earlyStopping.bestWeights`, es.bestWeights, fail, parameters);
  }
  const h = record(`${path}.history`, o.history, ['loss', 'accuracy', 'valLoss', 'valAccuracy', 'learningRate'], fail, ['changes']);
  for (const k of Object.keys(h)) if (k !== 'changes') numbers(`${path}.history.${k}`, h[k], fail);
  if (h.changes === undefined) h.changes = [];
  if (!Array.isArray(h.changes)) fail(`${path}.history.changes`, 'an array of { epoch, iteration, option, from, to }', h.changes);
  (h.changes as unknown[]).forEach((c, i) => {
    const r = record(`${path}.history.changes[${i}]`, c, ['epoch', 'iteration', 'option', 'from', 'to'], fail);
    count(`${path}.history.changes[${i}].epoch`, r.epoch, fail);
    count(`${path}.history.changes[${i}].iteration`, r.iteration, fail);
    for (const k of ['option', 'from', 'to']) if (typeof r[k] !== 'string' && typeof r[k] !== 'number') fail(`${path}.history.changes[${i}].${k}`, 'a string or number', r[k]);
  });
  if (o.settings !== undefined) checkSettings(`${path}.settings`, o.settings, fail, layers);
  for (const key of ['classWeight', 'sampleWeight'] as const) {
    if (o[key] === undefined) continue;
    // Sample weights go with the training rows, one each (the rows fit saw: `samples`).
    numbers(`${path}.${key}`, o[key], fail, key === 'sampleWeight' ? N : undefined);
    (o[key] as number[]).forEach((w, i) => {
      if (w < 0) fail(`${path}.${key}[${i}]`, 'a finite number ≥ 0', w);
    });
  }
  (h.learningRate as number[]).forEach((x, i) => {
    if (x < 0) fail(`${path}.history.learningRate[${i}]`, 'a number ≥ 0', x);
  });
  return o as unknown as TrainingStateJSON;
}
