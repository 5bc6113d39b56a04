import { Network, createRng } from '@backprop/core';
import { expect, test } from 'vitest';
import { randomBatch } from './fixtures.js';
import { formatReport } from './format.js';
import { gradcheck } from './gradcheck.js';
import type { GradientFunction } from './options.js';

const net = Network.create({ inputs: 3, layers: [{ units: 4, activation: 'relu' }], output: { units: 2, fn: 'softmax' }, seed: 3 });
const X = randomBatch(4, 3, createRng(1));

test('an aligned table with marks, worst sites and a verdict; no ANSI codes', () => {
  const halfW2: GradientFunction = (n, x, Y) => {
    const g = n.backward(n.forward(x), Y);
    for (let i = 0; i < g.gradW[1]!.data.length; i++) g.gradW[1]!.data[i]! /= 2;
    return g;
  };
  const text = formatReport(gradcheck(net, X, [0, 1, 1, 0], { mode: 'full', gradient: halfW2 }));
  const lines = text.split('\n');
  expect(lines[0]).toBe('gradcheck: full, eps 1e-6, atol 1e-5, rtol 0.001, float64 (network float32)');
  expect(lines[1]).toMatch(/^ +tensor +shape +checked +kinks +max abs +max rel +worst at +analytic +numeric +note$/);
  expect(lines.slice(2, 7).map((l) => l.slice(0, 9))).toEqual(['✓  W1    ', '✗  W2    ', '✓  b1    ', '✓  b2    ', '✓  input ']);
  expect(lines[3]).toMatch(/W2 +2 × 4 +8 +0 .*\[\d, \d\] .* \d of 8 failed$/);
  expect(lines[7]).toBe('✗ not ok: W2 failed');
  // Columns line up: every "max abs" cell ends where its header does.
  const end = lines[1]!.indexOf('max abs') + 'max abs'.length;
  for (const l of lines.slice(2, 7)) expect(l[end - 1]).toMatch(/\d/);
  expect(text.includes(String.fromCharCode(27))).toBe(false); // no ESC, so no ANSI sequences
});

test('kinks and vacuous tensors are spelled out', () => {
  const dead = Network.create({ inputs: 1, layers: [{ units: 1, activation: 'relu' }], output: { units: 1, fn: 'linear' }, dtype: 'float64' });
  dead.parameters().find((p) => p.name === 'b1')!.values[0] = -5;
  const text = formatReport(gradcheck(dead, [[1]], [[1]], { mode: 'full' }));
  expect(text).toMatch(/○ +W1 .* all zeros: nothing verified/);
  expect(text.split('\n').at(-1)).toBe('✗ not ok: W1 vacuous, W2 vacuous, b1 vacuous, input vacuous');
  const kinked = Network.create({ inputs: 1, layers: [{ units: 1, activation: 'relu' }], output: { units: 1, fn: 'linear' }, dtype: 'float64' });
  const text2 = formatReport(gradcheck(kinked, [[0]], [[1]], { mode: 'full', allowVacuous: true }));
  expect(text2).toMatch(/\? +b1 +1 × 1 +0 +1 +- +- +- +- +- +every check at a kink/);
  expect(text2).toMatch(/inconclusive at kinks \(not failures\)$/);
});
