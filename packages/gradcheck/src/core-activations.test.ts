// SPEC §1: every activation ships g, g′ and a gradient check. The numeric check lives here, on
// gradcheck's side, so that the core never depends on this package (STYLE §3.11).
import { activationNames, activations } from '@backprop/core';
import { expect, test } from 'vitest';
import { checkElementwise } from './elementwise.js';

// A grid over [−8, 8] with the kink itself, points a hair either side of it, and large |z| where
// logistic, tanh, softplus and elu saturate.
const POINTS = [...Array.from({ length: 161 }, (_, i) => -8 + i / 10), 0, 1e-3, -1e-3, 1e-7, -1e-7, 30, -30];

test.each(activationNames.map((n) => [n]))("%s: g′ matches central differences in float64, kinks reported", (name) => {
  const { g, gPrime, kinks } = activations[name];
  const report = checkElementwise(g, gPrime, POINTS, { kinks, atol: 1e-8, rtol: 1e-6 });
  expect(report.ok, JSON.stringify(report.tensors[0]!.worst)).toBe(true);
  expect(report.tensors[0]!.failed).toBe(0);
  // A kink at 0 is hit by every point within ε of it: 0 (twice in POINTS, once from the grid) and ±1e-7.
  expect(report.kinksHit).toEqual(kinks.length > 0 ? [0, 0, 1e-7, -1e-7] : []);
});

test('relu: the kink at 0 is reported, and without `kinks` the convention g′(0) = 0 fails the check', () => {
  const { g, gPrime, kinks } = activations.relu;
  const flagged = checkElementwise(g, gPrime, [-1, 0, 1], { kinks });
  expect(flagged.kinksHit).toEqual([0]);
  expect(flagged.tensors[0]).toMatchObject({ status: 'pass', checked: 2, inconclusive: 1 });
  const blind = checkElementwise(g, gPrime, [-1, 0, 1]);
  expect(blind.ok).toBe(false);
  expect(blind.tensors[0]!.worst).toMatchObject({ at: { index: 1 }, analytic: 0, numeric: 0.5 });
});

test('a wrong derivative is caught, with the worst point named', () => {
  const report = checkElementwise(Math.tanh, (z) => 1 - Math.tanh(z), [-1, 0, 0.5]);
  expect(report.ok).toBe(false);
  expect(report.tensors[0]).toMatchObject({ name: 'g′', failed: 2 });
  expect(report.tensors[0]!.worst!.at).toEqual({ kind: 'element', index: 0, row: 0, col: 0 });
});

test('only zeros compared is vacuous: relu′ on negative points verifies nothing', () => {
  const { g, gPrime } = activations.relu;
  expect(checkElementwise(g, gPrime, [-3, -2, -1]).tensors[0]!.status).toBe('vacuous');
});
