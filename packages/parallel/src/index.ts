/**
 * @backprop/parallel: data-parallel training of `@backprop/core` networks on worker_threads (this
 * entry, Node) and module Web Workers (the `browser` entry), with the same bits as one thread.
 * @packageDocumentation
 */
import { nodeHost } from './host-node.js';
import type { ParallelTrainerOptions } from './options.js';
import { type ParallelTrainer, createTrainer } from './trainer.js';

/**
 * Starts a trainer with `threads` threads (default: every core; clamped to the cores there are). In
 * Node the calling thread computes too, so `threads: 2` starts one worker. Throws `BackpropError`
 * (`invalid_option`) for bad options.
 * @example
 * const trainer = await createParallelTrainer({ threads: 2 });
 * const { losses } = await trainer.fit(net, X, labels, { epochs: 3, batchSize: 16, learningRate: 0.05, seed: 1 });
 * await trainer.close();
 */
export function createParallelTrainer(options?: ParallelTrainerOptions): Promise<ParallelTrainer> {
  return createTrainer(nodeHost, options);
}

export type { ParallelTrainer, ParallelFitResult } from './trainer.js';
export type { ParallelTrainerOptions, ParallelFitOptions, ParallelRowGradientOptions } from './options.js';
export type { ParallelRowGradient } from './row-gradient.js';
