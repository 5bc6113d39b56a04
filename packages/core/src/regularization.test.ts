import { describe, expect, test } from 'vitest';
import { Network, createRng } from './index.js';
import type { Regularization } from './index.js';
import { clipByNorm, clipByValue, penaltyValue } from './regularization.js';

const net = () => Network.create({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 8, dtype: 'float64' });
const rng = createRng(1);
const X = Array.from({ length: 6 }, () => [rng.normal(), rng.normal(), rng.normal()]);
const y = [0, 1, 1, 0, 1, 0];

describe('L1 / L2 regularization', () => {
  test('Ω = λ₁Σ|W| + λ₂ΣW² over weights only, per layer overrides', () => {
    expect(penaltyValue([Float64Array.from([1, -2]), Float64Array.from([3])], { l1: [0.1, 0], l2: [0.01, 0.5] })).toBeCloseTo(0.1 * 3 + 0.01 * 5 + 0.5 * 9, 14);
    const n = net();
    const plain = n.loss(X, y);
    const W1 = n.parameters()[0]!.values;
    const sumSq = Array.from(W1).reduce((s, w) => s + w * w, 0);
    expect(n.loss(X, y, { l2: 0.1, layers: [{}, { l2: 0 }] })).toBeCloseTo(plain + 0.1 * sumSq, 14);
  });

  // gradcheck is not built yet (packages/gradcheck/src is empty): a central-difference check inline.
  test.each<Regularization>([{ l2: 0.05 }, { l1: 0.02 }, { l1: 0.01, l2: 0.03, layers: [{ l2: 0.2 }] }])(
    'the regularized gradient matches central differences: %j',
    (reg) => {
      const n = net();
      const grads = n.backward(n.forward(X), y, reg).flat;
      const eps = 1e-6;
      for (let i = 0; i < n.flat.length; i++) {
        const t = n.flat[i]!;
        n.flat[i] = t + eps;
        const up = n.loss(X, y, reg);
        n.flat[i] = t - eps;
        const down = n.loss(X, y, reg);
        n.flat[i] = t;
        const numeric = (up - down) / (2 * eps);
        expect(Math.abs(grads[i]! - numeric)).toBeLessThanOrEqual(1e-7 + 1e-5 * Math.abs(numeric));
      }
    },
  );

  test('fit includes the penalty: L2 shrinks the weights', () => {
    const a = net();
    const b = net();
    a.fit(X, y, { epochs: 200, batchSize: 6, learningRate: 0.1 });
    b.fit(X, y, { epochs: 200, batchSize: 6, learningRate: 0.1, regularization: { l2: 0.05 } });
    const norm = (n: Network) => Math.hypot(...n.parameters()[0]!.values);
    expect(norm(b)).toBeLessThan(norm(a));
  });
});

describe('gradient clipping', () => {
  test('by value clamps each entry; by norm rescales to the bound', () => {
    const g = Float64Array.from([3, -4, 0.5]);
    clipByValue(g, 1);
    expect(Array.from(g)).toEqual([1, -1, 0.5]);
    const h = Float64Array.from([3, -4]);
    clipByNorm(h, 1, 5);
    expect(h[0]).toBeCloseTo(0.6, 15);
    expect(h[1]).toBeCloseTo(-0.8, 15);
    const k = Float64Array.from([0.3, 0.4]);
    clipByNorm(k, 1, 0.5);
    expect(Array.from(k)).toEqual([0.3, 0.4]);
  });

  test('with sgd, clipNorm bounds each step: ‖Δθ‖ ≤ η·clipNorm, and clipValue bounds each entry', () => {
    const X2 = [[1, 2], [2, 1], [3, 3], [0, 1]];
    const Y2 = [[10], [20], [30], [5]];
    const make = () => Network.create({ inputs: 2, layers: [{ units: 8, activation: 'relu' }], output: { units: 1, fn: 'linear' }, seed: 1, dtype: 'float64' });
    for (const [clip, bound] of [[{ clipNorm: 0.5 }, (d: number[]) => Math.hypot(...d)], [{ clipValue: 0.01 }, (d: number[]) => Math.max(...d.map(Math.abs))]] as const) {
      const net = make();
      const steps = net.steps(X2, Y2, { epochs: 1, batchSize: 4, learningRate: 0.1, ...clip });
      const before = Array.from(net.flat);
      const event = steps.next().value;
      expect(event.type === 'batch' && event.gradNorm).toBeGreaterThan(1); // the raw gradient was larger
      const delta = Array.from(net.flat, (v, i) => v - before[i]!);
      expect(bound(delta)).toBeLessThanOrEqual(0.1 * (clip.clipNorm ?? clip.clipValue!) * (1 + 1e-12));
    }
  });
});
