import { describe, expect, test } from 'vitest';
import { kernelSets } from '../kernels/index.js';
import { Matrix } from '../matrix.js';
import { Network } from '../network.js';
import { createOptimizer } from '../optimizers.js';
import { createRng } from '../random.js';

// The performance paths of a training step (softmax with recorded log-sum-exp, fused plain-SGD update,
// wasm-resident buffers) must not change what training computes.

function data(n: number, inputs: number, classes: number): { X: Matrix; y: Int32Array } {
  const rng = createRng(7);
  const X = Matrix.zeros(n, inputs, 'float32');
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.next() < 0.7 ? 0 : rng.next();
  const y = Int32Array.from({ length: n }, () => rng.int(classes));
  return { X, y };
}

function trained(backend: 'reference' | 'blocked' | 'wasm-simd', optimizer: 'sgd' | 'momentum' = 'sgd'): Network {
  const net = Network.create({
    inputs: 20,
    layers: [{ units: 16, activation: 'relu' }, { units: 8, activation: 'tanh' }],
    output: { units: 5, fn: 'softmax', loss: 'cross-entropy' },
    init: 'glorot-uniform',
    seed: 3,
    backend,
  });
  const { X, y } = data(96, 20, 5);
  net.fit(X, Array.from(y), { epochs: 3, batchSize: 16, learningRate: 0.1, seed: 5, optimizer });
  return net;
}

describe.each(kernelSets().map((k) => k.name as 'reference' | 'blocked' | 'wasm-simd'))('training with %s', (backend) => {
  test('is bit-identical across runs with the same seed', () => {
    expect(Array.from(trained(backend).flat)).toEqual(Array.from(trained(backend).flat));
  });

  test('agrees with the reference kernels within float32 tolerance', () => {
    const got = trained(backend).flat;
    const want = trained('reference').flat;
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(want[i]!)));
  });
});

describe('fused plain-SGD update', () => {
  test('equals step() bit for bit, and counts the step', () => {
    const rng = createRng(1);
    const theta = Float32Array.from({ length: 257 }, () => rng.next() * 2 - 1);
    const grad = Float32Array.from({ length: 257 }, () => rng.next() * 2 - 1);
    const a = createOptimizer('sgd');
    const b = createOptimizer('sgd');
    const t1 = theta.slice();
    const t2 = theta.slice();
    expect(a.stepIfFinite?.(t1, grad, 0.05)).toBe(true);
    b.step(t2, grad, 0.05);
    expect(Array.from(t1)).toEqual(Array.from(t2));
    expect(a.state()).toEqual(b.state());
  });

  test('refuses, untouched, a step that overflows float32; other optimizers decline', () => {
    const theta = Float32Array.from([1, 3e38]);
    const grad = Float32Array.from([1, -1]);
    const opt = createOptimizer('sgd');
    expect(opt.stepIfFinite?.(theta, grad, 1e38)).toBe(false);
    expect(Array.from(theta)).toEqual([1, Math.fround(3e38)]);
    expect(opt.state().t).toBe(0);
    expect(createOptimizer('momentum').stepIfFinite?.(Float32Array.from([1]), Float32Array.from([1]), 0.1)).toBe(false);
  });

  test('training through it equals training through the general path', () => {
    // Momentum 1e-300 takes the general path (copy θ, step, check) with the same arithmetic: v = 1e-300·v + g = g exactly.
    const net = trained('blocked', 'sgd');
    const slow = Network.create({
      inputs: 20,
      layers: [{ units: 16, activation: 'relu' }, { units: 8, activation: 'tanh' }],
      output: { units: 5, fn: 'softmax', loss: 'cross-entropy' },
      init: 'glorot-uniform',
      seed: 3,
      backend: 'blocked',
    });
    const { X, y } = data(96, 20, 5);
    slow.fit(X, Array.from(y), { epochs: 3, batchSize: 16, learningRate: 0.1, seed: 5, optimizer: { name: 'sgd', momentum: 1e-300 } });
    expect(Array.from(net.flat)).toEqual(Array.from(slow.flat));
  });
});

describe.each(['blocked', 'wasm-simd'] as const)('fit without shuffling copies whole batches (%s)', (backend) => {
  // Batches in order are copied as contiguous spans: the steps must be SGD on the gradient of exactly
  // rows [b·size, b·size + n) of the data, in that order, epoch after epoch (a short last batch included).
  test.each([[3, 7], [7, 7]] as const)('batches of %i over %i rows equal SGD on net.gradient of those rows', (size, N) => {
    const make = (): Network =>
      Network.create({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax', loss: 'cross-entropy' }, init: 'glorot-uniform', seed: 4, backend });
    const rng = createRng(9);
    const X = Matrix.zeros(N, 2, 'float32');
    for (let i = 0; i < X.data.length; i++) X.data[i] = rng.next() * 2 - 1;
    const y = Array.from({ length: N }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
    const net = make();
    net.fit(X, y, { epochs: 2, batchSize: size, learningRate: 0.3, shuffle: false });
    const oracle = make();
    const g = new Float32Array(oracle.flat.length);
    for (let epoch = 0; epoch < 2; epoch++) {
      for (let from = 0; from < N; from += size) {
        const to = Math.min(N, from + size);
        oracle.gradient(new Matrix(to - from, 2, X.data.slice(2 * from, 2 * to)), y.slice(from, to), g);
        for (let i = 0; i < g.length; i++) oracle.flat[i] = oracle.flat[i]! - 0.3 * g[i]!;
      }
    }
    expect(Array.from(net.flat)).toEqual(Array.from(oracle.flat));
  });
});
