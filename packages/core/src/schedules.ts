import { BackpropError, describe } from './errors.js';
import { checkInteger, checkKeys, checkName, checkNumber } from './validate.js';
import { cos, powi } from './math.js';

/** Learning-rate schedule names. Every schedule acts per epoch on the base rate η₀ (`learningRate`). */
export type ScheduleName = 'constant' | 'step' | 'exponential' | 'cosine' | 'plateau';

/** Every schedule name. */
export const scheduleNames: readonly ScheduleName[] = ['constant', 'step', 'exponential', 'cosine', 'plateau'];

/** What early stopping and reduce-on-plateau can watch. `val-*` needs a validation set. */
export type Monitor = 'loss' | 'val-loss' | 'accuracy' | 'val-accuracy';

/** Every monitor name. */
export const monitorNames: readonly Monitor[] = ['loss', 'val-loss', 'accuracy', 'val-accuracy'];

/**
 * A learning-rate schedule with its parameters (a bare name takes the defaults). With e the 0-based epoch:
 *   constant     η = η₀
 *   step         η = η₀ · factor^⌊e / every⌋                               (every 10, factor 0.5)
 *   exponential  η = η₀ · factor^e                                         (factor 0.95)
 *   cosine       η = min + (η₀ − min)(1 + cos(π e_c / T_c)) / 2             (T = the run's epochs, min 0);
 *                with `restarts` (SGDR) e_c restarts at 0 after each cycle and T_c grows by `periodMultiplier`.
 *                Without `period`, T follows the run: a continuing fit planned past T stretches it to its end.
 *   plateau      η = η₀ · scale; scale ← max(scale · factor, min/η₀) after `patience` epochs without an
 *                improvement of `minDelta` in `monitor`, then `cooldown` epochs of rest   (0.1, 10, 1e-4, 0)
 */
export type ScheduleConfig =
  | { readonly name: 'constant' }
  | { readonly name: 'step'; readonly every?: number; readonly factor?: number }
  | { readonly name: 'exponential'; readonly factor?: number }
  | { readonly name: 'cosine'; readonly period?: number; readonly minLearningRate?: number; readonly restarts?: boolean; readonly periodMultiplier?: number }
  | {
      readonly name: 'plateau';
      readonly monitor?: Monitor;
      readonly factor?: number;
      readonly patience?: number;
      readonly minDelta?: number;
      readonly cooldown?: number;
      readonly minLearningRate?: number;
    };

/** A schedule's mutable state as JSON (only reduce-on-plateau has any). */
export interface ScheduleState {
  readonly name: ScheduleName;
  readonly scale?: number;
  readonly best?: number | null;
  readonly wait?: number;
  readonly cooldown?: number;
}

/** A learning-rate schedule: η for an epoch from the base rate, plus what it learns from the monitored value. */
export interface Schedule {
  readonly name: ScheduleName;
  /** The quantity reduce-on-plateau watches (undefined: the trainer's default, val-loss when there is validation). */
  readonly monitor: Monitor | undefined;
  /** η for 0-based epoch `epoch`, given the base rate η₀. */
  rate(base: number, epoch: number): number;
  /** Called once per epoch with the monitored value (plateau reacts; the others ignore it). */
  observe(value: number, base: number): void;
  state(): ScheduleState;
  restore(state: ScheduleState): void;
}

const KEYS: Readonly<Record<ScheduleName, readonly string[]>> = {
  constant: [],
  step: ['every', 'factor'],
  exponential: ['factor'],
  cosine: ['period', 'minLearningRate', 'restarts', 'periodMultiplier'],
  plateau: ['monitor', 'factor', 'patience', 'minDelta', 'cooldown', 'minLearningRate'],
};

/** Validates a schedule option (a name or a config object). Throws `invalid_option` naming the field. */
export function resolveScheduleConfig(value: unknown, argument = 'options.schedule'): ScheduleConfig {
  if (typeof value === 'string') return { name: checkName(argument, value, scheduleNames, 'invalid_option') } as ScheduleConfig;
  if (typeof value !== 'object' || value === null) throw new BackpropError('invalid_option', argument, `a schedule name (${scheduleNames.join(', ')}) or { name, … }`, describe(value));
  const name = checkName(`${argument}.name`, (value as { name?: unknown }).name, scheduleNames, 'invalid_option');
  checkKeys(argument, value, ['name', ...KEYS[name]]);
  const o = value as Record<string, unknown>;
  const num = (key: string, range: { positive?: boolean; nonNegative?: boolean; min?: number; max?: number }): void => {
    if (o[key] !== undefined) checkNumber(`${argument}.${key}`, o[key], range);
  };
  const int = (key: string, min: number): void => {
    if (o[key] !== undefined) checkInteger(`${argument}.${key}`, o[key], min, 'invalid_option');
  };
  int('every', 1);
  int('period', 1);
  int('patience', 0);
  int('cooldown', 0);
  num('minLearningRate', { nonNegative: true });
  num('minDelta', { nonNegative: true });
  num('periodMultiplier', { min: 1 });
  // Decay factors must shrink η: 0 < factor < 1.
  if (o.factor !== undefined && (checkNumber(`${argument}.factor`, o.factor, { positive: true }) as number) >= 1) {
    throw new BackpropError('invalid_option', `${argument}.factor`, 'a number in (0, 1)', describe(o.factor));
  }
  if (o.restarts !== undefined && typeof o.restarts !== 'boolean') throw new BackpropError('invalid_option', `${argument}.restarts`, 'a boolean', describe(o.restarts));
  if (o.monitor !== undefined) checkName(`${argument}.monitor`, o.monitor, monitorNames, 'invalid_option');
  return o as unknown as ScheduleConfig;
}

/**
 * Creates a schedule. `epochs` is the run's length (the default cosine period).
 * @example createSchedule({ name: 'cosine', restarts: true, period: 10 }, 100).rate(0.1, 5)
 */
export function createSchedule(config: ScheduleName | ScheduleConfig = 'constant', epochs = 1): Schedule {
  const c = resolveScheduleConfig(config, 'schedule') as Record<string, unknown> & { name: ScheduleName };
  const none = { monitor: undefined, observe() {}, state: () => ({ name: c.name }), restore() {} };
  switch (c.name) {
    case 'constant':
      return { name: 'constant', rate: (base) => base, ...none };
    case 'step': {
      const every = (c.every as number | undefined) ?? 10;
      const factor = (c.factor as number | undefined) ?? 0.5;
      return { name: 'step', rate: (base, e) => base * powi(factor, Math.floor(e / every)), ...none };
    }
    case 'exponential': {
      const factor = (c.factor as number | undefined) ?? 0.95;
      return { name: 'exponential', rate: (base, e) => base * powi(factor, e), ...none };
    }
    case 'cosine': {
      const T0 = (c.period as number | undefined) ?? epochs;
      const min = (c.minLearningRate as number | undefined) ?? 0;
      const restarts = c.restarts === true;
      const mult = (c.periodMultiplier as number | undefined) ?? 1;
      const rate = (base: number, e: number): number => {
        let t = e;
        let T = T0;
        if (restarts) {
          while (t >= T) {
            t -= T;
            T *= mult;
          }
        } else if (t >= T) {
          return min;
        }
        return min + ((base - min) * (1 + cos((Math.PI * t) / T))) / 2;
      };
      return { name: 'cosine', rate, ...none };
    }
    case 'plateau':
      return plateau(c);
  }
}

function plateau(c: Record<string, unknown>): Schedule {
  const monitor = c.monitor as Monitor | undefined;
  const factor = (c.factor as number | undefined) ?? 0.1;
  const patience = (c.patience as number | undefined) ?? 10;
  const minDelta = (c.minDelta as number | undefined) ?? 1e-4;
  const cooldownEpochs = (c.cooldown as number | undefined) ?? 0;
  const min = (c.minLearningRate as number | undefined) ?? 0;
  // Accuracies improve upwards; losses downwards.
  const sign = monitor?.endsWith('accuracy') ? -1 : 1;
  let scale = 1;
  let best: number | null = null;
  let wait = 0;
  let cooldown = 0;
  return {
    name: 'plateau',
    monitor,
    rate: (base) => Math.max(base * scale, Math.min(min, base)),
    observe(value, base) {
      if (cooldown > 0) {
        cooldown--;
        wait = 0;
      }
      if (best === null || sign * value < sign * best - minDelta) {
        best = value;
        wait = 0;
      } else if (cooldown === 0 && ++wait >= patience) {
        scale = Math.max(scale * factor, base > 0 ? min / base : 0);
        cooldown = cooldownEpochs;
        wait = 0;
      }
    },
    state: () => ({ name: 'plateau', scale, best, wait, cooldown }),
    restore(s) {
      checkKeys('state', s, ['name', 'scale', 'best', 'wait', 'cooldown']);
      scale = checkNumber('state.scale', s.scale, { positive: true }, 'invalid_argument');
      best = s.best === null || s.best === undefined ? null : checkNumber('state.best', s.best, {}, 'invalid_argument');
      wait = checkInteger('state.wait', s.wait, 0);
      cooldown = checkInteger('state.cooldown', s.cooldown, 0);
    },
  };
}
