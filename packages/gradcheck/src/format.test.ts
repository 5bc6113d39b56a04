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

test('fitted to a width: columns are left out (least telling first) and named until every line is narrower', () => {
  const report = gradcheck(net, X, [0, 1, 1, 0], { mode: 'full' });
  const whole = formatReport(report).split('\n');
  expect(formatReport(report, { width: 400 })).toBe(whole.join('\n'));
  expect(Math.max(...whole.map((l) => [...l].length))).toBeGreaterThan(90); // too wide for an 80-column terminal
  for (const width of [100, 80, 60, 50]) {
    const lines = formatReport(report, { width }).split('\n');
    for (const l of lines) expect([...l].length, `${width}: ${l}`).toBeLessThan(width);
    // Every tensor's row still has its mark, name and errors.
    for (const name of ['W1', 'W2', 'b1', 'b2', 'input']) expect(lines.some((l) => new RegExp(`^✓ +${name} .*\\d\\.\\d\\de-\\d+`).test(l))).toBe(true);
    expect(lines.join(' ')).toMatch(/✓ ok: 5 tensors, 38 checks/);
  }
  const at80 = formatReport(report, { width: 80 }).split('\n');
  expect(at80[1]).toMatch(/^ +tensor +shape +checked +kinks +max abs +max rel +worst at +note$/);
  expect(at80.at(-1)).toBe('(left out to fit 80 columns: analytic, numeric)');
  const at50 = formatReport(report, { width: 50 }).split('\n');
  expect(at50.slice(0, 2)).toEqual(['gradcheck: full, eps 1e-6, atol 1e-5, rtol 0.001,', '  float64 (network float32)']);
  expect(at50.join(' ').replace(/\s+/g, ' ')).toContain('(left out to fit 50 columns: analytic, numeric, worst at, kinks, shape)');
  // A failure's note is never left out.
  const halfW2: GradientFunction = (n, x, Y) => {
    const g = n.backward(n.forward(x), Y);
    for (let i = 0; i < g.gradW[1]!.data.length; i++) g.gradW[1]!.data[i]! /= 2;
    return g;
  };
  expect(formatReport(gradcheck(net, X, [0, 1, 1, 0], { mode: 'full', gradient: halfW2 }), { width: 60 })).toMatch(/✗ +W2 .* \d of 8 failed/);
});
