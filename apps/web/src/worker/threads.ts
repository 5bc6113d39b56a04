import type { WorkersChoice } from './protocol.js';

// Apart from pool.ts so the page (the Workers control) can say what Auto picks without bundling
// @backprop/parallel, which only the training worker loads.

/** S, the shards every batch is cut into, whatever the worker count. */
export const SHARDS = 2;

const g = globalThis as { navigator?: { hardwareConcurrency?: number } };

/** How many threads a choice asks for: auto = min(2, the cores the browser reports). */
export function threadsFor(choice: WorkersChoice, cores = g.navigator?.hardwareConcurrency ?? 1): number {
  return choice === 'auto' ? Math.max(1, Math.min(SHARDS, cores)) : choice;
}
