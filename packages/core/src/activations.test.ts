import { describe, expect, test } from 'vitest';
import { LEAKY_RELU_ALPHA, activationNames, activations, sigmoid } from './activations.js';

describe('activations (SPEC §1, table 1)', () => {
  test('g at hand-computed points', () => {
    expect(activations.logistic.g(0)).toBe(0.5);
    expect(activations.logistic.g(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(activations.tanh.g(1)).toBeCloseTo(0.7615941559557649, 15);
    expect([-2, 0, 3].map(activations.relu.g)).toEqual([0, 0, 3]);
    expect(activations['leaky-relu'].g(-2)).toBeCloseTo(-0.02, 15);
    expect(activations.linear.g(-1.5)).toBe(-1.5);
    expect(activations.softplus.g(0)).toBeCloseTo(Math.LN2, 15);
    expect(activations.elu.g(-1)).toBeCloseTo(Math.exp(-1) - 1, 15);
  });

  test("the notes' identities: σ′ = σ(1 − σ) and tanh′ = 1 − tanh²", () => {
    for (const z of [-5, -1.3, 0, 0.7, 4]) {
      const s = sigmoid(z);
      expect(activations.logistic.gPrime(z)).toBeCloseTo(s * (1 - s), 15);
      expect(activations.tanh.gPrime(z)).toBeCloseTo(1 - Math.tanh(z) ** 2, 15);
    }
    expect(activations.logistic.gPrime(0)).toBe(0.25);
    expect(activations.tanh.gPrime(0)).toBe(1);
  });

  test('rectifier derivatives are pinned at the kink: relu′(0) = 0, leaky-relu′(0) = α (SPEC §1)', () => {
    expect([-1, 0, 1].map(activations.relu.gPrime)).toEqual([0, 0, 1]);
    expect([-1, 0, 1].map(activations['leaky-relu'].gPrime)).toEqual([LEAKY_RELU_ALPHA, LEAKY_RELU_ALPHA, 1]);
    expect(activations.relu.kinks).toEqual([0]);
    expect(activations.tanh.kinks).toEqual([]);
  });

  test('the logistic never overflows and stays in [0, 1]', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(-745)).toBeGreaterThanOrEqual(0);
    for (const z of [-1e308, -50, 50, 1e308]) expect(Number.isFinite(sigmoid(z))).toBe(true);
  });

  test('every g′ matches a central difference away from kinks', () => {
    for (const name of activationNames) {
      const { g, gPrime } = activations[name];
      for (const z of [-2.3, -0.4, 0.3, 1.7]) {
        const numeric = (g(z + 1e-6) - g(z - 1e-6)) / 2e-6;
        expect(gPrime(z), `${name} at ${z}`).toBeCloseTo(numeric, 8);
      }
    }
  });
});
