import { expect, test } from 'vitest';
import { Network } from './network.js';
import { createRng } from './random.js';

const accuracy = (predicted: Int32Array, labels: ArrayLike<number>) => predicted.filter((p, i) => p === labels[i]).length / predicted.length;

test('XOR reaches 100 % accuracy', () => {
  const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const y = [0, 1, 1, 0];
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 3 });
  const result = net.fit(X, y, { epochs: 400, batchSize: 4, learningRate: 0.5 });
  expect(accuracy(net.classify(X), y)).toBe(1);
  expect(result.history.loss.at(-1)!).toBeLessThan(0.05);
  expect(result.stopReason).toBe('epochs');
});

test('a two-class spiral reaches ≥ 95 % training accuracy', () => {
  // Two interleaved arms as in TensorFlow Playground: r = 5i/n, θ = 1.75·2π·i/n (+π for class 1).
  const rng = createRng(12345);
  const X: number[][] = [];
  const y: number[] = [];
  const n = 150;
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < n; i++) {
      const r = (5 * i) / n;
      const t = (1.75 * 2 * Math.PI * i) / n + c * Math.PI;
      X.push([r * Math.sin(t) + (rng.next() - 0.5) * 0.2, r * Math.cos(t) + (rng.next() - 0.5) * 0.2]);
      y.push(c);
    }
  }
  const net = Network.create({ inputs: 2, layers: [{ units: 16, activation: 'tanh' }, { units: 16, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
  net.fit(X, y, { epochs: 1000, batchSize: 10, learningRate: 0.2, seed: 2 });
  expect(accuracy(net.classify(X), y)).toBeGreaterThanOrEqual(0.95);
});

test('full-batch gradient descent with a small η lowers the loss at every iteration (SPEC §4)', () => {
  const rng = createRng(9);
  const X = Array.from({ length: 40 }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const Y = X.map(([a, b, c]) => [Math.sin(a!) + b! * c!]);
  const net = Network.create({ inputs: 3, layers: [{ units: 8, activation: 'logistic' }], output: { units: 1, fn: 'linear' }, seed: 4, dtype: 'float64' });
  const losses: number[] = [net.loss(X, Y)];
  for (let t = 0; t < 100; t++) {
    net.fit(X, Y, { epochs: 1, batchSize: X.length, learningRate: 0.01 });
    losses.push(net.loss(X, Y));
  }
  for (let t = 1; t < losses.length; t++) expect(losses[t]!).toBeLessThan(losses[t - 1]!);
});

test('maxIterations stops training after that many steps, as in the notes', () => {
  const net = Network.create({ inputs: 1, output: { units: 1, fn: 'linear' }, seed: 1 });
  const result = net.fit([[1], [2], [3], [4]], [[2], [4], [6], [8]], { epochs: 100, batchSize: 1, maxIterations: 10, learningRate: 0.01 });
  expect(result.iterations).toBe(10);
  expect(result.stopReason).toBe('max-iterations');
});

test('same seed, same training run to the last bit; another shuffle seed gives another run', () => {
  const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [0.2, 0.9]];
  const y = [0, 1, 1, 0, 1, 0];
  const run = (seed: number) => {
    const net = Network.create({ inputs: 2, layers: [{ units: 5, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, seed: 8 });
    return { losses: net.fit(X, y, { epochs: 20, batchSize: 2, learningRate: 0.2, seed }).history.loss, flat: Array.from(net.flat) };
  };
  expect(run(1)).toEqual(run(1));
  expect(run(1).flat).not.toEqual(run(2).flat);
});
