import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { BackpropError, Network } from '../index.js';
import type { FitOptions, NetworkSpec } from '../index.js';
import { blobs } from '../test-fixtures.js';

// Class and sample weights: L_w = (1/N) Σ_r w_r ℓ_r (Keras's normalisation; train/weights.ts says why).

const PYTHON = '/usr/bin/python3';
const torchAvailable = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

const { X, y } = blobs(9, 7, { point: (rng, c) => [rng.normal() + c, rng.normal() - 0.5 * c] });
const classWeight = [1, 3, 0.5];
const sampleWeight = [1, 2, 0.25, 1, 1, 0, 3, 1, 0.5];
const w = y.map((c, r) => classWeight[c]! * sampleWeight[r]!);

const SPECS: Record<string, NetworkSpec> = {
  'softmax + cross-entropy (fused)': { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 3, dtype: 'float64' },
  'softmax + squared error (generic pair)': { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax', loss: 'squared-error' }, seed: 3, dtype: 'float64' },
  'one logistic unit + binary cross-entropy': { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 1, fn: 'logistic' }, seed: 3, dtype: 'float64' },
};

/** One full-batch SGD step with η = 1 on a float64 copy: returns the batch loss and ∇θ = θ − θ′. */
function oneStep(spec: NetworkSpec, Y: number[], options: FitOptions): { loss: number; grad: number[]; theta: number[] } {
  const net = Network.create(spec);
  const theta = Array.from(net.flat);
  const steps = net.steps(X, Y, { epochs: 1, batchSize: X.length, learningRate: 1, shuffle: false, ...options });
  const first = steps.next().value;
  steps.return();
  if (first?.type !== 'batch') throw new Error('expected a batch event');
  return { loss: first.loss, grad: theta.map((t, i) => t - net.flat[i]!), theta };
}

describe('class and sample weights', () => {
  test.each(Object.keys(SPECS))('%s: the gradient of (1/N) Σ w_r ℓ_r matches central differences in float64', (name) => {
    const spec = SPECS[name]!;
    const Y = spec.output.units === 1 ? y.map((c) => (c === 1 ? 1 : 0)) : y;
    const cw = spec.output.units === 1 ? [1, 3] : classWeight;
    const wr = Y.map((c, r) => cw[c]! * sampleWeight[r]!);
    const { loss, grad, theta } = oneStep(spec, Y, { classWeight: cw, sampleWeight });
    const probe = Network.create(spec);
    const objective = (t: number[]): number => {
      probe.flat.set(t);
      return X.reduce((s, x, r) => s + wr[r]! * probe.loss([x], [Y[r]!]), 0) / X.length;
    };
    expect(loss).toBeCloseTo(objective(theta), 14);
    const h = 1e-6;
    theta.forEach((_, i) => {
      const plus = theta.slice();
      const minus = theta.slice();
      plus[i]! += h;
      minus[i]! -= h;
      const numeric = (objective(plus) - objective(minus)) / (2 * h);
      expect(Math.abs(grad[i]! - numeric)).toBeLessThan(1e-8 + 1e-6 * Math.abs(numeric));
    });
  });

  test('all weights 1 is the ordinary mean loss (to rounding)', () => {
    const spec = SPECS['softmax + cross-entropy (fused)']!;
    const plain = oneStep(spec, y, {});
    const ones = oneStep(spec, y, { sampleWeight: new Float64Array(9).fill(1) });
    expect(ones.loss).toBeCloseTo(plain.loss, 14);
    ones.grad.forEach((g, i) => {
      expect(g).toBeCloseTo(plain.grad[i]!, 14);
    });
  });

  test("'balanced' is scikit-learn's N / (K · n_c); class names key weights once the network knows them", () => {
    const skew = { X: X.slice(0, 7), y: [0, 0, 0, 0, 1, 1, 2] };
    const net = Network.create(SPECS['softmax + cross-entropy (fused)']!);
    net.fit(skew.X, skew.y, { epochs: 1, classWeight: 'balanced' });
    expect(net.checkpoint().training?.classWeight).toEqual([7 / 12, 7 / 6, 7 / 3]);
    const named = Network.create(SPECS['softmax + cross-entropy (fused)']!);
    const dataset = { task: 'classification', name: 'toy', X: skew.X, y: Int32Array.from(skew.y), classes: 3, classNames: ['a', 'b', 'c'], featureNames: ['x1', 'x2'] };
    named.fit(dataset as never, { epochs: 1, classWeight: { c: 4 } });
    expect(named.checkpoint().training?.classWeight).toEqual([1, 1, 4]);
  });

  test('saved with the checkpoint and kept by a continuing fit; a change is recorded', () => {
    const spec = SPECS['softmax + cross-entropy (fused)']!;
    const straight = Network.create(spec);
    straight.fit(X, y, { epochs: 6, batchSize: 4, classWeight, seed: 1 });
    const first = Network.create(spec);
    first.fit(X, y, { epochs: 3, batchSize: 4, classWeight, seed: 1 });
    const loaded = Network.fromJSON(JSON.stringify(first.checkpoint()));
    const rest = loaded.fit(X, y, { epochs: 3 });
    expect(Array.from(loaded.flat)).toEqual(Array.from(straight.flat));
    expect(rest.history.changes).toEqual([]);
    const changed = loaded.fit(X, y, { epochs: 1, classWeight: [1, 1, 1] });
    expect(changed.history.changes).toMatchObject([{ option: 'classWeight', from: '[1,3,0.5]', to: '[1,1,1]' }]);
  });

  test.each([
    [{ classWeight: [1, 2] }, 'options.classWeight'],
    [{ classWeight: [1, -2, 1] }, 'options.classWeight[1]'],
    [{ classWeight: { zebra: 2 } }, 'options.classWeight.zebra'],
    [{ sampleWeight: [1, 2] }, 'options.sampleWeight'],
    [{ sampleWeight: new Array(9).fill(Number.NaN) }, 'options.sampleWeight[0]'],
    [{ sampleWeight: new Array(9).fill(1), validationSplit: 0.3 }, 'options.sampleWeight'],
  ] as const)('bad weights are typed errors naming the option: %j', (options, argument) => {
    let error: unknown;
    try {
      Network.create(SPECS['softmax + cross-entropy (fused)']!).fit(X, y, { epochs: 1, ...(options as FitOptions) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect((error as BackpropError).argument).toBe(argument);
  });

  test.skipIf(!torchAvailable)(`one weighted full-batch step equals PyTorch's (${PYTHON}, float64, the same normalisation)`, () => {
    const spec = SPECS['softmax + cross-entropy (fused)']!;
    const lr = 0.3;
    const net = Network.create(spec);
    const params = Object.fromEntries(net.parameters().map((p) => [p.name, { shape: p.shape, values: Array.from(p.values) }]));
    const steps = net.steps(X, y, { epochs: 1, batchSize: X.length, learningRate: lr, shuffle: false, classWeight, sampleWeight });
    const event = steps.next().value;
    steps.return();
    const script = `
import json, sys, torch
d = json.load(sys.stdin)
t = lambda k: torch.tensor(d['params'][k]['values'], dtype=torch.float64).reshape(d['params'][k]['shape']).requires_grad_()
W1, b1, W2, b2 = t('W1'), t('b1'), t('W2'), t('b2')
X = torch.tensor(d['X'], dtype=torch.float64)
y = torch.tensor(d['y'])
cw = torch.tensor(d['classWeight'], dtype=torch.float64)
sw = torch.tensor(d['sampleWeight'], dtype=torch.float64)
a2 = torch.tanh(X @ W1.T + b1.T) @ W2.T + b2.T
per_row = torch.nn.functional.cross_entropy(a2, y, reduction='none')
loss = (cw[y] * sw * per_row).sum() / X.shape[0]     # Keras's normalisation: sum of w_r * l_r over N
loss.backward()
with torch.no_grad():
    out = {k: (p - d['lr'] * p.grad).reshape(-1).tolist() for k, p in [('W1', W1), ('b1', b1), ('W2', W2), ('b2', b2)]}
print(json.dumps({'loss': loss.item(), 'params': out}))
`;
    const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify({ params, X, y, classWeight, sampleWeight, lr }), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const torch = JSON.parse(run.stdout) as { loss: number; params: Record<string, number[]> };
    let maxDiff = 0;
    for (const p of net.parameters()) for (let i = 0; i < p.values.length; i++) maxDiff = Math.max(maxDiff, Math.abs(p.values[i]! - torch.params[p.name]![i]!));
    const lossDiff = Math.abs((event?.type === 'batch' ? event.loss : Number.NaN) - torch.loss);
    console.log(`weighted step vs PyTorch ${PYTHON} (float64): max |Δθ| = ${maxDiff.toExponential(2)}, |Δloss| = ${lossDiff.toExponential(2)}`);
    expect(lossDiff).toBeLessThan(1e-14);
    expect(maxDiff).toBeLessThan(1e-14);
    expect(w.reduce((a, b) => a + b, 0)).not.toBe(X.length); // the two normalisations differ on this data
  });
});

describe('weights summing to 0 are refused (training would change nothing)', () => {
  const net = () => Network.create({ inputs: 2, output: { units: 3, fn: 'softmax' }, seed: 1 });
  const caughtError = (options: FitOptions): BackpropError => {
    try {
      net().fit(X, y, { epochs: 1, ...options });
    } catch (e) {
      if (e instanceof BackpropError) return e;
    }
    throw new Error('expected a BackpropError');
  };
  test('all-zero sampleWeight', () => {
    const e = caughtError({ sampleWeight: new Array(X.length).fill(0) });
    expect(e).toMatchObject({ code: 'invalid_option', argument: 'options.sampleWeight', actual: '9 weights, sum 0' });
    expect(e.message).toMatch(/weights summing to more than 0/);
  });
  test('all-zero classWeight, or class weights zero on every weighted row', () => {
    expect(caughtError({ classWeight: [0, 0, 0] })).toMatchObject({ argument: 'options.classWeight', actual: '[0,0,0]' });
    const onlyClass0 = y.map((c) => (c === 0 ? 1 : 0));
    expect(caughtError({ classWeight: [0, 1, 1], sampleWeight: onlyClass0 }).actual).toBe('[0,1,1] with these sample weights');
    expect(net().fit(X, y, { epochs: 1, classWeight: [0, 1, 1] }).epochs).toBe(1); // some rows still count
  });
});
