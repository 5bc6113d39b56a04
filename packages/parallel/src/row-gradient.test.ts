import { type BackendName, Matrix, Network, type OptimizerName, createOptimizer, createRng, kernelsFor, shuffleInPlace } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import type { ParallelRowGradient } from './index.js';
import { D, N, bits, problem, spec } from './testing/problem.js';
import { openTrainers } from './testing/trainers.js';

const { X, labels } = problem();

/**
 * A caller's own loop over a session, written as fit's is (README): per epoch the rows in a seeded
 * shuffle, batches of `batchSize`, the update on the reduced gradient; returns each epoch's mean loss.
 */
function ownLoop(g: ParallelRowGradient, net: Network, o: { epochs: number; batchSize: number; learningRate: number; seed: number; optimizer: OptimizerName }): number[] {
  const kernels = kernelsFor(net.backend as BackendName);
  const optimizer = createOptimizer(o.optimizer);
  const grad = new Float32Array(net.flat.length);
  const order = new Int32Array(N);
  const rng = createRng(o.seed);
  const losses: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = 0; i < N; i++) order[i] = i;
    shuffleInPlace(order, rng);
    let total = 0;
    for (let from = 0; from < N; from += o.batchSize) {
      const rows = order.subarray(from, Math.min(N, from + o.batchSize));
      total += g.compute(rows, grad) * rows.length;
      if (o.optimizer === 'sgd') kernels.sgdStep(net.flat, grad, o.learningRate);
      else optimizer.step(net.flat, grad, o.learningRate);
    }
    losses.push(total / N);
  }
  return losses;
}

describe('per-step sessions (trainer.rowGradient)', () => {
  const trainers = openTrainers();

  test.each(['sgd', 'adam'] as const)("a caller's own loop gives fit's bits and losses, on 1 and on 2 threads (%s)", async (optimizer) => {
    const o = { epochs: 3, batchSize: 64, learningRate: optimizer === 'sgd' ? 0.05 : 0.01, seed: 3, optimizer };
    const fitted = Network.create(spec);
    const r = await trainers.two.fit(fitted, X, labels, o);
    for (const trainer of [trainers.one, trainers.two]) {
      const net = Network.create(spec);
      const g = await trainer.rowGradient(net, X, labels);
      expect(g).toMatchObject({ rows: N, threads: trainer.threads, shards: 2, reason: undefined });
      const losses = ownLoop(g, net, o);
      await g.close();
      expect(bits(net), `${trainer.threads} thread(s)`).toEqual(bits(fitted));
      expect(losses).toEqual(r.losses);
    }
  });

  test('three shards, a one-row batch and a last short batch agree between 1 and 2 threads; θ is read at each call', async () => {
    const a = Network.create(spec);
    const b = Network.create(spec);
    const ga = await trainers.one.rowGradient(a, X, labels, { shards: 3 });
    const gb = await trainers.two.rowGradient(b, X, labels, { shards: 3 });
    expect(gb.threads).toBe(2);
    const [da, db] = [new Float32Array(a.flat.length), new Float32Array(b.flat.length)];
    for (const rows of [[7], [1, 2], Int32Array.from({ length: 50 }, (_, i) => 299 - i), [0, 0, 0, 5]]) {
      expect(gb.compute(rows, db)).toBe(ga.compute(rows, da));
      expect(Array.from(db)).toEqual(Array.from(da));
      for (const net of [a, b]) net.flat[0] = net.flat[0]! + 0.5; // the caller's own change of θ is seen by the next call
    }
    await Promise.all([ga.close(), gb.close()]);
  });

  test('bad data, rows and options are typed errors; a fit asked for during a session is refused, and runs after it closes', async () => {
    const net = Network.create(spec);
    const bad = new Matrix(N, D, X.data.slice());
    bad.data[200 * D + 7] = Number.NaN;
    await expect(trainers.two.rowGradient(net, bad, labels)).rejects.toMatchObject({ code: 'non_finite', argument: 'X[200][7]' });
    await expect(trainers.two.rowGradient(net, X, labels, { shards: 0 })).rejects.toMatchObject({ code: 'invalid_option', argument: 'options.shards' });
    await expect(trainers.two.rowGradient(net, X, labels, { batchSize: 2 } as never)).rejects.toMatchObject({ code: 'invalid_option', argument: 'options.batchSize' });
    const g = await trainers.two.rowGradient(net, X, labels);
    const out = new Float32Array(net.flat.length);
    expect(() => g.compute([1, N], out)).toThrow(expect.objectContaining({ code: 'invalid_argument', argument: 'rows[1]' }));
    expect(() => g.compute([1], new Float32Array(2))).toThrow(expect.objectContaining({ code: 'shape_mismatch', argument: 'out', actual: 'a Float32Array of length 2' }));
    expect(() => g.compute([1], undefined as never)).toThrow(expect.objectContaining({ code: 'shape_mismatch', argument: 'out', actual: 'undefined' }));
    // Bad rows get the verdict of core's own RowGradient.compute.
    const core = Network.create(spec).rowGradient(X, labels);
    for (const rows of [[], null, [0.5], [N], [1, 'a']]) {
      let want: unknown;
      let got: unknown;
      try {
        core.compute(rows as never, out);
      } catch (e) {
        want = e;
      }
      try {
        g.compute(rows as never, out);
      } catch (e) {
        got = e;
      }
      expect(got, JSON.stringify(rows)).toMatchObject({ ...(want as object), code: (want as { code: string }).code });
    }
    // A fit asked for during the session would wait for its close(): it is refused at once (lifecycle.test.ts), and runs after.
    const other = Network.create(spec);
    await expect(trainers.two.fit(other, X, labels, { epochs: 1 })).rejects.toMatchObject({ code: 'busy', argument: 'trainer.fit' });
    expect(Number.isFinite(g.compute([3, 4, 5], out))).toBe(true);
    await g.close();
    await expect(trainers.two.fit(other, X, labels, { epochs: 1 })).resolves.toMatchObject({ epochs: 1 });
    expect(() => g.compute([1], out)).toThrow(expect.objectContaining({ code: 'invalid_argument', argument: 'rowGradient' }));
  });
});
