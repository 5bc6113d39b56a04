import { afterAll, beforeAll } from 'vitest';
import { type ParallelTrainer, createParallelTrainer } from '../index.js';

/**
 * A one-thread and a two-thread trainer for the tests of one file (Node only): opened before them, closed
 * after them. Read `one` and `two` inside the tests, once the hooks have run.
 */
export function openTrainers(): { readonly one: ParallelTrainer; readonly two: ParallelTrainer } {
  const trainers = {} as { one: ParallelTrainer; two: ParallelTrainer };
  beforeAll(async () => {
    [trainers.one, trainers.two] = await Promise.all([createParallelTrainer({ threads: 1 }), createParallelTrainer({ threads: 2 })]);
  });
  afterAll(async () => {
    await Promise.all([trainers.one.close(), trainers.two.close()]);
  });
  return trainers;
}
