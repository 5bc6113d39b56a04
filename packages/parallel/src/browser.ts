/**
 * @backprop/parallel for browsers: module Web Workers over SharedArrayBuffer. The page must be
 * cross-origin isolated (`Cross-Origin-Opener-Policy: same-origin`, `Cross-Origin-Embedder-Policy:
 * require-corp`); otherwise the trainer runs on one thread and says why in `trainer.reason`.
 * @packageDocumentation
 */
import { browserHost } from './host-browser.js';
import type { ParallelTrainerOptions } from './options.js';
import { type ParallelTrainer, createTrainer } from './trainer.js';

/**
 * Starts a trainer with `threads` threads (default: `navigator.hardwareConcurrency`). On a page's main
 * thread, which may not block, every thread is a worker and `fit` awaits them; inside a worker the
 * calling thread computes too. With one thread, `fit` trains on the calling thread. Throws
 * `BackpropError` (`invalid_option`) for bad options.
 * @example
 * const trainer = await createParallelTrainer({ threads: 2 });
 * if (trainer.reason) console.warn(`training on ${trainer.threads} thread(s): ${trainer.reason}`);
 * await trainer.fit(net, X, labels, { epochs: 3, batchSize: 16, learningRate: 0.05 });
 * await trainer.close();
 */
export function createParallelTrainer(options?: ParallelTrainerOptions): Promise<ParallelTrainer> {
  return createTrainer(browserHost, options);
}

export type { ParallelTrainer, ParallelFitResult } from './trainer.js';
export type { ParallelTrainerOptions, ParallelFitOptions, ParallelRowGradientOptions } from './options.js';
export type { ParallelRowGradient } from './row-gradient.js';
