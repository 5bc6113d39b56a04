import type { WorkersChoice } from './protocol.js';

// Apart from pool.ts so the page (the Workers control) can say what Auto picks without bundling
// @backprop/parallel, which only the training worker loads.

/** S, the shards every batch is cut into, whatever the worker count. */
export const SHARDS = 2;

/**
 * The smallest batch on which Auto trains with a second worker. Each step of two workers pays two barriers
 * (a nested worker woken through Atomics) and the copies of the shard gradients and of θ; half of a small
 * batch's compute does not pay for that. Measured with `pnpm --filter @backprop/bench bench:browser`
 * (BROWSER_CASES=parallel PARALLEL_MODES=session: the playground's loop, a rowGradient session in a
 * cross-origin-isolated page's module worker plus a nested worker; 3 epochs of 8,000 digits, median of 3
 * after a warm-up), headless Chromium 156 on this project's 2-core machine, 5 Dec 2026, while other jobs
 * ran (1-minute load average in brackets). Samples/s of 2 workers ÷ 1 worker, by batch size:
 *
 *   784-32-10, the MNIST preset, PARALLEL_HIDDEN=32
 *     run A (3.1–3.9)  5: 0.69  10: 0.75  16: 0.69  20: 0.83  32: 0.98  50: 1.08  64: 0.93  128: 1.27  256: 1.13
 *     run B (5.2–5.7)  20: 0.63  32: 0.78  48: 0.86  64: 0.99  96: 0.88  128: 1.08
 *   784-128-64-10, the harness's W1, PARALLEL_HIDDEN=128,64
 *     run A (2.5–4.7)  8: 0.98  16: 0.85  24: 0.80  32: 0.94  48: 0.91  64: 0.63
 *     run B (5.7–6.9)  20: 1.10  64: 0.82  96: 0.86  128: 1.54  256: 0.57
 *
 * Below 128 two workers were slower in 19 of 21 measurements (at batch 20, the preset's, in 3 of 4:
 * 0.63–0.83×); from 128 on they were faster in 4 of 5 (1.08–1.54×; the exception at a load of 7 on 2 cores).
 * In the playground itself (MNIST, 3,000 digits, 784-32-10, Max speed, the Workers status's samples/s, 1 and
 * 2 workers alternated 4 times, median of 12 one-second readings, load 3.5–4.2), which adds the per-epoch
 * evaluation and the snapshots to both: batch 20: 0.72 (42,972 → 31,078 samples/s), 64: 0.92, 128: 0.86.
 * So Auto takes a second worker only from batch 128, where the compute loop gained; a quieter machine, or
 * one with more cores, gains more (@backprop/parallel's README: 1.26–1.50× at W1 batch 256), and choosing
 * 2 gives the same numbers, bit for bit.
 */
export const AUTO_MIN_BATCH = 128;

const g = globalThis as { navigator?: { hardwareConcurrency?: number } };

/**
 * How many threads a choice asks for: a number as chosen; auto = 1 below {@link AUTO_MIN_BATCH} samples a
 * batch, else min(2, the cores the browser reports).
 */
export function threadsFor(choice: WorkersChoice, batchSize: number, cores = g.navigator?.hardwareConcurrency ?? 1): number {
  if (choice !== 'auto') return choice;
  return batchSize < AUTO_MIN_BATCH ? 1 : Math.max(1, Math.min(SHARDS, cores));
}
