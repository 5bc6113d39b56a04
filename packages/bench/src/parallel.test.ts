import { Matrix, Network, type NetworkSpec, createRng } from '@backprop/core';
import { afterAll, describe, expect, test } from 'vitest';
import { ShardPool, oneHot } from './parallel.js';

// The helper thread runs the built worker (`test` depends on `build` in turbo.json).
const workerUrl = new URL('../dist/parallel-worker.js', import.meta.url);

const N = 300;
const D = 12;
const C = 3;
const rng = createRng(5);
const X = Matrix.zeros(N, D, 'float32');
const labels = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  let s = 0;
  for (let j = 0; j < D; j++) s += (X.data[i * D + j] = rng.next() * 2 - 1) * (j + 1);
  labels[i] = s < -2 ? 0 : s < 2 ? 1 : 2;
}
const Y = oneHot(labels, N, C);
const spec: NetworkSpec = {
  inputs: D,
  layers: [{ units: 16, activation: 'relu' }, { units: 8, activation: 'relu' }],
  output: { units: C, fn: 'softmax', loss: 'cross-entropy' },
  init: 'glorot-uniform',
  seed: 11,
};

describe('sharded data-parallel SGD', () => {
  const one = new ShardPool(1);
  const two = new ShardPool(2, workerUrl);
  afterAll(() => two.close());

  test('2 threads equal 1 thread bit for bit (batch 64 with a partial last batch, reshuffled)', async () => {
    const opts = { epochs: 4, batchSize: 64, learningRate: 0.05, shuffle: true, seed: 3 };
    const a = Network.create(spec);
    const b = Network.create(spec);
    await one.train(a, spec, X, Y, opts);
    await two.train(b, spec, X, Y, opts);
    expect(two.threads).toBe(2);
    expect(Array.from(b.flat)).toEqual(Array.from(a.flat));
    expect(a.flat).not.toEqual(Network.create(spec).flat);
    // The pool is reusable: a second run on the same worker is again identical.
    const c = Network.create(spec);
    await two.train(c, spec, X, Y, { ...opts, batchSize: 31 });
    const d = Network.create(spec);
    await one.train(d, spec, X, Y, { ...opts, batchSize: 31 });
    expect(Array.from(c.flat)).toEqual(Array.from(d.flat));
  });

  test('close to plain fit (float32 rounding only: the shard sum changes the order)', async () => {
    const opts = { epochs: 3, batchSize: 50, learningRate: 0.05, shuffle: false, seed: 3 };
    const a = Network.create(spec);
    await two.train(a, spec, X, Y, opts);
    const b = Network.create(spec);
    b.fit(X, labels, { epochs: 3, batchSize: 50, learningRate: 0.05, shuffle: false });
    let worst = 0;
    for (let i = 0; i < a.flat.length; i++) worst = Math.max(worst, Math.abs(a.flat[i]! - b.flat[i]!));
    expect(worst).toBeLessThan(1e-5);
  });

  test('Network.gradient: scaled shards sum to the batch gradient', () => {
    const net = Network.create(spec);
    const P = net.flat.length;
    const whole = new Float32Array(P);
    const g0 = new Float32Array(P);
    const g1 = new Float32Array(P);
    const rows = (m: Matrix, from: number, to: number) => new Matrix(to - from, m.cols, m.data.slice(from * m.cols, to * m.cols));
    const loss = net.gradient(rows(X, 0, 40), rows(Y, 0, 40), whole);
    expect(loss).toBeCloseTo(net.loss(rows(X, 0, 40), rows(Y, 0, 40)), 5);
    net.gradient(rows(X, 0, 10), rows(Y, 0, 10), g0, 10 / 40);
    net.gradient(rows(X, 10, 40), rows(Y, 10, 40), g1, 30 / 40);
    for (let i = 0; i < P; i++) expect(g0[i]! + g1[i]!).toBeCloseTo(whole[i]!, 5);
  });
});
