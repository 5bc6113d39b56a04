/** The options of a parallel trainer and of its `fit`, their defaults, and their validation (once, at the boundary). */
import { BackpropError, type OptimizerConfig, type OptimizerName, createOptimizer } from '@backprop/core';

/** Options of {@link createParallelTrainer}. */
export interface ParallelTrainerOptions {
  /**
   * Threads that compute, the calling one included where it may block (Node, a worker); default: every
   * core. Clamped to the host's cores; 1 (or no threads here) trains on the calling thread, no worker.
   */
  readonly threads?: number;
}

/** Options of {@link ParallelTrainer.fit}. */
export interface ParallelFitOptions {
  /** Passes over the data, ≥ 1 (default 10). */
  readonly epochs?: number;
  /** Rows per update step, 1 … N (default min(32, N); the last batch of an epoch may be shorter). */
  readonly batchSize?: number;
  /** η (default 0.01, or 0.001 for adam / adamw, as in core's fit). */
  readonly learningRate?: number;
  /** Seed of the per-epoch shuffle: an integer in [0, 2³² − 1] (default: the network's seed, as in core's fit). */
  readonly seed?: number;
  /** Reshuffle the rows every epoch (default true; no effect when one batch holds every row). */
  readonly shuffle?: boolean;
  /**
   * S, the fixed pieces each batch is cut into (default 2). Results depend on S, never on the thread
   * count: threads beyond S have nothing to do, so at most S threads compute.
   */
  readonly shards?: number;
  /** The update rule (default plain SGD, which runs fused in the kernel set): any of core's optimizers. */
  readonly optimizer?: OptimizerName | OptimizerConfig;
}

/** Options of {@link ParallelTrainer.rowGradient}. */
export interface ParallelRowGradientOptions {
  /** S, the fixed pieces each batch is cut into (default 2), as in {@link ParallelFitOptions.shards}. */
  readonly shards?: number;
}

/** Every fit option with its default filled in; `batchSize` undefined means min(32, N), known once the data is. */
export type ResolvedFitOptions = Required<Omit<ParallelFitOptions, 'batchSize'>> & { readonly batchSize: number | undefined };

// As core's fit: the same defaults, and each option refused with core's code, argument and wording.
const KEYS = ['epochs', 'batchSize', 'learningRate', 'seed', 'shuffle', 'shards', 'optimizer'] as const;
const DEFAULTS = { epochs: 10, batchSize: 32, learningRate: 0.01, adaptiveLearningRate: 0.001, shards: 2 } as const;
const MAX_SEED = 2 ** 32 - 1;

/** A value as an error message shows it (core's wording: `"abc"`, `NaN`, `an array of length 2`, `an object`). */
export function describe(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${(v as Float64Array).length}`;
  if (typeof v === 'object') {
    const { rows, cols } = v as { rows?: unknown; cols?: unknown };
    return typeof rows === 'number' && typeof cols === 'number' ? `a ${rows} × ${cols} matrix` : 'an object';
  }
  return typeof v;
}

// net.fit's options that a parallel fit does not take (README, "Not supported here"): a user moving a net.fit
// call over is told so, and where to go, rather than only that the key is unknown.
const CORE_ONLY = [
  'schedule', 'maxIterations', 'validationData', 'validationSplit', 'stratify', 'earlyStopping', 'targetLoss', 'timeBudgetMs', 'signal',
  'regularization', 'clipValue', 'clipNorm', 'resume', 'reset', 'classWeight', 'sampleWeight', 'now', 'yieldEveryMs', 'onBatchEnd', 'onEpochEnd', 'onEnd', 'onEpoch',
];

function checkKeys(argument: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object' || Array.isArray(value)) throw new BackpropError('invalid_option', argument, 'an options object', describe(value));
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const hint = allowed.includes('epochs') && CORE_ONLY.includes(key) ? `${key} is an option of core's net.fit that a parallel fit does not support: use net.fit for it` : undefined;
    throw new BackpropError('invalid_option', `${argument}.${key}`, `one of the known keys (${allowed.join(', ')})`, 'an unknown key', hint);
  }
}

function integer(argument: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new BackpropError('invalid_option', argument, `an integer ≥ ${min}`, describe(v));
  return v;
}

/** Validates the trainer's options; returns the requested thread count (undefined: every core). */
export function resolveTrainerOptions(options: ParallelTrainerOptions | undefined): number | undefined {
  checkKeys('options', options, ['threads']);
  return options?.threads === undefined ? undefined : integer('options.threads', options.threads, 1);
}

/**
 * Validates fit's options (unknown keys are errors; an option set to undefined takes its default, as in
 * core) and fills in the defaults; `networkSeed` (the network's `spec.seed`) is the shuffle's default seed.
 */
export function resolveFitOptions(options: ParallelFitOptions | undefined, networkSeed: number): ResolvedFitOptions {
  checkKeys('options', options, KEYS);
  const o = (options ?? {}) as ParallelFitOptions;
  const optimizer = o.optimizer ?? 'sgd';
  try {
    createOptimizer(optimizer);
  } catch (e) {
    // Core's error, named as an option of this call (createOptimizer names its own argument `optimizer`).
    if (e instanceof BackpropError && e.argument.startsWith('optimizer')) throw new BackpropError(e.code, `options.${e.argument}`, e.expected, e.actual, e.hint);
    throw e;
  }
  const name = typeof optimizer === 'string' ? optimizer : optimizer.name;
  // In core's order, so that of several bad options the same one is named.
  const epochs = o.epochs === 0 ? 0 : integer('options.epochs', o.epochs ?? DEFAULTS.epochs, 1);
  const batchSize = o.batchSize === undefined ? undefined : integer('options.batchSize', o.batchSize, 1);
  const learningRate = o.learningRate ?? (name === 'adam' || name === 'adamw' ? DEFAULTS.adaptiveLearningRate : DEFAULTS.learningRate);
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate <= 0) {
    throw new BackpropError('invalid_option', 'options.learningRate', 'a finite number > 0', describe(learningRate));
  }
  const shuffle = o.shuffle ?? true;
  if (typeof shuffle !== 'boolean') throw new BackpropError('invalid_option', 'options.shuffle', 'a boolean', describe(shuffle));
  const seed = o.seed ?? networkSeed;
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new BackpropError('invalid_option', 'options.seed', `an integer in [0, ${MAX_SEED}]`, describe(seed));
  }
  const shards = integer('options.shards', o.shards ?? DEFAULTS.shards, 1);
  // Core takes 0 only to finish a saved run stopped inside an epoch; a parallel fit continues no saved run.
  if (epochs === 0) throw new BackpropError('invalid_option', 'options.epochs', 'an integer ≥ 1', '0');
  return { epochs, batchSize, learningRate, seed, shuffle, shards, optimizer };
}

/** The batch size of a fit on N rows: min(32, N) by default; one larger than N is refused, as core refuses it. */
export function resolveBatchSize(batchSize: number | undefined, N: number): number {
  if (batchSize === undefined) return Math.min(DEFAULTS.batchSize, N);
  if (batchSize > N) throw new BackpropError('invalid_option', 'options.batchSize', `an integer in [1, ${N}] (N = ${N} training rows)`, String(batchSize));
  return batchSize;
}

/** Validates a session's options and fills in the default. */
export function resolveRowGradientOptions(options: ParallelRowGradientOptions | undefined): Required<ParallelRowGradientOptions> {
  checkKeys('options', options, ['shards']);
  return { shards: integer('options.shards', options?.shards ?? DEFAULTS.shards, 1) };
}
