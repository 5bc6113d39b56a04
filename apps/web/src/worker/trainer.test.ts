import { Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { datasetOf, loadData } from '../model/data.js';
import { defaultConfig, type PlaygroundConfig } from '../state/config.js';
import { GRID } from '../state/grid.js';
import { importProblem, predictionReply } from './replies.js';
import { specFor, Trainer } from './trainer.js';

const xor: PlaygroundConfig = { ...defaultConfig, dataset: 'xor', samples: 200, layers: [{ units: 8, activation: 'tanh' }], learningRate: 0.1, features: ['x', 'y', 'xy'] };

test('training on xor lowers the test loss, and counters advance per batch and epoch', async () => {
  const t = new Trainer(xor, await loadData(xor));
  const before = t.evaluate('test').loss;
  t.stepBatch();
  expect(t.iterations).toBe(1);
  expect(t.samplesSeen).toBe(10);
  for (let e = 0; e < 30; e++) t.stepEpoch();
  expect(t.epoch).toBe(30);
  expect(t.samplesSeen).toBe(10 + 29 * 100 + 90);
  expect(t.history).toHaveLength(30);
  const after = t.evaluate('test');
  expect(after.loss).toBeLessThan(before / 2);
  expect(after.accuracy).toBeGreaterThan(0.9);
});

test('the same config trains to the same weights (seeded init and shuffling)', async () => {
  const a = new Trainer(xor, await loadData(xor));
  const b = new Trainer(xor, await loadData(xor));
  for (let e = 0; e < 3; e++) {
    a.stepEpoch();
    b.stepEpoch();
  }
  expect(Array.from(a.net.flat)).toEqual(Array.from(b.net.flat));
});

test('a live learning-rate change applies to the next step without a reset', async () => {
  const t = new Trainer(xor, await loadData(xor));
  t.stepEpoch();
  t.setLive({ ...xor, learningRate: 0 + 1e-12 });
  const frozen = Array.from(t.net.flat);
  t.stepBatch();
  const moved = Math.max(...Array.from(t.net.flat, (v, i) => Math.abs(v - frozen[i]!)));
  expect(moved).toBeLessThan(1e-9);
  expect(t.epoch).toBe(1);
});

test('a huge learning rate diverges, stops, keeps finite weights and explains why', async () => {
  const c: PlaygroundConfig = { ...xor, layers: [{ units: 8, activation: 'relu' }], output: 'linear', dataset: 'plane', learningRate: 50 };
  const t = new Trainer(c, await loadData(c));
  for (let i = 0; i < 200 && !t.diverged; i++) t.stepBatch();
  expect(t.diverged).toBe(true);
  expect(t.net.flat.every(Number.isFinite)).toBe(true);
  const s = t.snapshot(false);
  expect(s.health.diverged).toBe(true);
  expect(s.health.diagnosis).toMatch(/diverged.*lower the learning rate/i);
});

test('a snapshot carries the heatmap and every hidden unit on the grid', async () => {
  const c: PlaygroundConfig = { ...xor, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'relu' }] };
  const s = new Trainer(c, await loadData(c)).snapshot(false);
  expect(s.widths).toEqual([3, 3, 2, 2]);
  expect(s.grid).toHaveLength(GRID * GRID);
  expect(s.neurons?.map((l) => l.length)).toEqual([3, 2]);
  expect(s.health.gradNorms).toEqual([]);
  expect(s.flat).toHaveLength(3 * 3 + 3 + 2 * 3 + 2 + 2 * 2 + 2);
});

test('three spiral arms give a class per grid cell with its confidence', async () => {
  const c: PlaygroundConfig = { ...defaultConfig, dataset: 'spiral3', samples: 150 };
  const s = new Trainer(c, await loadData(c)).snapshot(false);
  expect(s.gridConfidence).toHaveLength(GRID * GRID);
  expect(new Set(s.grid)).toSatisfy((set: Set<number>) => [...set].every((v) => [0, 1, 2].includes(v)));
});

test('three classes also carry the probability of every class per grid cell, for the three output units', async () => {
  const c: PlaygroundConfig = { ...defaultConfig, dataset: 'spiral3', samples: 150 };
  const s = new Trainer(c, await loadData(c)).snapshot(false);
  const p = s.gridProbabilities!;
  expect(p).toHaveLength(GRID * GRID * 3);
  for (let i = 0; i < GRID * GRID; i++) {
    const row = [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!];
    expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 5);
    expect(row[s.grid![i]!]).toBe(Math.max(...row)); // the plot's winning class is the most probable one
    expect(row[s.grid![i]!]).toBeCloseTo(s.gridConfidence![i]!, 6);
  }
});

test('points the user added train with their class; removed ones are gone', async () => {
  const c: PlaygroundConfig = { ...xor, added: [{ x: 5, y: 5, label: 1 }], removed: [0, 1, 2] };
  const d = await loadData(c);
  const base = await loadData(xor);
  expect(d.train.X.rows + d.test.X.rows).toBe(base.train.X.rows + base.test.X.rows - 3 + 1);
  expect(d.train.y![d.train.y!.length - 1]).toBe(1);
  expect(d.train.source[d.train.source.length - 1]).toBe(-1);
  expect(Array.from(d.train.source)).not.toContain(0);
});

test('L2 shrinks the weights compared with no penalty; switching to Adam mid-run keeps training', async () => {
  const plain = new Trainer(xor, await loadData(xor));
  const l2 = new Trainer({ ...xor, regularization: 'l2', regularizationRate: 0.1 }, await loadData(xor));
  for (let e = 0; e < 10; e++) {
    plain.stepEpoch();
    l2.stepEpoch();
  }
  const norm = (t: Trainer) => t.net.parameters().filter((p) => p.kind === 'W').reduce((s, p) => s + Array.from(p.values).reduce((a, v) => a + v * v, 0), 0);
  expect(norm(l2)).toBeLessThan(norm(plain));
  plain.setLive({ ...xor, optimizer: 'adam', learningRate: 0.01 });
  const before = plain.evaluate('train').loss;
  for (let e = 0; e < 10; e++) plain.stepEpoch();
  expect(plain.evaluate('train').loss).toBeLessThan(before);
  expect(plain.epoch).toBe(20);
});

test('a prediction request is always answered: ŷ, or an empty array with the reason (no network yet, wrong width)', async () => {
  expect(predictionReply(undefined, 7, Float32Array.of(1, 2))).toEqual({ type: 'prediction', id: 7, probabilities: new Float32Array(0), message: 'no network yet' });
  const t = new Trainer(xor, await loadData(xor));
  expect(predictionReply(t, 8, Float32Array.of(1, 2))).toMatchObject({ id: 8, probabilities: new Float32Array(0), message: 'the network takes 3 inputs, got 2' });
  const reply = predictionReply(t, 9, Float32Array.of(1, 2, 2));
  expect(reply.message).toBeUndefined();
  expect(Array.from(reply.probabilities)).toEqual(Array.from(t.predict(Float32Array.of(1, 2, 2))));
  expect(reply.probabilities).toHaveLength(2);
});

// The playground trains through the core's public Dataset path (issue 15): the worker's numbers are net.fit's.
test('epochs in the playground are net.fit epochs on the training half as a core Dataset, bit for bit', async () => {
  const data = await loadData(xor);
  const t = new Trainer(xor, data);
  for (let e = 0; e < 4; e++) t.stepEpoch();
  const train = datasetOf(data, 'train');
  expect(train).toMatchObject({ task: 'classification', classes: 2, classNames: ['negative', 'positive'], featureNames: ['x', 'y', 'xy'] });
  const ref = Network.create(specFor(xor, data));
  ref.fit(train, { epochs: 4, batchSize: xor.batchSize, learningRate: xor.learningRate, optimizer: xor.optimizer, seed: xor.seed });
  expect(Array.from(t.net.flat)).toEqual(Array.from(ref.flat));
  expect(t.net.preprocessing?.labels).toEqual(['negative', 'positive']); // an exported model names its classes, as after fit
});

test('live settings follow the core run: η from the next step (in history.changes), batch size at the epoch boundary', async () => {
  const t = new Trainer(xor, await loadData(xor));
  t.stepBatch();
  t.setLive({ ...xor, learningRate: 0.3 });
  t.setLive({ ...xor, learningRate: 0.3, batchSize: 25 });
  while (t.epoch === 0) {
    t.stepBatch();
    if (t.epoch === 0) expect(t.samplesSeen % 10).toBe(0); // still batches of 10 inside the epoch
  }
  t.stepBatch();
  expect(t.samplesSeen).toBe(100 + 25);
  t.close();
  const changes = JSON.parse(JSON.stringify(t.net.checkpoint())).training.history.changes;
  expect(changes).toEqual([
    { epoch: 1, iteration: 1, option: 'learningRate', from: 0.1, to: 0.3 },
    { epoch: 2, iteration: 10, option: 'batchSize', from: 10, to: 25 },
  ]);
});

test('a new optimizer starts at the next epoch; a new penalty at the next step; close() frees the network for another trainer', async () => {
  const data = await loadData(xor);
  const t = new Trainer(xor, data);
  t.stepBatch();
  t.setLive({ ...xor, regularization: 'l2', regularizationRate: 0.01 });
  t.setLive({ ...xor, regularization: 'l2', regularizationRate: 0.01, optimizer: 'adam', learningRate: 0.01 });
  t.stepEpoch();
  t.stepBatch();
  t.close();
  expect(JSON.parse(JSON.stringify(t.net.checkpoint())).training.optimizer.name).toBe('adam');
  expect(() => t.net.fit(datasetOf(data, 'train'), { epochs: 1 })).not.toThrow();
  const again = new Trainer(xor, data, t.net);
  again.stepEpoch();
  expect(again.epoch).toBe(1);
});

test('an imported network must fit the data: widths, and the class names it was trained with', async () => {
  const data = await loadData(xor);
  const net = Network.create(specFor(xor, data));
  expect(importProblem(net, data, 2)).toBeUndefined();
  expect(importProblem(net, data, 3)).toBe('the model has 3 inputs and 2 outputs; this data needs 3 and 3');
  net.setPreprocessing({ labels: ['negative', 'positive'] });
  expect(importProblem(net, data, 2)).toBeUndefined();
  net.setPreprocessing({ labels: ['no', 'yes'] });
  expect(importProblem(net, data, 2)).toBe("the model's classes are no, yes; this data's are negative, positive");
});

test('three logistic outputs (one-vs-rest on spiral3) still report an accuracy: the most probable unit', async () => {
  const c: PlaygroundConfig = { ...xor, dataset: 'spiral3', output: 'logistic', loss: 'binary-cross-entropy', features: ['x', 'y'] };
  const t = new Trainer(c, await loadData(c));
  expect(t.net.outputs).toBe(3);
  for (let e = 0; e < 3; e++) t.stepEpoch();
  const { accuracy } = t.evaluate('test');
  expect(accuracy).toBeGreaterThan(0);
  expect(accuracy).toBeLessThanOrEqual(1);
});
