import { describe, expect, test } from 'vitest';
import { createOptimizer } from './index.js';
import type { BackpropError, OptimizerConfig, OptimizerName } from './index.js';

// Worked example used throughout: θ = [1, −2], g = [0.5, −1], η = 0.1, float64.
const run = (config: OptimizerName | OptimizerConfig, grads: number[][], lr = 0.1): Float64Array => {
  const opt = createOptimizer(config);
  const theta = Float64Array.from([1, -2]);
  for (const g of grads) opt.step(theta, Float64Array.from(g), lr);
  return theta;
};
const g = [0.5, -1];
const close = (actual: Float64Array, expected: number[]): void => {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(v).toBeCloseTo(expected[i]!, 12);
  });
};

describe('optimizers against hand-computed updates', () => {
  test('sgd: θ − ηg = [1 − 0.05, −2 + 0.1]', () => close(run('sgd', [g]), [0.95, -1.9]));

  test('momentum: v₁ = g, v₂ = 0.9g + g = 1.9g; θ₂ = θ₁ − 0.1·1.9g = [0.855, −1.71]', () => {
    close(run('momentum', [g]), [0.95, -1.9]);
    close(run('momentum', [g, g]), [0.855, -1.71]);
  });

  test('nesterov: step uses g + μv; step 1: 1.9g → [0.905, −1.81]; step 2: g + 0.9·1.9g = 2.71g → [0.7695, −1.539]', () => {
    close(run('nesterov', [g]), [0.905, -1.81]);
    close(run('nesterov', [g, g]), [0.7695, -1.539]);
    close(run({ name: 'sgd', momentum: 0.9, nesterov: true }, [g, g]), [0.7695, -1.539]);
  });

  test('adagrad: G = [0.25, 1] then [0.5, 2]; θ₂ = [0.9 − 0.05/√0.5, −1.9 + 0.1/√2]', () => {
    const e = 1e-10;
    close(run('adagrad', [g]), [1 - (0.1 * 0.5) / (0.5 + e), -2 + 0.1 / (1 + e)]);
    close(run('adagrad', [g, g]), [1 - (0.1 * 0.5) / (0.5 + e) - (0.1 * 0.5) / (Math.sqrt(0.5) + e), -2 + 0.1 / (1 + e) + 0.1 / (Math.sqrt(2) + e)]);
    expect(0.1 * 0.5 / Math.sqrt(0.5)).toBeCloseTo(0.0707106781, 9);
  });

  test('rmsprop (ρ = 0.9): s = 0.1g² = [0.025, 0.1]; θ = [1 − 0.05/√0.025, −2 + 0.1/√0.1] = [0.683772…, −1.683772…]', () => {
    close(run('rmsprop', [g]), [1 - 0.05 / (Math.sqrt(0.025) + 1e-8), -2 + 0.1 / (Math.sqrt(0.1) + 1e-8)]);
    expect(run('rmsprop', [g])[0]).toBeCloseTo(0.683772234, 7); // ε = 1e−8 shifts the 8th digit
  });

  test('adam: step 1 moves η·sign(g); step 2 with g₂ = [−0.5, 0]: m = [−0.005, −0.09], v = [0.00049975, 0.000999], m̂ = m/0.19, v̂ = v/0.001999', () => {
    const e = 1e-8;
    const one = [1 - (0.1 * 0.5) / (0.5 + e), -2 + 0.1 / (1 + e)];
    close(run('adam', [g]), one);
    const m = [0.9 * 0.05 + 0.1 * -0.5, 0.9 * -0.1 + 0];
    const v = [0.999 * 0.00025 + 0.001 * 0.25, 0.999 * 0.001 + 0];
    const c1 = 1 - 0.9 ** 2;
    const c2 = 1 - 0.999 ** 2;
    expect(m[0]).toBeCloseTo(-0.005, 15);
    expect(v[0]).toBeCloseTo(0.00049975, 15);
    const two = one.map((t, i) => t - (0.1 * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + e));
    close(run('adam', [g, [-0.5, 0]]), two);
  });

  test('adamw: θ·(1 − ηλ) first (λ = 0.01 → ×0.999), then the Adam step', () => {
    const e = 1e-8;
    close(run('adamw', [g]), [0.999 - (0.1 * 0.5) / (0.5 + e), -1.998 + 0.1 / (1 + e)]);
  });
});

describe('optimizer state and hyperparameters', () => {
  test.each(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'] as const)('%s: state → JSON → restore continues bit-identically', (name) => {
    const a = createOptimizer(name);
    const theta = Float64Array.from([0.3, -0.7, 1.1]);
    const grads = [[0.2, -0.1, 0.05], [-0.3, 0.4, 0.1], [0.1, 0.1, -0.2]].map((x) => Float64Array.from(x));
    a.step(theta, grads[0]!, 0.05);
    const b = createOptimizer(name);
    b.restore(JSON.parse(JSON.stringify(a.state())));
    const copy = Float64Array.from(theta);
    for (const gr of grads.slice(1)) {
      a.step(theta, gr, 0.05);
      b.step(copy, gr, 0.05);
    }
    expect(Array.from(copy)).toEqual(Array.from(theta));
    expect(b.state()).toEqual(a.state());
  });

  test('hyperparameters change between steps without resetting the buffers', () => {
    const opt = createOptimizer('momentum');
    const theta = Float64Array.from([1, -2]);
    opt.step(theta, Float64Array.from(g), 0.1); // v = g
    opt.setHyperparameters({ momentum: 0.5 });
    opt.step(theta, Float64Array.from(g), 0.1); // v = 0.5g + g = 1.5g → θ = [0.95 − 0.075, −1.9 + 0.15]
    expect(theta[0]).toBeCloseTo(0.875, 12);
    expect(theta[1]).toBeCloseTo(-1.75, 12);
    expect(opt.hyperparameters).toEqual({ momentum: 0.5 });
  });

  test('plain sgd (μ = 0) keeps no velocity; a momentum set later starts from v = 0, as a fresh momentum optimizer', () => {
    const opt = createOptimizer('sgd');
    const theta = Float64Array.from([1, -2]);
    opt.step(theta, Float64Array.from(g), 0.1);
    expect(opt.stepIfFinite?.(theta, Float64Array.from(g), 0.1)).toBe(true);
    // An all-zero velocity per parameter was allocated (0.9 MB for the W1 network) and copied into every frozen training state.
    expect(opt.state().slots).toEqual({ velocity: [] });
    opt.setHyperparameters({ momentum: 0.9 });
    opt.step(theta, Float64Array.from(g), 0.1);
    opt.step(theta, Float64Array.from(g), 0.1);
    const fresh = Float64Array.from([1, -2]);
    const plain = createOptimizer('sgd');
    for (let i = 0; i < 2; i++) plain.step(fresh, Float64Array.from(g), 0.1);
    const momentum = createOptimizer({ name: 'momentum', momentum: 0.9 });
    for (let i = 0; i < 2; i++) momentum.step(fresh, Float64Array.from(g), 0.1);
    expect(Array.from(theta)).toEqual(Array.from(fresh));
    expect(opt.state().slots.velocity).toHaveLength(2);
  });

  test('a momentum switched on after steps has its v = 0 at once, so a state saved before the next step restores', () => {
    const opt = createOptimizer('sgd');
    opt.step(Float64Array.from([1, -2]), Float64Array.from(g), 0.1);
    opt.setHyperparameters({ momentum: 0.9 });
    expect(opt.state().slots.velocity).toEqual([0, 0]);
    expect(() => createOptimizer('sgd').restore(opt.state())).not.toThrow();
    const damaged = { ...opt.state(), slots: { velocity: [] } };
    expect(() => createOptimizer('sgd').restore(damaged)).toThrow(/state\.slots\.velocity: expected one number per parameter/);
  });

  test('bad options are rejected naming the field', () => {
    const err = (f: () => unknown): BackpropError => {
      try {
        f();
      } catch (e) {
        return e as BackpropError;
      }
      throw new Error('did not throw');
    };
    expect(err(() => createOptimizer({ name: 'adam', beta1: 1 })).argument).toBe('optimizer.beta1');
    expect(err(() => createOptimizer({ name: 'sgd', lr: 1 } as never)).argument).toBe('optimizer.lr');
    expect(err(() => createOptimizer({ name: 'rmsprop', epsilon: 0 })).argument).toBe('optimizer.epsilon');
    expect(err(() => createOptimizer('adamax' as never)).code).toBe('invalid_option');
    expect(err(() => createOptimizer({ name: 'momentum', nesterov: true } as never)).argument).toBe('optimizer.nesterov');
    expect(err(() => createOptimizer('adam').setHyperparameters({ momentum: 0.9 })).argument).toBe('hyperparameters.momentum');
    expect(err(() => createOptimizer('adam').restore({ ...createOptimizer('sgd').state() })).argument).toBe('state.name');
  });
});
