import { Matrix, Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { defaultConfig, type PlaygroundConfig } from '../state/config.js';
import { Trainer } from '../worker/trainer.js';
import { loadData } from './data.js';
import { housesCsv } from './houses.fixture.js';

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
