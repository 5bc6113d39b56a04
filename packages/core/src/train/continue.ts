import { BackpropError, describe } from '../errors.js';
import { type Hyperparameters, type Optimizer, createOptimizer } from '../optimizers.js';
import { type Schedule, type ScheduleConfig, createSchedule } from '../schedules.js';
import type { LastOptions, RunSettings, TrainingStateJSON } from './state.js';
import type { ResolvedFitOptions } from './options.js';
import type { OptionChange } from './types.js';

// A fit on a network that already has a training state (an earlier fit, or a loaded checkpoint) continues
// it, as Keras does: optimizer buffers and step count, the schedule's position, the shuffling generator and
// the history go on. The precedence is explicit and the same for a second fit and for `resume`:
//   an option given now  >  the value the run was using  >  the default.
// Changeable options (learningRate, optimizer hyperparameters, schedule, batchSize at an epoch boundary)
// apply from the next step and are recorded in `history.changes`. Options the continuing run cannot change
// (the optimizer kind, the seed; batch size, data and validation split in the middle of an epoch) are refused
// with `invalid_option` naming them; `reset: true` starts a new run instead.

/** The optimizer, schedule and rates a run starts with, and what changed relative to the saved run. */
export interface RunPlan {
  readonly optimizer: Optimizer;
  readonly schedule: Schedule;
  readonly settings: RunSettings;
  readonly learningRate: number;
  /** Batch size asked for (given now, or the saved run's); undefined: the default min(32, N). */
  readonly batchSize: number | undefined;
  readonly changes: OptionChange[];
}

const show = (v: unknown): string | number => (typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v));
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

// Each schedule's defaults (schedules.ts), so that { name: 'step' } and { name: 'step', every: 10, factor: 0.5 } are one schedule.
const SCHEDULE_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  constant: {},
  step: { every: 10, factor: 0.5 },
  exponential: { factor: 0.95 },
  cosine: { minLearningRate: 0, restarts: false, periodMultiplier: 1 },
  plateau: { factor: 0.1, patience: 10, minDelta: 1e-4, cooldown: 0, minLearningRate: 0 },
};

/** Two schedule configs mean the same schedule (defaults filled in; plateau's monitor left out on one side follows the run's). */
function sameSchedule(a: ScheduleConfig, b: ScheduleConfig): boolean {
  if (a.name !== b.name) return false;
  const full = (c: ScheduleConfig, other: ScheduleConfig): Record<string, unknown> => {
    const o: Record<string, unknown> = { ...SCHEDULE_DEFAULTS[c.name], ...Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) };
    if (!('monitor' in other) || (other as { monitor?: unknown }).monitor === undefined) delete o.monitor;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  };
  return same(full(a, b), full(b, a));
}

function refuse(option: string, expected: string, actual: unknown, hint = 'Pass reset: true to start a new run instead of continuing this one'): never {
  throw new BackpropError('invalid_option', `options.${option}`, expected, typeof actual === 'string' ? actual : describe(actual), hint);
}

// The cosine schedule's period, left out, is the run's length: the epoch the run is planned to end at. Like
// every schedule it is a function of the run's epoch (Keras: of the optimizer's global step), so the period is
// pinned in the run's settings; a continuing fit that plans past it stretches it to the new end (recorded in
// history.changes), so that fit's rates are those one run to the new end would use, never a silent η = 0 after
// the first fit's cosine has ended. An explicit `period` is kept as given.
type Cosine = Extract<ScheduleConfig, { name: 'cosine' }>;
const followsRun = (c: ScheduleConfig): c is Cosine => c.name === 'cosine' && c.period === undefined;

/** A cosine schedule without a period gets `end`, the epoch its run is planned to end at. */
function pinSchedule(c: ScheduleConfig, end: number): ScheduleConfig {
  return followsRun(c) ? { ...c, period: end } : c;
}

/** The per-fit options a run records, to list what a continuing fit changes. */
function lastOptions(o: ResolvedFitOptions): LastOptions {
  const e = o.earlyStopping;
  return { regularization: o.regularization ?? null, clipValue: o.clipValue ?? null, clipNorm: o.clipNorm ?? null, earlyStopping: e ? { ...e, monitor: e.monitor ?? null } : null };
}

/** A fresh run: nothing saved, every option as given or defaulted. */
function freshPlan(o: ResolvedFitOptions): RunPlan {
  const optimizer = createOptimizer({ name: o.optimizer.name, ...o.optimizer.hyperparameters } as never);
  const schedule = pinSchedule(o.schedule, o.epochs);
  return {
    optimizer,
    schedule: createSchedule(schedule, o.epochs),
    settings: { seed: o.seed, validationSplit: o.validationSplit ?? null, schedule, ...(followsRun(o.schedule) ? { periodFollowsRun: true } : {}), lastOptions: lastOptions(o) },
    learningRate: o.learningRate,
    batchSize: o.batchSize,
    changes: [],
  };
}

/**
 * What a run starts from: fresh when there is no saved state (or `reset`), else the saved run continued
 * with the options given now applied on top (see the precedence above). `given` holds the option keys the
 * caller set (defaults excluded).
 */
export function planRun(o: ResolvedFitOptions, given: ReadonlySet<string>, saved: TrainingStateJSON | undefined, networkSeed: number): RunPlan {
  if (!saved) return freshPlan(o);
  const at = { epoch: saved.epoch + 1, iteration: saved.iteration };
  const changes: OptionChange[] = [];
  const change = (option: string, from: unknown, to: unknown): void => {
    changes.push({ ...at, option, from: show(from), to: show(to) });
  };
  const s: RunSettings = saved.settings ?? { seed: networkSeed, validationSplit: null, schedule: { name: saved.schedule.name } as ScheduleConfig };
  const midEpoch = saved.position > 0;

  if (given.has('optimizer') && o.optimizer.name !== saved.optimizer.name) {
    // 'momentum' and 'nesterov' are names for SGD with those settings: a plain-SGD run can take them on as such.
    const sgdFamily = saved.optimizer.name === 'sgd' && (o.optimizer.name === 'momentum' || o.optimizer.name === 'nesterov');
    const hint = sgdFamily
      ? `To add momentum to this SGD run, pass optimizer: { name: 'sgd', momentum: 0.9${o.optimizer.name === 'nesterov' ? ', nesterov: true' : ''} } (or reset: true to start a new run)`
      : undefined;
    refuse('optimizer', `'${saved.optimizer.name}' (the continuing run's optimizer; its buffers belong to it)`, `'${o.optimizer.name}'`, hint);
  }
  if (given.has('seed') && o.seed !== s.seed) {
    refuse('seed', `${s.seed} (the continuing run's seed: it drew the validation split and seeds the shuffling)`, o.seed);
  }
  const split = given.has('validationSplit') ? (o.validationSplit ?? null) : o.validationData !== undefined ? null : s.validationSplit;
  if (midEpoch && split !== s.validationSplit) {
    refuse('validationSplit', `${s.validationSplit ?? 'none'} while the saved run is in the middle of epoch ${at.epoch}`, split ?? 'none');
  }
  if (split !== s.validationSplit) change('validationSplit', s.validationSplit, split);

  const optimizer = createOptimizer(saved.optimizer.name);
  optimizer.restore(saved.optimizer);
  if (given.has('optimizer')) {
    const before = optimizer.hyperparameters as Record<string, unknown>;
    const asked = o.optimizer.hyperparameters as Record<string, unknown>;
    const differing = Object.keys(asked).filter((k) => asked[k] !== undefined && asked[k] !== before[k]);
    if (differing.length > 0) {
      for (const k of differing) change(`optimizer.${k}`, before[k], asked[k]);
      optimizer.setHyperparameters(o.optimizer.hyperparameters as Hyperparameters);
    }
  }

  let learningRate = saved.learningRate;
  if (given.has('learningRate') && o.learningRate !== saved.learningRate) {
    change('learningRate', saved.learningRate, o.learningRate);
    learningRate = o.learningRate;
  }

  let config = s.schedule;
  let follows = s.periodFollowsRun === true;
  const schedule = createSchedule(config, 1);
  const end = saved.epoch + (midEpoch ? 1 : 0) + o.epochs; // the interrupted epoch is finished first, then `epochs` full ones
  const savedPeriod = config.name === 'cosine' ? config.period : undefined;
  let asked: ScheduleConfig | undefined;
  if (given.has('schedule')) {
    const c = o.schedule;
    if (followsRun(c) && savedPeriod !== undefined) {
      // The run's own cosine asked for again without a period: its period, stretched to the new end if it follows the run.
      asked = { ...c, period: follows ? Math.max(savedPeriod, end) : savedPeriod };
    } else {
      asked = pinSchedule(c, end);
      follows = followsRun(c);
    }
  } else if (follows && savedPeriod !== undefined && savedPeriod < end) {
    asked = { ...(config as Cosine), period: end };
  }
  if (asked && !sameSchedule(asked, config)) {
    change('schedule', config, asked);
    config = asked;
  }
  const planned = config === s.schedule ? schedule : createSchedule(config, 1);
  // Same schedule: its state (reduce-on-plateau's scale and patience) goes on; a new one starts fresh at the run's epoch.
  if (planned === schedule) schedule.restore(saved.schedule);

  let batchSize: number | undefined = saved.batchSize;
  if (given.has('batchSize') && o.batchSize !== saved.batchSize) {
    if (midEpoch) refuse('batchSize', `${saved.batchSize} while the saved run is in the middle of epoch ${at.epoch} (change it at an epoch boundary)`, o.batchSize);
    change('batchSize', saved.batchSize, o.batchSize);
    batchSize = o.batchSize;
  }
  // Penalty, clipping and early stopping apply as given to each fit; a difference from the run's latest is listed.
  const now = lastOptions(o);
  for (const k of Object.keys(now) as (keyof LastOptions)[]) {
    if (s.lastOptions && !same(s.lastOptions[k], now[k])) change(k, s.lastOptions[k] ?? 'none', now[k] ?? 'none');
  }
  const settings: RunSettings = { seed: s.seed, validationSplit: split, schedule: config, ...(follows ? { periodFollowsRun: true } : {}), lastOptions: now };
  return { optimizer, schedule: planned, settings, learningRate, batchSize, changes };
}
