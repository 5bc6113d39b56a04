import type { ActivationName } from '@backprop/core';
import type { LessonNet } from '../lesson-net.js';
import { col, grad, live, num, plain } from '../tex.js';
import type { Exercise, Quantity } from '../types.js';
import { quantityValue } from '../quantity.js';

// Pieces several lessons share: names of g, the output/loss pair's formulas, and building an exercise
// whose answer is always read from the core's numbers.

/** g as TeX, with its derivative (CS7015 Module 4.9 and SPEC table 1). */
export const G: Readonly<Record<ActivationName, { readonly g: string; readonly gPrime: string }>> = {
  logistic: { g: '\\sigma(z) = \\frac{1}{1 + e^{-z}}', gPrime: "g'(z) = g(z)\\,(1 - g(z))" },
  tanh: { g: '\\tanh z', gPrime: "g'(z) = 1 - g(z)^2" },
  relu: { g: '\\max(0, z)', gPrime: "g'(z) = 1 \\text{ if } z > 0 \\text{ else } 0" },
  'leaky-relu': { g: 'z \\text{ if } z > 0 \\text{ else } 0.01z', gPrime: "g'(z) = 1 \\text{ if } z > 0 \\text{ else } 0.01" },
  linear: { g: 'z', gPrime: "g'(z) = 1" },
  softplus: { g: '\\log(1 + e^{z})', gPrime: "g'(z) = \\sigma(z)" },
  elu: { g: 'z \\text{ if } z > 0 \\text{ else } e^{z} - 1', gPrime: "g'(z) = 1 \\text{ if } z > 0 \\text{ else } e^{z}" },
  gelu: { g: 'z\\,\\Phi(z) = \\tfrac{z}{2}\\left(1 + \\operatorname{erf}(z/\\sqrt{2})\\right)', gPrime: "g'(z) = \\Phi(z) + z\\,\\varphi(z)" },
  silu: { g: 'z\\,\\sigma(z)', gPrime: "g'(z) = \\sigma(z)\\,(1 + z\\,(1 - \\sigma(z)))" },
};

/** The natural pairs' fused output gradient (SPEC §2), keyed `output/loss`. */
export const FUSED: Readonly<Record<string, string>> = {
  'softmax/cross-entropy': '-(e(y) - \\hat{y})',
  'linear/squared-error': '2(\\hat{y} - y)',
  'logistic/binary-cross-entropy': '\\hat{y} - y',
};

/** ℒ(θ) for one sample, by loss (SPEC §1: sums over outputs, no ½). */
export const LOSS: Readonly<Record<string, string>> = {
  'cross-entropy': '\\mathcal{L}(\\theta) = -\\sum_{c} y_c \\log \\hat{y}_c',
  'squared-error': '\\mathcal{L}(\\theta) = \\sum_{j} (\\hat{y}_j - y_j)^2',
  'binary-cross-entropy': '\\mathcal{L}(\\theta) = -\\sum_{j} \\left[ y_j \\log \\hat{y}_j + (1 - y_j) \\log(1 - \\hat{y}_j) \\right]',
};

/** O(a_L) as TeX. */
export const OUTPUT: Readonly<Record<string, string>> = {
  softmax: '\\hat{y}_j = O(a_L)_j = \\frac{e^{a_{L,j}}}{\\sum_{i} e^{a_{L,i}}}',
  linear: '\\hat{y} = O(a_L) = a_L',
  logistic: '\\hat{y}_j = O(a_L)_j = \\frac{1}{1 + e^{-a_{L,j}}}',
};

/** The learner's pair as `output/loss`. */
export const pairOf = (n: LessonNet): string => `${n.output}/${n.lossName}`;

/** The pair's formula for ∇_{a_L} ℒ(θ). */
export const outputGradient = (n: LessonNet): string => FUSED[pairOf(n)] ?? "J_O(a_L)^{\\top}\\, \\nabla_{\\hat{y}}\\mathcal{L}(\\theta)";

/** ∇_{ŷ} ℒ(θ) for the loss alone (before O's Jacobian). */
export function gradYHat(n: LessonNet): number[] {
  const yHat = n.yHat();
  return yHat.map((p, j) => {
    const y = n.y[j]!;
    if (n.lossName === 'cross-entropy') return y === 0 ? 0 : -y / p;
    if (n.lossName === 'squared-error') return 2 * (p - y);
    return (p - y) / (p * (1 - p));
  });
}

/** The live "symbol = column" of a layer vector, e.g. a_2 with a_2's numbers under it. */
export const liveCol = (symbol: string, v: readonly number[]): string => live(symbol, col(v));

/** The live gradient vector ∇_{x}ℒ(θ) with its numbers under it. */
export const liveGrad = (x: string, v: readonly number[]): string => live(grad(x), col(v));

/** Picks index `v` (1-based) of n entries, cycling. */
export const pick = (v: number, n: number): number => (((v % n) + n) % n) + 1;

/** An exercise whose answer is the core's value of `quantity`. */
export function exercise(n: LessonNet, quantity: Quantity, symbol: string, prompt: string, hint: string): Exercise {
  return { prompt, symbol, quantity, answer: quantityValue(n, quantity), hint };
}

/** "(x)(y)" products for hints: Σ terms written out. */
export const products = (pairs: readonly (readonly [number, number])[]): string => pairs.map(([u, v]) => `(${num(u)})(${num(v)})`).join(' + ');

export { num, plain };
