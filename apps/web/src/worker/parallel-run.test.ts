import { createParallelTrainer, type ParallelTrainer } from '@backprop/parallel';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadData, type PreparedData } from '../model/data.js';
import { defaultConfig, type PlaygroundConfig } from '../state/config.js';
import { AUTO_MIN_BATCH, SHARDS, threadsFor } from './threads.js';
import { Trainer } from './trainer.js';

// MNIST's loop on @backprop/parallel sessions (Node's worker_threads here; Chromium in e2e/parallel.mjs):
// one thread and two give the same bits, live changes apply when the core applies them and are recorded,
// and one step equals the core's own step on the same batch up to float32 rounding (the shard sum).

const mnist: PlaygroundConfig = { ...defaultConfig, dataset: 'mnist', samples: 300, trainRatio: 0.8, batchSize: 64, layers: [{ units: 16, activation: 'relu' }], output: 'softmax', loss: 'cross-entropy', learningRate: 0.1 };
let data: PreparedData;
const trainers: ParallelTrainer[] = [];

beforeAll(async () => {
  data = await loadData(mnist);
  for (const threads of [1, 2]) trainers.push(await createParallelTrainer({ threads }));
}, 120_000); // the digits and the worker threads load first
afterAll(async () => {
  await Promise.all(trainers.map((t) => t.close()));
});

async function parallelTrainer(parallel: ParallelTrainer, config = mnist): Promise<Trainer> {
  const t = new Trainer(config, data);
  t.trainWith(await parallel.rowGradient(t.net, data.train.X, data.train.y!, { shards: SHARDS }));
  return t;
}

/** Steps, live changes in the middle of epochs, and whole epochs: what a user does. */
function session(t: Trainer): void {
  for (let i = 0; i < 2; i++) t.stepBatch();
  t.setLive({ ...t.settings, learningRate: 0.03 }); // from the next step
  t.stepBatch();
  t.setLive({ ...t.settings, batchSize: 50, optimizer: 'momentum', momentum: 0.9 }); // from the next epoch
  t.stepEpoch();
  t.setLive({ ...t.settings, regularization: 'l2', regularizationRate: 0.001 }); // from the next step
  t.stepBatch();
  t.setLive({ ...t.settings, momentum: 0.5 }); // the running optimizer's μ: from the next step
  t.stepEpoch();
}

test('one thread and two give the same bits, live changes included', async () => {
  const [a, b] = [await parallelTrainer(trainers[0]!), await parallelTrainer(trainers[1]!)];
  expect(a.gradient?.threads).toBe(1);
  expect(b.gradient?.threads).toBe(2);
  session(a);
  session(b);
  await Promise.all([a.gradient!.close(), b.gradient!.close()]);
  expect(Array.from(b.net.flat)).toEqual(Array.from(a.net.flat));
  expect(b.history).toEqual(a.history);
  expect(Array.from(a.net.flat)).not.toEqual(Array.from(new Trainer(mnist, data).net.flat));
});

test('η and the penalty apply from the next step, batch size and optimizer from the next epoch, and each is recorded', async () => {
  const t = await parallelTrainer(trainers[1]!);
  session(t);
  await t.gradient!.close();
  // 240 training rows: epoch 1 in batches of 64 (4 steps) although 50 was asked in its middle, then 50s (5 steps);
  // the optimizer asked for with it also waits for epoch 2, and μ changes at once once it runs.
  expect(t.epoch).toBe(2);
  expect(t.iterations).toBe(4 + 5);
  expect(t.samplesSeen).toBe(480);
  expect(t.changes).toEqual([
    { epoch: 1, iteration: 2, option: 'learningRate', from: 0.1, to: 0.03 },
    { epoch: 2, iteration: 4, option: 'regularization', from: '{"l1":0,"l2":0}', to: '{"l1":0,"l2":0.001}' },
    { epoch: 2, iteration: 4, option: 'batchSize', from: 64, to: 50 },
    { epoch: 2, iteration: 4, option: 'optimizer', from: '"sgd"', to: '{"name":"momentum","momentum":0.9}' },
    { epoch: 2, iteration: 5, option: 'optimizer.momentum', from: 0.9, to: 0.5 },
  ]);
});

test("one step with an L2 penalty is the core's step on the same batch, up to float32 rounding", async () => {
  const config: PlaygroundConfig = { ...mnist, batchSize: 240, regularization: 'l2', regularizationRate: 0.01 };
  const t = await parallelTrainer(trainers[1]!, config);
  const core = new Trainer(config, data); // the core's own run: one batch of every row, in order (no shuffle)
  t.stepBatch();
  core.stepBatch();
  await t.gradient!.close();
  const P = t.net.flat.length;
  let worst = 0;
  for (let i = 0; i < P; i++) worst = Math.max(worst, Math.abs(t.net.flat[i]! - core.net.flat[i]!));
  expect(worst).toBeLessThan(1e-6);
  expect(Array.from(t.net.flat)).not.toEqual(Array.from(new Trainer(config, data).net.flat));
  // The penalty mattered: without it the step lands elsewhere.
  const bare = await parallelTrainer(trainers[1]!, { ...config, regularization: 'none' });
  bare.stepBatch();
  await bare.gradient!.close();
  let moved = 0;
  for (let i = 0; i < P; i++) moved = Math.max(moved, Math.abs(bare.net.flat[i]! - t.net.flat[i]!));
  expect(moved).toBeGreaterThan(1e-5);
});

test('auto asks for one worker below AUTO_MIN_BATCH samples a batch, else min(2, cores)', () => {
  expect(AUTO_MIN_BATCH).toBe(128);
  expect(threadsFor('auto', 20, 2)).toBe(1); // the MNIST preset's batch, where 2 workers measured 0.63–0.83× of 1
  expect(threadsFor('auto', AUTO_MIN_BATCH - 1, 16)).toBe(1);
  expect(threadsFor('auto', AUTO_MIN_BATCH, 1)).toBe(1);
  expect(threadsFor('auto', AUTO_MIN_BATCH, 2)).toBe(2);
  expect(threadsFor('auto', 1000, 16)).toBe(2);
  expect(threadsFor(1, 1000, 16)).toBe(1);
  expect(threadsFor(2, 1, 1)).toBe(2); // asked for; the trainer clamps it and says why
});
