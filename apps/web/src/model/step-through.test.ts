import { Matrix, Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { walkthrough } from './step-through.js';

const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 2, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, seed: 3 });
const x = [0.5, -1.25];
const y = [0, 1];

test('the lines follow the notes: forward, loss, ∇a_L, then per layer ∇W, ∇b, ∇h, ∇a, then the update', () => {
  const { steps } = walkthrough(net.toJSON(), x, y, 0.1);
  expect(steps.map((s) => s.id)).toEqual([
    'fwd-a-1', 'fwd-h-1', 'fwd-a-2', 'fwd-h-2', 'fwd-a-3', 'fwd-yhat', 'loss', 'bwd-aL',
    'bwd-W-3', 'bwd-b-3', 'bwd-h-2', 'bwd-a-2',
    'bwd-W-2', 'bwd-b-2', 'bwd-h-1', 'bwd-a-1',
    'bwd-W-1', 'bwd-b-1', 'bwd-h-0', 'update',
  ]);
  expect(steps.find((s) => s.id === 'bwd-aL')!.formula).toBe('∇a₃ ℒ(θ) = −(e(y) − ŷ)');
  expect(steps.find((s) => s.id === 'bwd-W-2')!.formula).toBe('∇W₂ ℒ(θ) = ∇a₂ ℒ(θ) h₁ᵀ');
});

test("every shown gradient is the core's own backward on the one-sample batch", () => {
  const { steps } = walkthrough(net.toJSON(), x, y, 0.1);
  const g = net.backward(net.forward(Matrix.from([x])), Matrix.from([y]));
  const shown = (id: string, label: string) => steps.find((s) => s.id === id)!.values.find((v) => v.label === label)!;
  expect(shown('bwd-W-1', '∇W₁').data).toEqual(Array.from(g.gradW[0]!.data));
  expect(shown('bwd-b-2', '∇b₂').data).toEqual(Array.from(g.gradB[1]!));
  expect(shown('bwd-a-1', '∇a₁').data).toEqual(Array.from(g.gradA[0]!.data));
  expect(shown('bwd-h-0', '∇h₀').data).toEqual(Array.from(g.gradInput.data));
  expect(shown('bwd-W-1', '∇W₁')).toMatchObject({ rows: 3, cols: 2 });
});

test('∇a_(k−1) = ∇h_(k−1) ⊙ g′(a_(k−1)) holds on the shown numbers', () => {
  const { steps } = walkthrough(net.toJSON(), x, y, 0.1);
  const [gradH, gPrime, gradA] = steps.find((s) => s.id === 'bwd-a-1')!.values;
  gradA!.data.forEach((v, j) => {
    expect(v).toBeCloseTo(gradH!.data[j]! * gPrime!.data[j]!, 6);
  });
});

test('the what-if: a small step lowers the loss on that sample', () => {
  const w = walkthrough(net.toJSON(), x, y, 0.05);
  expect(w.lossAfter).toBeLessThan(w.lossBefore);
  expect(w.updated.flat).not.toEqual(net.flat);
});

test('every line has TeX that KaTeX typesets without error, for each output/loss pair', async () => {
  const katex = (await import('katex')).default;
  for (const [fn, loss, units] of [['softmax', 'cross-entropy', 2], ['logistic', 'binary-cross-entropy', 1], ['linear', 'squared-error', 1], ['softmax', 'squared-error', 2]] as const) {
    const n = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'leaky-relu' }], output: { units, fn, loss }, seed: 1 });
    const { steps } = walkthrough(n.toJSON(), x, units === 2 ? y : [1], 0.03);
    for (const s of steps) expect(() => katex.renderToString(s.tex, { throwOnError: true, strict: 'error' }), `${s.id}: ${s.tex}`).not.toThrow();
  }
  const { steps } = walkthrough(net.toJSON(), x, y, 0.1);
  expect(steps.find((s) => s.id === 'bwd-W-2')!.tex).toBe(String.raw`\nabla_{W_{2}}\mathcal{L}(\theta) = \nabla_{a_{2}}\mathcal{L}(\theta)\, h_{1}^\top`);
});

test('a network that standardizes its inputs: line 1 shows x raw, the mean and sd, and h₀ = (x − mean) / sd, and says so', () => {
  const scaled = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 1, fn: 'linear' }, seed: 2 });
  scaled.setPreprocessing({ input: { kind: 'standard', offset: [10, -2], scale: [4, 0.5] } });
  const raw = [12, -1];
  const { steps } = walkthrough(scaled.toJSON(), raw, [0.3], 0.1, { raw: [250_000], scaler: { kind: 'standard', offset: [200_000], scale: [100_000] } });
  const first = steps[0]!;
  expect(first.values.map((v) => v.label)).toEqual(['W₁', 'x (raw)', 'mean', 'sd', 'h₀ = (x − mean) / sd', 'b₁', 'a₁']);
  const shown = (label: string) => first.values.find((v) => v.label === label)!.data;
  expect(shown('x (raw)')).toEqual([12, -1]);
  expect(shown('mean')).toEqual([10, -2]);
  expect(shown('sd')).toEqual([4, 0.5]);
  expect(shown('h₀ = (x − mean) / sd')).toEqual([0.5, 2]);
  expect(first.note).toMatch(/^h₀ is not x as your data has it: the network standardizes each input first, h₀ = \(x − mean\) \/ sd/);
  // The loss line: the target in the file's units beside the standardized one the network learns.
  const loss = steps.find((s) => s.id === 'loss')!;
  expect(loss.values.map((v) => v.label)).toEqual(['ŷ', 'y (raw)', 'mean', 'sd', 'y = (y − mean) / sd', 'ℒ']);
  expect(loss.values.find((v) => v.label === 'y (raw)')!.data).toEqual([250_000]);
  expect(loss.note).toMatch(/^y and ŷ are standardized/);
  // Without a scaler nothing changes: h₀ is x, and no note.
  const plain = walkthrough(net.toJSON(), x, y, 0.1).steps[0]!;
  expect(plain.values.map((v) => v.label)).toEqual(['W₁', 'h₀', 'b₁', 'a₁']);
  expect(plain.note).toBeUndefined();
});
