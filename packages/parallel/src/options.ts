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
  /** Passes over the data (default 10). */
  readonly epochs?: number;
  /** Rows per update step (default 32; the last batch of an epoch may be shorter). */
  readonly batchSize?: number;
  /** η (default 0.01). */
  readonly learningRate?: number;
  /** Seed of the per-epoch shuffle (default 0). */
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

/** Every fit option with its default filled in. */
export type ResolvedFitOptions = Required<ParallelFitOptions>;

const FIT_DEFAULTS: ResolvedFitOptions = { epochs: 10, batchSize: 32, learningRate: 0.01, seed: 0, shuffle: true, shards: 2, optimizer: 'sgd' };

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

function checkKeys(argument: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BackpropError('invalid_option', argument, 'an options object', describe(value));
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new BackpropError('invalid_option', `${argument}.${key}`, `one of ${allowed.join(', ')}`, 'an unknown option');
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

/** Validates fit's options (unknown keys are errors) and fills in the defaults. */
export function resolveFitOptions(options: ParallelFitOptions | undefined): ResolvedFitOptions {
  checkKeys('options', options, Object.keys(FIT_DEFAULTS));
  const o = { ...FIT_DEFAULTS, ...options };
  integer('options.epochs', o.epochs, 0);
  integer('options.batchSize', o.batchSize, 1);
  integer('options.shards', o.shards, 1);
  if (typeof o.seed !== 'number' || !Number.isInteger(o.seed)) throw new BackpropError('invalid_option', 'options.seed', 'an integer', describe(o.seed));
  if (typeof o.learningRate !== 'number' || !Number.isFinite(o.learningRate) || o.learningRate <= 0) {
    throw new BackpropError('invalid_option', 'options.learningRate', 'a finite number > 0', describe(o.learningRate));
  }
  if (typeof o.shuffle !== 'boolean') throw new BackpropError('invalid_option', 'options.shuffle', 'true or false', describe(o.shuffle));
  createOptimizer(o.optimizer); // throws core's own error naming the bad field
  return o;
}

/** Validates a session's options and fills in the default. */
export function resolveRowGradientOptions(options: ParallelRowGradientOptions | undefined): Required<ParallelRowGradientOptions> {
  checkKeys('options', options, ['shards']);
  return { shards: integer('options.shards', options?.shards ?? FIT_DEFAULTS.shards, 1) };
}
