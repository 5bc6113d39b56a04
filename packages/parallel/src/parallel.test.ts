import { BackpropError, Matrix, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { createParallelTrainer } from './index.js';
import { D, N, bits, problem, spec } from './testing/problem.js';
import { openTrainers } from './testing/trainers.js';

const { X, labels } = problem();

describe('data-parallel training', () => {
  const trainers = openTrainers();

  test('2 threads give the same bits as 1 thread (batch 64 with a partial last batch, reshuffled)', async () => {
    expect(trainers.one.threads).toBe(1);
    expect(trainers.two.threads).toBe(2);
    const opts = { epochs: 4, batchSize: 64, learningRate: 0.05, seed: 3 };
    const a = Network.create(spec);
    const b = Network.create(spec);
    const ra = await trainers.one.fit(a, X, labels, opts);
    const rb = await trainers.two.fit(b, X, labels, opts);
    expect(rb).toMatchObject({ threads: 2, shards: 2, epochs: 4, steps: 20 });
    expect(ra.threads).toBe(1);
    expect(bits(b)).toEqual(bits(a));
    expect(rb.losses).toEqual(ra.losses);
    expect(bits(a)).not.toEqual(bits(Network.create(spec)));
    expect(ra.losses[3]!).toBeLessThan(ra.losses[0]!);
  });

  test('the trainer is reusable, and other batch sizes, shard counts and optimizers agree too', async () => {
    for (const opts of [
      { epochs: 2, batchSize: 31, learningRate: 0.05, seed: 9 },
      { epochs: 2, batchSize: 1, learningRate: 0.01, seed: 1 }, // one row: shard 1 is empty
      { epochs: 2, batchSize: 50, learningRate: 0.05, shards: 3 },
      { epochs: 2, batchSize: 40, learningRate: 0.01, optimizer: 'adam' as const },
      { epochs: 2, batchSize: 40, learningRate: 0.02, optimizer: { name: 'sgd' as const, momentum: 0.9 } },
    ]) {
      const a = Network.create(spec);
      const b = Network.create(spec);
      await trainers.one.fit(a, X, labels, opts);
      await trainers.two.fit(b, X, labels, opts);
      expect(bits(b), JSON.stringify(opts)).toEqual(bits(a));
    }
  });

  test('close to core fit on the same batches (float32 rounding only: the shard sum changes the order)', async () => {
    const opts = { epochs: 3, batchSize: 50, learningRate: 0.05, shuffle: false };
    const a = Network.create(spec);
    await trainers.two.fit(a, X, labels, opts);
    const b = Network.create(spec);
    b.fit(X, labels, opts);
    let worst = 0;
    for (let i = 0; i < a.flat.length; i++) worst = Math.max(worst, Math.abs(a.flat[i]! - b.flat[i]!));
    expect(worst).toBeLessThan(1e-5);
  });

  test('data already in a SharedArrayBuffer is used in place, and one-hot targets equal class indices', async () => {
    const shared = new Float32Array(new SharedArrayBuffer(X.data.byteLength));
    shared.set(X.data);
    const Y = Matrix.zeros(N, 3, 'float32');
    for (const [i, c] of labels.entries()) Y.data[i * 3 + c] = 1;
    const a = Network.create(spec);
    const b = Network.create(spec);
    await trainers.two.fit(a, new Matrix(N, D, shared), Y, { epochs: 2, batchSize: 64 });
    await trainers.one.fit(b, X, labels, { epochs: 2, batchSize: 64 });
    expect(bits(a)).toEqual(bits(b));
  });

  test('bad options and data are typed errors, and the network is left unchanged', async () => {
    const net = Network.create(spec);
    const before = bits(net);
    await expect(trainers.two.fit(net, X, labels, { epochs: 1, batchSize: 0 })).rejects.toMatchObject({ code: 'invalid_option', argument: 'options.batchSize' });
    await expect(trainers.two.fit(net, X, labels, { epochs: 1, batchsize: 8 } as never)).rejects.toMatchObject({ code: 'invalid_option', argument: 'options.batchsize' });
    await expect(trainers.two.fit(net, X, labels.subarray(1))).rejects.toMatchObject({ code: 'shape_mismatch', argument: 'Y' });
    await expect(trainers.two.fit(net, X, Uint8Array.from(labels, () => 3))).rejects.toMatchObject({ code: 'label_out_of_range', argument: 'Y[0]' });
    const diverging = trainers.two.fit(net, X, labels, { epochs: 5, batchSize: 300, learningRate: 1e30 });
    await expect(diverging).rejects.toBeInstanceOf(BackpropError);
    await expect(diverging).rejects.toMatchObject({ code: 'diverged' });
    expect(bits(net)).toEqual(before);
    await expect(createParallelTrainer({ threads: 0 })).rejects.toMatchObject({ code: 'invalid_option', argument: 'options.threads' });
    // After a failed run both threads are in step again.
    const a = Network.create(spec);
    const b = Network.create(spec);
    await trainers.two.fit(a, X, labels, { epochs: 1, batchSize: 64 });
    await trainers.one.fit(b, X, labels, { epochs: 1, batchSize: 64 });
    expect(bits(a)).toEqual(bits(b));
  });

  test('a NaN in X is reported by its row in X, not in the shard', async () => {
    const bad = new Matrix(N, D, X.data.slice());
    bad.data[123 * D + 4] = Number.NaN;
    const net = Network.create(spec);
    await expect(trainers.two.fit(net, bad, labels, { epochs: 1, batchSize: 64, shuffle: false })).rejects.toMatchObject({ code: 'non_finite', argument: 'X[123][4]' });
  });

  test("core's Network.gradient, which each thread runs: shard gradients weighted by rows / batch sum to the batch gradient", () => {
    const net = Network.create(spec);
    const P = net.flat.length;
    const [whole, g0, g1] = [new Float32Array(P), new Float32Array(P), new Float32Array(P)];
    const rows = (m: Matrix, from: number, to: number) => new Matrix(to - from, m.cols, m.data.slice(from * m.cols, to * m.cols));
    const y = labels.subarray(0, 40);
    net.gradient(rows(X, 0, 40), y, whole);
    net.gradient(rows(X, 0, 10), y.subarray(0, 10), g0);
    net.gradient(rows(X, 10, 40), y.subarray(10, 40), g1);
    for (let i = 0; i < P; i++) expect((10 / 40) * g0[i]! + (30 / 40) * g1[i]!).toBeCloseTo(whole[i]!, 5);
  });
});
