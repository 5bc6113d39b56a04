import { BackpropError, describe } from '../errors.js';
import { type Hyperparameters, type OptimizerName, resolveOptimizerConfig } from '../optimizers.js';
import { type ResolvedRegularization, resolveRegularization } from '../regularization.js';
import { type Monitor, type ScheduleConfig, monitorNames, resolveScheduleConfig } from '../schedules.js';
import { checkInteger, checkKeys, checkName, checkNumber, checkSeed } from '../validate.js';
import { type UnpackedData, unpackData } from '../dataset.js';
import type { AbortSignalLike, FitOptions, TrainCallbacks } from './types.js';

const KEYS = [
  'epochs', 'batchSize', 'learningRate', 'optimizer', 'schedule', 'maxIterations', 'shuffle', 'seed', 'validationData',
  'validationSplit', 'stratify', 'earlyStopping', 'targetLoss', 'timeBudgetMs', 'signal', 'regularization', 'clipValue',
  'clipNorm', 'resume', 'reset', 'classWeight', 'sampleWeight', 'now', 'yieldEveryMs', 'onBatchEnd', 'onEpochEnd', 'onEnd', 'onEpoch',
];

/** Defaults, in one place (STYLE §9). */
export const FIT_DEFAULTS = { epochs: 10, batchSize: 32, learningRate: 0.01, adaptiveLearningRate: 0.001, patience: 10, yieldEveryMs: 16 } as const;

/** {@link FitOptions} validated, with defaults filled in (batchSize is checked against N later). */
export interface ResolvedFitOptions {
  readonly epochs: number;
  readonly batchSize: number | undefined;
  readonly learningRate: number;
  readonly optimizer: { readonly name: OptimizerName; readonly hyperparameters: Hyperparameters };
  readonly schedule: ScheduleConfig;
  readonly maxIterations: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly validationData: UnpackedData | undefined;
  readonly validationSplit: number | undefined;
  readonly stratify: boolean | undefined;
  readonly earlyStopping: { readonly monitor: Monitor | undefined; readonly patience: number; readonly minDelta: number; readonly restoreBestWeights: boolean } | undefined;
  readonly targetLoss: number | undefined;
  readonly timeBudgetMs: number;
  readonly signal: AbortSignalLike | undefined;
  readonly regularization: ResolvedRegularization | undefined;
  readonly clipValue: number | undefined;
  readonly clipNorm: number | undefined;
  readonly resume: boolean;
  readonly reset: boolean;
  readonly classWeight: FitOptions['classWeight'];
  readonly sampleWeight: ArrayLike<number> | undefined;
  /** The option keys the caller set (defaults excluded): on a continuing run, these win over the saved values. */
  readonly given: ReadonlySet<string>;
  readonly now: (() => number) | undefined;
  readonly yieldEveryMs: number;
  readonly callbacks: TrainCallbacks;
}

const opt = <T>(v: T | undefined, check: (v: T) => T): T | undefined => (v === undefined ? undefined : check(v));

function checkBoolean(argument: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new BackpropError('invalid_option', argument, 'a boolean', describe(v));
  return v;
}

function checkFunction(argument: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'function') throw new BackpropError('invalid_option', argument, 'a function', describe(v));
}

/** Validates every option at the boundary (STYLE §9); below this, training trusts its inputs. */
export function resolveFitOptions(options: unknown, layers: number, networkSeed: number): ResolvedFitOptions {
  checkKeys('options', options ?? {}, KEYS);
  const o = (options ?? {}) as FitOptions;
  const int = (key: 'epochs' | 'batchSize' | 'maxIterations', min: number): number | undefined =>
    o[key] === undefined ? undefined : checkInteger(`options.${key}`, o[key], min, 'invalid_option');
  const optimizer = resolveOptimizerConfig(o.optimizer ?? 'sgd');
  const adaptive = optimizer.name === 'adam' || optimizer.name === 'adamw';
  const validationSplit = opt(o.validationSplit, (v) => checkNumber('options.validationSplit', v, { min: 0, max: 1 }));
  if (validationSplit === 0 || validationSplit === 1) throw new BackpropError('invalid_option', 'options.validationSplit', 'a fraction in (0, 1)', describe(validationSplit));
  if (validationSplit !== undefined && o.validationData !== undefined) {
    throw new BackpropError('invalid_option', 'options.validationSplit', 'either validationSplit or validationData, not both', 'both');
  }
  const validationData = o.validationData === undefined ? undefined : unpackData('options.validationData', o.validationData);
  const hasValidation = validationSplit !== undefined || o.validationData !== undefined;
  const monitorOk = (argument: string, m: Monitor | undefined): Monitor | undefined => {
    if (m === undefined) return undefined;
    checkName(argument, m, monitorNames, 'invalid_option');
    if (m.startsWith('val-') && !hasValidation) throw new BackpropError('invalid_option', argument, 'a training metric (no validationData / validationSplit given)', describe(m));
    return m;
  };
  let earlyStopping: ResolvedFitOptions['earlyStopping'];
  if (o.earlyStopping !== undefined && o.earlyStopping !== false) {
    const e = o.earlyStopping === true ? {} : o.earlyStopping;
    checkKeys('options.earlyStopping', e, ['monitor', 'patience', 'minDelta', 'restoreBestWeights']);
    earlyStopping = {
      monitor: monitorOk('options.earlyStopping.monitor', e.monitor),
      patience: e.patience === undefined ? FIT_DEFAULTS.patience : checkInteger('options.earlyStopping.patience', e.patience, 0, 'invalid_option'),
      minDelta: e.minDelta === undefined ? 0 : checkNumber('options.earlyStopping.minDelta', e.minDelta, { nonNegative: true }),
      restoreBestWeights: e.restoreBestWeights === undefined ? true : checkBoolean('options.earlyStopping.restoreBestWeights', e.restoreBestWeights),
    };
  } else if (o.earlyStopping === false) {
    earlyStopping = undefined;
  }
  const schedule = resolveScheduleConfig(o.schedule ?? 'constant');
  if (schedule.name === 'plateau') monitorOk('options.schedule.monitor', schedule.monitor);
  checkFunction('options.onBatchEnd', o.onBatchEnd);
  checkFunction('options.onEpochEnd', o.onEpochEnd);
  checkFunction('options.onEnd', o.onEnd);
  checkFunction('options.onEpoch', o.onEpoch);
  if (o.onEpoch && o.onEpochEnd) throw new BackpropError('invalid_option', 'options.onEpoch', 'either onEpoch (deprecated) or onEpochEnd, not both', 'both');
  const onEpochEnd = o.onEpochEnd ?? o.onEpoch;
  checkFunction('options.now', o.now);
  if (o.signal !== undefined && (typeof o.signal !== 'object' || o.signal === null || typeof (o.signal as AbortSignalLike).aborted !== 'boolean')) {
    throw new BackpropError('invalid_option', 'options.signal', 'an AbortSignal', describe(o.signal));
  }
  const resume = opt(o.resume, (v) => checkBoolean('options.resume', v)) ?? false;
  const reset = opt(o.reset, (v) => checkBoolean('options.reset', v)) ?? false;
  if (resume && reset) throw new BackpropError('invalid_option', 'options.reset', 'either resume (continue, and require a state) or reset (start over), not both', 'both');
  return {
    // 0 only finishes a run stopped inside an epoch (checked against the saved state); otherwise ≥ 1.
    epochs: o.epochs === 0 ? 0 : (int('epochs', 1) ?? FIT_DEFAULTS.epochs),
    batchSize: int('batchSize', 1),
    learningRate: opt(o.learningRate, (v) => checkNumber('options.learningRate', v, { positive: true })) ?? (adaptive ? FIT_DEFAULTS.adaptiveLearningRate : FIT_DEFAULTS.learningRate),
    optimizer,
    schedule,
    maxIterations: int('maxIterations', 1) ?? Number.POSITIVE_INFINITY,
    shuffle: opt(o.shuffle, (v) => checkBoolean('options.shuffle', v)) ?? true,
    seed: opt(o.seed, (v) => checkSeed('options.seed', v, 'invalid_option')) ?? networkSeed,
    validationData,
    validationSplit,
    stratify: opt(o.stratify, (v) => checkBoolean('options.stratify', v)),
    earlyStopping,
    targetLoss: opt(o.targetLoss, (v) => checkNumber('options.targetLoss', v, { nonNegative: true })),
    timeBudgetMs: opt(o.timeBudgetMs, (v) => checkNumber('options.timeBudgetMs', v, { positive: true })) ?? Number.POSITIVE_INFINITY,
    signal: o.signal,
    regularization: resolveRegularization(o.regularization, layers, 'options.regularization'),
    clipValue: opt(o.clipValue, (v) => checkNumber('options.clipValue', v, { positive: true })),
    clipNorm: opt(o.clipNorm, (v) => checkNumber('options.clipNorm', v, { positive: true })),
    resume,
    reset,
    classWeight: checkClassWeight(o.classWeight),
    sampleWeight: checkSampleWeight(o.sampleWeight, validationSplit),
    given: new Set(Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined)),
    now: o.now,
    yieldEveryMs: opt(o.yieldEveryMs, (v) => checkNumber('options.yieldEveryMs', v, { nonNegative: true })) ?? FIT_DEFAULTS.yieldEveryMs,
    callbacks: {
      ...(o.onBatchEnd ? { onBatchEnd: o.onBatchEnd } : {}),
      ...(onEpochEnd ? { onEpochEnd } : {}),
      ...(o.onEnd ? { onEnd: o.onEnd } : {}),
    },
  };
}

function checkClassWeight(v: unknown): FitOptions['classWeight'] {
  if (v === undefined || v === 'balanced') return v;
  const entries = Array.isArray(v) ? v.map((w, i) => [String(i), w] as const) : typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) ? Object.entries(v) : undefined;
  if (!entries || entries.length === 0) throw new BackpropError('invalid_option', 'options.classWeight', "'balanced', an array of weights per class, or { class: weight }", describe(v));
  for (const [k, w] of entries) checkNumber(`options.classWeight${Array.isArray(v) ? `[${k}]` : `.${k}`}`, w, { nonNegative: true });
  return v as FitOptions['classWeight'];
}

function checkSampleWeight(v: unknown, validationSplit: number | undefined): ArrayLike<number> | undefined {
  if (v === undefined) return undefined;
  if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) throw new BackpropError('invalid_option', 'options.sampleWeight', 'an array of weights, one per row of X', describe(v));
  // The split shuffles the rows: which weight would go with which validation row is easy to get wrong; split first (trainTestSplit).
  if (validationSplit !== undefined) throw new BackpropError('invalid_option', 'options.sampleWeight', 'no validationSplit (split the data first and pass validationData)', 'both');
  const w = v as ArrayLike<number>;
  for (let i = 0; i < w.length; i++) checkNumber(`options.sampleWeight[${i}]`, w[i], { nonNegative: true });
  return w;
}
