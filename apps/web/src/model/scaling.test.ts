import { Matrix, Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../state/config.js';
import { Trainer } from '../worker/trainer.js';
import { loadData } from './data.js';
import { sampleOf } from './sample.js';
import { adoptTargetScaler, unfoldTargetScaler } from './scaling.js';
import { walkthrough } from './step-through.js';
import { housesCsv } from '../../e2e/houses.mjs';

const csv: PlaygroundConfig = { ...defaultConfig, dataset: 'csv', speed: 0 };
const houses = housesCsv(400, 'band');

/** Column means and population standard deviations of a matrix. */
function moments(X: Matrix): { mean: number[]; sd: number[] } {
  const mean = Array.from({ length: X.cols }, (_, j) => Array.from({ length: X.rows }, (_, r) => X.get(r, j)).reduce((a, v) => a + v, 0) / X.rows);
  const sd = mean.map((m, j) => Math.sqrt(Array.from({ length: X.rows }, (_, r) => (X.get(r, j) - m) ** 2).reduce((a, v) => a + v, 0) / X.rows));
  return { mean, sd };
}

test('a raw-valued CSV is standardized by default: the scaler is fitted on the training rows only', async () => {
  expect(defaultConfig.standardize).toBe(true);
  const data = await loadData(csv, houses);
  const t = new Trainer(csv, data);
  const scaler = t.net.preprocessing?.input;
  expect(scaler?.kind).toBe('standard');
  const train = moments(data.train.X);
  const all = moments(new Matrix(data.train.X.rows + data.test.X.rows, 4, Float32Array.from([...data.train.X.data, ...data.test.X.data])));
  scaler!.offset.forEach((m, j) => {
    expect(m).toBeCloseTo(train.mean[j]!, 2);
    expect(Math.abs(m - all.mean[j]!)).toBeGreaterThan(1e-3); // not the whole file's mean: the test rows stay unseen
  });
  scaler!.scale.forEach((s, j) => {
    expect(s / train.sd[j]!).toBeCloseTo(1, 5);
  });
});

test('standardized, the network learns raw house data; fed raw, tanh saturates and it cannot', async () => {
  const on = new Trainer(csv, await loadData(csv, houses));
  const off = new Trainer({ ...csv, standardize: false }, await loadData({ ...csv, standardize: false }, houses));
  expect(off.net.preprocessing?.input).toBeUndefined();
  // Measured: 66.7 % of (unit, row) pairs saturated at epoch 0 raw, 3.0 % standardized.
  expect(off.snapshot(false).health.saturatedShare).toBeGreaterThan(0.6);
  expect(on.snapshot(false).health.saturatedShare).toBeLessThan(0.1);
  for (let e = 0; e < 30; e++) {
    on.stepEpoch();
    off.stepEpoch();
  }
  expect(on.evaluate('test').accuracy).toBeGreaterThan(0.8); // measured 0.86
  expect(off.evaluate('test').accuracy).toBeLessThan(0.5); // three classes, stuck at the majority
  // The page names the cause and the switch, not "another seed".
  expect(off.snapshot(false).health.diagnosis).toMatch(/saturated .* columns go in raw, far from −3 … 3: turn on Standardize columns/);
  expect(on.snapshot(false).health.diagnosis).toBeNull();
});

test('the exported model carries the scaler: loaded elsewhere it takes raw rows and predicts the same', async () => {
  const data = await loadData(csv, houses);
  const t = new Trainer(csv, data);
  for (let e = 0; e < 5; e++) t.stepEpoch();
  const json = JSON.parse(JSON.stringify(t.net.toJSON()));
  expect(json.preprocessing.input.kind).toBe('standard');
  expect(json.preprocessing.labels).toEqual(['high', 'low', 'mid']);
  const loaded = Network.fromJSON(json);
  const raw = data.test.X.sliceRows(0, 20);
  expect(Array.from(loaded.predict(raw).data)).toEqual(Array.from(t.net.predict(raw).data));
  expect(Array.from(loaded.classify(raw))).toEqual(Array.from(t.net.classify(raw)));
});

test('only CSV data is standardized; a kept network keeps the scaler its weights were trained with', async () => {
  const xor: PlaygroundConfig = { ...defaultConfig, dataset: 'xor', samples: 100 };
  expect(new Trainer(xor, await loadData(xor)).net.preprocessing?.input).toBeUndefined();
  const first = new Trainer(csv, await loadData(csv, houses));
  const scaler = first.net.preprocessing?.input;
  const kept = new Trainer({ ...csv, removed: [0, 1, 2] }, await loadData({ ...csv, removed: [0, 1, 2] }, houses), first.net);
  expect(kept.net.preprocessing?.input).toEqual(scaler);
});

const prices = housesCsv(400, 'price');

/** Variance of the raw test targets: the loss of always predicting their mean. */
function variance(Y: Matrix): number {
  const { mean, sd } = moments(Y);
  return mean.length === 1 ? sd[0]! ** 2 : Number.NaN;
}

test('a raw regression target (prices) is standardized too: the network learns it, and losses stay in its units', async () => {
  const data = await loadData(csv, prices);
  expect(data.task).toBe('regression');
  const on = new Trainer(csv, data);
  const off = new Trainer({ ...csv, standardize: false }, await loadData({ ...csv, standardize: false }, prices));
  expect(on.targetScaler?.offset[0]).toBeCloseTo(moments(data.train.Y!).mean[0]!, -1);
  expect(off.targetScaler).toBeUndefined();
  const base = variance(data.test.Y!); // 4.5e10 (euros²)
  for (let e = 0; e < 30; e++) {
    on.stepEpoch();
    off.stepEpoch();
  }
  // Measured: standardized, test MSE 0.030 of the variance (R² 0.97) after 30 epochs; raw, 1.01 of it (no better than the mean), every tanh unit saturated.
  expect(on.evaluate('test').loss / base).toBeLessThan(0.1);
  expect(off.evaluate('test').loss / base).toBeGreaterThan(0.5);
  expect(off.snapshot(false).health.saturatedShare).toBeGreaterThan(0.9);
  // The page's loss is the loss of the saved model on the raw rows, and a prediction is a price.
  const saved = Network.fromJSON(JSON.parse(JSON.stringify(on.modelJson())));
  const X = data.test.X;
  expect(saved.loss(X, data.test.Y!) / on.evaluate('test').loss).toBeCloseTo(1, 3);
  const row = X.row(0);
  const price = on.predict(Float32Array.from(row))[0]!;
  expect(saved.predict(new Matrix(1, 4, Float32Array.from(row))).get(0, 0) / price).toBeCloseTo(1, 4);
  expect(Math.abs(price - data.test.Y!.get(0, 0)) / data.test.Y!.get(0, 0)).toBeLessThan(0.3);
});

test('a kept network keeps its target scaler; classification and regression without standardize have none', async () => {
  const first = new Trainer(csv, await loadData(csv, prices));
  const kept = new Trainer({ ...csv, removed: [0] }, await loadData({ ...csv, removed: [0] }, prices), first.net, first.targetScaler);
  expect(kept.targetScaler).toEqual(first.targetScaler);
  expect(new Trainer(csv, await loadData(csv, houses)).targetScaler).toBeUndefined();
});

test('a saved price model imported back predicts the same and goes on learning on the standardized target', async () => {
  const data = await loadData(csv, prices);
  const t = new Trainer(csv, data);
  for (let e = 0; e < 30; e++) t.stepEpoch();
  const before = t.evaluate('test').loss;
  const net = Network.fromJSON(t.modelJson());
  const imported = new Trainer(csv, data, net, adoptTargetScaler(net, csv, data));
  expect(imported.targetScaler).toEqual(t.targetScaler);
  expect(imported.evaluate('test').loss / before).toBeCloseTo(1, 3);
  for (let i = 0; i < 5; i++) imported.stepBatch();
  // Measured without adopting the scaler: 5 steps on raw prices took the test loss from 1.36e9 to 7.96e10.
  expect(imported.evaluate('test').loss / before).toBeLessThan(1.2);
  // A classifier, or a page fed raw, adopts nothing.
  expect(adoptTargetScaler(Network.fromJSON(t.modelJson()), { ...csv, standardize: false }, data)).toBeUndefined();
});

test('the step-through walks the network as it trains: unfolded model, standardized target, a step that lowers the loss', async () => {
  // Two raw features (area, year) and a price: a plane, so the step-through has samples.
  const text = prices.split('\n').map((l) => l.split(',')).map((f) => [f[0], f[2], f[4]].join(',')).join('\n');
  const data = await loadData(csv, text);
  expect(data.planar).toBe(true);
  const t = new Trainer(csv, data);
  for (let e = 0; e < 5; e++) t.stepEpoch();
  const scaler = t.targetScaler!;
  const json = unfoldTargetScaler(t.modelJson(), scaler);
  expect(Array.from(Network.fromJSON(json).flat).every((v, i) => Math.abs(v - t.net.flat[i]!) <= 1e-4 * Math.max(1, Math.abs(t.net.flat[i]!)))).toBe(true);
  const summary = { task: 'regression' as const, inputs: 2, planar: true, trainCount: data.train.X.rows, testCount: 0, trainPoints: data.train.points!, trainLabels: Float32Array.from(data.train.Y!.data), targetScaler: scaler };
  const s = sampleOf(summary, csv.features, 0, 1)!;
  expect(s.y[0]).toBeCloseTo((data.train.Y!.get(0, 0) - scaler.offset[0]!) / scaler.scale[0]!, 5);
  const walk = walkthrough(json, s.x, s.y, csv.learningRate);
  expect(walk.lossAfter).toBeLessThan(walk.lossBefore);
  expect(walk.lossBefore).toBeLessThan(10); // standardized units; raw, the same sample's loss is ~1e10
});
