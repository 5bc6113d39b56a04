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
