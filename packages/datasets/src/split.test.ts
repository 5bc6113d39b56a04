import { BackpropError, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { parseCSV } from './csv.js';
import { plane } from './regression.js';
import { trainTestSplit } from './split.js';
import { spiral, spiral3, xor } from './toy.js';

const counts = (y: Int32Array, k: number): number[] => {
  const c = new Array<number>(k).fill(0);
  for (const v of y) c[v]!++;
  return c;
};

describe('trainTestSplit', () => {
  test('seeded, stratified by default, halves of the same kind with every field', () => {
    const data = spiral3({ samples: 300, seed: 2 });
    const { train, test } = trainTestSplit(data, { test: 0.2, seed: 5 });
    expect([train.X.rows, test.X.rows]).toEqual([240, 60]);
    expect(counts(test.y, 3)).toEqual([20, 20, 20]);
    expect([train.task, train.classNames, train.name, test.name]).toEqual(['classification', data.classNames, 'spiral3-train', 'spiral3-test']);
    const again = trainTestSplit(data, { test: 0.2, seed: 5 });
    expect(Array.from(again.test.X.data)).toEqual(Array.from(test.X.data));
    expect(Array.from(trainTestSplit(data, { test: 0.2, seed: 6 }).test.X.data)).not.toEqual(Array.from(test.X.data));
    // Every row lands in exactly one half, with its own label.
    const key = (d: typeof train, r: number) => `${d.X.get(r, 0)},${d.X.get(r, 1)},${d.y[r]}`;
    const all = new Set(Array.from({ length: 300 }, (_, r) => key(data, r)));
    const got = [...Array.from({ length: 240 }, (_, r) => key(train, r)), ...Array.from({ length: 60 }, (_, r) => key(test, r))];
    expect(new Set(got)).toEqual(all);
  });

  test('stratification keeps a rare class in the test set', () => {
    const text = ['a,b,label', ...Array.from({ length: 40 }, (_, i) => `${i},${i % 7},${i % 10 === 0 ? 'rare' : 'common'}`)].join('\n');
    const data = parseCSV(text);
    if (data.task !== 'classification') throw new Error('classification expected');
    const { test } = trainTestSplit(data, { test: 0.25, seed: 1 });
    expect(counts(test.y, 2)).toEqual([9, 1]); // common: 36 → 9, rare: 4 → 1
  });

  test('regression sets split too (no stratification); a row count works as the size', () => {
    const { train, test } = trainTestSplit(plane({ samples: 50 }), { test: 10, seed: 3 });
    expect([train.task, train.X.rows, test.X.rows, test.Y.rows]).toEqual(['regression', 40, 10, 10]);
    expect(() => trainTestSplit(plane(), { stratify: true })).toThrow(/stratify/);
  });

  test('a whole number of test rows gives exactly that many (scikit-learn), stratified by largest remainder', () => {
    const big = spiral({ samples: 400, seed: 2 });
    expect(trainTestSplit(big, { test: 2 }).test.X.rows).toBe(2);
    expect(trainTestSplit(big, { test: 1, stratify: false }).test.X.rows).toBe(1);
    const small = spiral({ samples: 40, seed: 2 });
    for (const n of [2, 3, 5, 7, 38]) {
      const { train, test } = trainTestSplit(small, { test: n, seed: 4 });
      expect([train.X.rows, test.X.rows]).toEqual([40 - n, n]);
    }
    expect(counts(trainTestSplit(small, { test: 3, seed: 4 }).test.y, 2).sort()).toEqual([1, 2]);
    // 3 classes of 100 rows each: 10 test rows are 4 + 3 + 3 (largest remainder), never 3 + 3 + 3.
    expect(counts(trainTestSplit(spiral3({ samples: 300, seed: 2 }), { test: 10, seed: 1 }).test.y, 3).sort()).toEqual([3, 3, 4]);
    // Fewer test rows than classes cannot be stratified (scikit-learn refuses too).
    let error: unknown;
    try {
      trainTestSplit(big, { test: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect((error as BackpropError).message).toMatch(/^test: expected at least 2 test rows \(one per class when stratified\).*got 1/);
    expect(() => trainTestSplit(big, { test: 399 })).toThrow(/train rows/);
  });

  test.each([
    [{ test: 0 }, 'test'],
    [{ test: 1.5 }, 'test'],
    [{ test: -1 }, 'test'],
    [{ test: 400 }, 'test'],
    [{ test: 0.001 }, 'test'],
    [{ seed: 1.5 }, 'seed'],
    [{ seed: -1 }, 'seed'],
    [{ seed: 2 ** 32 }, 'seed'],
    [{ tset: 0.2 }, 'options.tset'],
  ])('bad options are typed errors: %j', (options, argument) => {
    let error: unknown;
    try {
      trainTestSplit(xor({ samples: 100 }), options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect((error as BackpropError).argument).toBe(argument);
  });
});

describe('one Dataset everywhere: what this package returns goes straight into the core', () => {
  test('fit(dataset), validationData: dataset, evaluate(dataset), train and steps', async () => {
    const { train, test } = trainTestSplit(spiral({ samples: 200, seed: 1 }), { test: 0.25, seed: 1 });
    const net = Network.create({ inputs: 2, layers: [{ units: 12, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
    const r = net.fit(train, { epochs: 3, validationData: test, learningRate: 0.1 });
    expect(r.history.valLoss).toHaveLength(3);
    expect(net.evaluate(test).classification?.perClass).toHaveLength(2);
    // The dataset's class names become the network's labels (scikit-learn's classes_).
    expect(net.preprocessing?.labels).toEqual(train.classNames);
    const steps = net.steps(train, { epochs: 1 });
    for (const _ of steps);
    expect(steps.result?.epochs).toBe(4);
    const session = net.train(train, { epochs: 1 });
    expect((await session.result).epochs).toBe(5);
  });

  test('a binary set with one logistic output, and a regression set', () => {
    const binary = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 1, fn: 'logistic' } });
    expect(binary.fit(xor({ samples: 40 }), { epochs: 2 }).history.accuracy).toHaveLength(2);
    const reg = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 1, fn: 'linear' } });
    const data = plane({ samples: 40 });
    reg.fit(data, { epochs: 2 });
    expect(reg.evaluate(data).regression?.mse).toBeGreaterThanOrEqual(0);
  });

  test('class names that disagree with the network’s labels are refused', () => {
    const net = Network.create({ inputs: 2, output: { units: 2, fn: 'softmax' } });
    net.setPreprocessing({ labels: ['yes', 'no'] });
    expect(() => net.fit(spiral({ samples: 20 }), { epochs: 1 })).toThrow(/data\.classNames/);
  });
});
