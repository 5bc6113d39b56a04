import { Matrix, Network, sigmoid } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { lessonNet, type LessonNet } from './lesson-net.js';
import { lessons } from './lessons/index.js';
import { gradYHat } from './lessons/common.js';
import { oneStep } from './lessons/algorithm.js';
import { worstRelativeError } from './lessons/gradcheck.js';
import { ama564, csc311, cs7015, kink } from './presets.js';
import { centralDifference, quantityValue } from './quantity.js';

// Every lesson on several networks: steps render something, every exercise's answer is the core's number,
// and hand computations from the notes agree with it.

const netFor = (spec: ConstructorParameters<typeof Object>[0], x: number[], y: number[]): LessonNet => lessonNet(Network.create(spec), x, y);

const NETS: Record<string, LessonNet> = {
  cs7015: lessonNet(cs7015.json, cs7015.x, cs7015.y),
  'tanh-relu softmax': netFor({ inputs: 3, layers: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, seed: 3 }, [0.3, -1.2, 0.8], [1, 0]),
  'linear + squared error': netFor({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 1, fn: 'linear' }, seed: 4 }, [0.5, 0.2], [1.3]),
  'logistic + bce': netFor({ inputs: 2, layers: [{ units: 2, activation: 'logistic' }], output: { units: 1, fn: 'logistic' }, seed: 5 }, [1, -1], [1]),
  'softmax + squared error (Jacobian path)': netFor({ inputs: 2, layers: [{ units: 3, activation: 'leaky-relu' }], output: { units: 3, fn: 'softmax', loss: 'squared-error' }, seed: 6 }, [-0.4, 0.9], [0, 0, 1]),
  'no hidden layer': netFor({ inputs: 2, output: { units: 2, fn: 'softmax' }, seed: 7 }, [0.1, 0.2], [0, 1]),
  csc311: lessonNet(csc311.json, csc311.x, csc311.y),
  ama564: lessonNet(ama564.json, ama564.x, ama564.y),
};

describe.each(Object.entries(NETS))('on %s', (_name, n) => {
  for (const lesson of lessons) {
    if (lesson.needsHidden && n.L < 2) continue;
    if (lesson.net === 'csc311' && n !== NETS.csc311) continue;
    if (lesson.net === 'ama564' && n !== NETS.ama564) continue;
    test(`lesson "${lesson.id}": steps have formulas and text, exercises are the core's numbers`, () => {
      const content = lesson.build(n, 0.1);
      expect(content.steps.length).toBeGreaterThanOrEqual(Math.min(3, n.L));
      for (const s of content.steps) {
        expect(s.tex.length).toBeGreaterThan(0);
        expect(s.text.length).toBeGreaterThan(0);
        for (const t of s.tex) expect(t).not.toMatch(/undefined|NaN/);
        for (const t of s.text) expect(t).not.toMatch(/undefined|NaN/);
      }
      for (let v = 0; v < 6; v++) {
        const ex = content.exercise(v);
        expect(Number.isFinite(ex.answer)).toBe(true);
        expect(ex.answer).toBe(quantityValue(n, ex.quantity));
        expect(`${ex.prompt} ${ex.hint}`).not.toMatch(/undefined|NaN/);
      }
    });
  }
});

describe('hand computations from the notes agree with the lessons', () => {
  const n = NETS.cs7015!;
  test("lesson 1: a_{1,1} = b_{1,1} + row 1 of W_1 times x (CS7015's preset, by hand)", () => {
    expect(quantityValue(n, { kind: 'a', k: 1, i: 1 })).toBeCloseTo(0.1 + 0.5 * 1 + -0.3 * -0.5, 14);
    expect(quantityValue(n, { kind: 'h', k: 1, i: 1 })).toBeCloseTo(sigmoid(0.75), 14);
  });
  test('lesson 2: ∇a_L = −(e(ℓ) − ŷ) for softmax + cross-entropy, and ℒ = −log ŷ_ℓ', () => {
    const yHat = n.yHat();
    expect(n.gradA(3)).toEqual(yHat.map((p, i) => expect.closeTo(p - (i === 1 ? 1 : 0), 14)));
    expect(n.loss).toBeCloseTo(-Math.log(yHat[1]!), 14);
  });
  test('lesson 2: ∇ŷ ℒ times the softmax Jacobian is ∇a_L (the other pairs go that way)', () => {
    const p = n.yHat();
    const gy = gradYHat(n);
    const viaJ = p.map((pi, i) => p.reduce((s, pj, j) => s + (i === j ? pi * (1 - pi) : -pi * pj) * gy[j]!, 0));
    expect(viaJ).toEqual(n.gradA(3).map((v) => expect.closeTo(v, 14)));
  });
  test('lesson 3: the sum over paths is ∂ℒ/∂h_{2,j}, and the path products are its terms', () => {
    for (let j = 1; j <= 3; j++) {
      const paths = [1, 2, 3].map((m) => quantityValue(n, { kind: 'path', k: 2, m, j }));
      expect(paths.reduce((a, b) => a + b, 0)).toBeCloseTo(quantityValue(n, { kind: 'gradH', k: 2, i: j }), 14);
    }
  });
  test('lesson 4: ∇W_k = ∇a_k h_(k−1)ᵀ entry by entry, ∇b_k = ∇a_k', () => {
    for (let k = 1; k <= 3; k++) {
      n.gradW(k).forEach((r, i) => {
        r.forEach((g, j) => {
          expect(g).toBeCloseTo(n.gradA(k)[i]! * n.h(k - 1)[j]!, 14);
        });
      });
      expect(n.gradB(k)).toEqual(n.gradA(k));
    }
  });
  test('lesson 5: a small step lowers the loss on the sample; the new weight is W − η∇W', () => {
    const s = oneStep(n, 0.1);
    expect(s.after).toBeLessThan(s.before);
    expect(quantityValue(n, { kind: 'W-after', k: 3, i: 1, j: 2, eta: 0.1 })).toBeCloseTo(s.W(3)[0]![1]!, 14);
  });
  test("lesson 6: CSC311's two exercises by the slides' chains", () => {
    const c = NETS.csc311!;
    const sp = (z: number) => sigmoid(z) * (1 - sigmoid(z));
    const dz3 = 2 * (c.yHat()[0]! - 0.25) * sp(c.a(3)[0]!);
    const dW2_12 = dz3 * c.W(3)[0]![0]! * sp(c.a(2)[0]!) * c.h(1)[1]!;
    expect(quantityValue(c, { kind: 'gradW', k: 2, i: 1, j: 2 })).toBeCloseTo(dW2_12, 14);
    const dz2 = [0, 1].map((i) => dz3 * c.W(3)[0]![i]! * sp(c.a(2)[i]!));
    const dz1_2 = (dz2[0]! * c.W(2)[0]![1]! + dz2[1]! * c.W(2)[1]![1]!) * sp(c.a(1)[1]!);
    expect(quantityValue(c, { kind: 'gradW', k: 1, i: 2, j: 3 })).toBeCloseTo(dz1_2 * c.x[2]!, 14);
  });
  test("lesson 7: AMA564's δ^[r] = z^[r] − y is half our ∇a_L; a dead ReLU unit gets δ = 0", () => {
    const a = NETS.ama564!;
    expect(a.gradA(3)[0]).toBeCloseTo(2 * (a.a(3)[0]! - 0.3), 14);
    expect(a.h(1)[2]).toBe(0);
    expect(a.gradA(1)[2]).toBe(0);
  });
  test('lesson 8: central differences agree with backprop everywhere (float64), but not across the kink', () => {
    for (const m of Object.values(NETS)) expect(worstRelativeError(m).error).toBeLessThan(1e-7);
    expect(centralDifference(n, 2, 1, 3, 1e-5).value).toBeCloseTo(n.gradW(2)[0]![2]!, 8);
    const k = lessonNet(kink.json, kink.x, kink.y);
    expect(k.a(1)[0]).toBeGreaterThan(0);
    expect(k.a(1)[0]).toBeLessThan(1e-6);
    const b1 = (d: number) => {
      const net = k.net.clone();
      net.parameters().find((p) => p.name === 'b1')!.values[0]! += d;
      return net.loss(Matrix.from([k.x], 'float64'), Matrix.from([k.y], 'float64'));
    };
    const numeric = (b1(1e-6) - b1(-1e-6)) / 2e-6;
    expect(Math.abs(numeric - k.gradB(1)[0]!)).toBeGreaterThan(0.5);
  });
});
