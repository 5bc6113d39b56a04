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

describe('GELU and SiLU match PyTorch 1.13 (nn.GELU() exact erf form, nn.SiLU) in float64', () => {
  // torch.nn.functional.gelu / silu on these float64 points (printed by /usr/bin/python3 with torch 1.13.1).
  const Z = [-8, -3.5, -1, -0.1, 0, 0.3, 1, 2.5, 6];
  const GELU = [-4.884981308350689e-15, -0.0008142017766243903, -0.15865525393145702, -0.0460172162722971, 0, 0.1853734266566858, 0.841344746068543, 2.4844758366855597, 5.999999994080474];
  const SILU = [-0.002682801043731825, -0.10259280762974712, -0.2689414213699951, -0.047502081252106004, 0, 0.1723327550434977, 0.7310585786300049, 2.3103545499468914, 5.985164261060192];
  test.each(Z.map((z, i) => [z, GELU[i]!, SILU[i]!]))('z = %d', (z, gelu, silu) => {
    // PyTorch computes ½z(1 + erf(z/√2)), which cancels in the left tail (absolute error ~1e-16 there):
    // agreement within 1e-14 relative or 2e-16 absolute.
    expect(Math.abs(activations.gelu.g(z) - gelu)).toBeLessThanOrEqual(Math.max(1e-14 * Math.abs(gelu), 2e-16));
    expect(Math.abs(activations.silu.g(z) - silu)).toBeLessThanOrEqual(1e-14 * Math.abs(silu));
  });
  test('in the left tail GELU keeps its relative accuracy (z·erfc(−z·√½)/2 by the C library, via CPython, same rounded argument)', () => {
    expect(Math.abs(activations.gelu.g(-8) / -4.976768459417405e-15 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(activations.gelu.g(-3.5) / -0.0008142017766243376 - 1)).toBeLessThan(1e-14);
  });
  test("g′(0) = ½ for both, and both are smooth (no kinks), He-initialised", () => {
    expect(activations.gelu.gPrime(0)).toBe(0.5);
    expect(activations.silu.gPrime(0)).toBe(0.5);
    expect([activations.gelu.kinks, activations.silu.kinks]).toEqual([[], []]);
    expect([activations.gelu.init, activations.silu.init]).toEqual(['he', 'he']);
  });
});
