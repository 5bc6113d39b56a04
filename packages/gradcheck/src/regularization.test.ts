// Issue 3: regularised networks pass gradcheck. The objective is the core's public one,
// J(θ) = net.loss(X, Y, reg) = mean loss + Σ_k λ₁_k·Σ|W_k| + λ₂_k·Σ W_k², and its analytic gradient
// is net.backward(trace, Y, reg). `gradcheck` differentiates the unregularised loss, so each
// parameter tensor is checked here with `checkFunction` on J restricted to that tensor.
import { type Matrix, type Network, type Regularization, type Targets, createRng } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { type Architecture, randomBatch, randomNetwork, randomTargets, restrictToDomain } from './fixtures.js';
import { checkFunction } from './function.js';
import type { GradcheckReport } from './report.js';

/** ∂J/∂θ in the order of net.flat, for a candidate implementation of the penalty's gradient. */
type GradientOf = (net: Network, X: Matrix, Y: Targets, reg: Regularization) => ArrayLike<number>;

const coreGradient: GradientOf = (net, X, Y, reg) => net.backward(net.forward(X), Y, reg).flat;

/** Every W_k and b_k checked in full against central differences of J: one report per tensor. */
function checkRegularized(net: Network, X: Matrix, Y: Targets, reg: Regularization, gradientOf: GradientOf): GradcheckReport[] {
  const grad = gradientOf(net, X, Y, reg);
  return net.parameters().map((p) => {
    const offset = (p.values.byteOffset - net.flat.byteOffset) / p.values.BYTES_PER_ELEMENT;
    const at = Float64Array.from(p.values);
    const J = (x: Float64Array): number => {
      p.values.set(x);
      const value = net.loss(X, Y, reg);
      p.values.set(at);
      return value;
    };
    // Smooth activations and ε = 1e-6 in float64: truncation ~ε², rounding ~1e-16/ε, far below 1e-7.
    return checkFunction(J, () => Array.from(p.values, (_, i) => grad[offset + i]!), at, { mode: 'full', atol: 1e-8, rtol: 1e-7, name: p.name });
  });
}

/** Moves every weight at least `gap` away from 0, where |w| has its kink (ε ≪ gap, so no difference straddles it). */
function awayFromZero(net: Network, gap = 1e-3): void {
  for (const p of net.parameters()) {
    if (p.kind !== 'W') continue;
    for (let i = 0; i < p.values.length; i++) if (Math.abs(p.values[i]!) < gap) p.values[i] = p.values[i]! < 0 ? -gap : gap;
  }
}

const ARCHITECTURES: readonly Architecture[] = [
  { inputs: 3, hidden: [{ units: 5, activation: 'tanh' }], outputs: 3, output: 'softmax', loss: 'cross-entropy' },
  { inputs: 2, hidden: [{ units: 4, activation: 'logistic' }, { units: 3, activation: 'softplus' }], outputs: 1, output: 'logistic', loss: 'binary-cross-entropy' },
  { inputs: 4, hidden: [{ units: 6, activation: 'elu' }], outputs: 2, output: 'linear', loss: 'squared-error' },
  { inputs: 3, hidden: [], outputs: 2, output: 'softmax', loss: 'cross-entropy' },
];

/** A seeded random float64 problem of one architecture. */
function problem(arch: Architecture, seed: number): { net: Network; X: Matrix; Y: Targets } {
  const rng = createRng(seed);
  const net = randomNetwork(arch, rng, 'float64');
  const X = randomBatch(6, arch.inputs, rng);
  restrictToDomain(net, X, arch);
  awayFromZero(net);
  return { net, X, Y: randomTargets(6, arch, rng) };
}

const PENALTIES: readonly [string, Regularization][] = [
  ['L2', { l2: 0.3 }],
  ['L1', { l1: 0.2 }],
  ['L1 + L2', { l1: 0.05, l2: 0.1 }],
  ['per layer', { l1: 0.1, l2: 0.2, layers: [{ l2: 0 }, { l1: 0, l2: 0.5 }] }],
];

describe('the regularised objective passes gradcheck in float64', () => {
  test.each(PENALTIES)('%s on random small networks', (_, reg) => {
    ARCHITECTURES.forEach((arch, a) => {
      for (let seed = 0; seed < 3; seed++) {
        const { net, X, Y } = problem(arch, 100 * a + seed);
        // Per-layer strengths for at most as many layers as this network has.
        const r = { ...reg, ...(reg.layers && { layers: reg.layers.slice(0, net.spec.layers.length) }) };
        const reports = checkRegularized(net, X, Y, r, coreGradient);
        const names = net.parameters().map((p) => p.name);
        expect(reports.map((r) => [r.tensors[0]!.name, r.tensors[0]!.status])).toEqual(names.map((n) => [n, 'pass']));
      }
    });
  });

  test('the penalty is really in both: the regularised and plain objectives differ in value and in ∇W', () => {
    const { net, X, Y } = problem(ARCHITECTURES[0]!, 7);
    const reg = { l1: 0.2, l2: 0.3 };
    expect(net.loss(X, Y, reg)).toBeGreaterThan(net.loss(X, Y) + 0.1);
    const plain = coreGradient(net, X, Y, {});
    const withPenalty = coreGradient(net, X, Y, reg);
    const W1 = net.parameters().find((p) => p.name === 'W1')!;
    const i = 0;
    expect(withPenalty[i]! - plain[i]!).toBeCloseTo(0.2 * Math.sign(W1.values[i]!) + 2 * 0.3 * W1.values[i]!, 12);
  });
});

describe('a wrong penalty gradient fails', () => {
  /** The unregularised backward pass plus a hand-written penalty gradient g(λ₁, λ₂, w) on every W entry. */
  const withPenaltyGradient =
    (g: (l1: number, l2: number, w: number) => number): GradientOf =>
    (net, X, Y, reg) => {
      const out = Float64Array.from(net.backward(net.forward(X), Y).flat);
      for (const p of net.parameters()) {
        if (p.kind !== 'W') continue;
        const offset = (p.values.byteOffset - net.flat.byteOffset) / p.values.BYTES_PER_ELEMENT;
        for (let i = 0; i < p.values.length; i++) out[offset + i]! += g(reg.l1 ?? 0, reg.l2 ?? 0, p.values[i]!);
      }
      return out;
    };

  const failing = (reg: Regularization, gradientOf: GradientOf): string[] => {
    const { net, X, Y } = problem(ARCHITECTURES[0]!, 11);
    return checkRegularized(net, X, Y, reg, gradientOf)
      .filter((r) => !r.ok)
      .map((r) => r.tensors[0]!.name);
  };

  test('the hand-written correct one passes (the harness itself is sound)', () => {
    expect(failing({ l1: 0.2, l2: 0.3 }, withPenaltyGradient((l1, l2, w) => l1 * Math.sign(w) + 2 * l2 * w))).toEqual([]);
  });

  test('L2 without the factor 2 fails on every W and no b', () => {
    expect(failing({ l2: 0.3 }, withPenaltyGradient((_, l2, w) => l2 * w))).toEqual(['W1', 'W2']);
  });

  test('L1 with the sign flipped fails', () => {
    expect(failing({ l1: 0.2 }, withPenaltyGradient((l1, _, w) => -l1 * Math.sign(w)))).toEqual(['W1', 'W2']);
  });

  test('a gradient that forgets the penalty fails', () => {
    expect(failing({ l1: 0.05, l2: 0.1 }, (net, X, Y) => net.backward(net.forward(X), Y).flat)).toEqual(['W1', 'W2']);
  });

  test('a penalty applied to the biases too fails on the biases only', () => {
    const onBiases: GradientOf = (net, X, Y, reg) => {
      const out = Float64Array.from(coreGradient(net, X, Y, reg));
      for (const p of net.parameters()) {
        if (p.kind !== 'b') continue;
        const offset = (p.values.byteOffset - net.flat.byteOffset) / p.values.BYTES_PER_ELEMENT;
        for (let i = 0; i < p.values.length; i++) out[offset + i]! += 2 * (reg.l2 ?? 0) * p.values[i]!;
      }
      return out;
    };
    expect(failing({ l2: 0.3 }, onBiases)).toEqual(['b1', 'b2']);
  });
});
