import { BackpropError } from '@backprop/core';
import { expect, test } from 'vitest';
import { checkFunction } from './function.js';

// f(x) = Σ_i sin(x_i) x_(i+1) (cyclic), a function with mixed partials.
const f = (x: Float64Array): number => x.reduce((s, v, i) => s + Math.sin(v) * x[(i + 1) % x.length]!, 0);
const grad = (x: Float64Array): Float64Array => x.map((v, i) => Math.cos(v) * x[(i + 1) % x.length]! + Math.sin(x[(i - 1 + x.length) % x.length]!));
const x0 = Array.from({ length: 50 }, (_, i) => Math.sin(3 * i) * 2);

test.each(['full', 'sampled', 'directional'] as const)('a correct gradient passes in %s mode', (mode) => {
  const report = checkFunction(f, grad, x0, { mode, atol: 1e-8, rtol: 1e-6, directions: 4 });
  expect(report.ok).toBe(true);
  expect(report.tensors[0]).toMatchObject({ name: 'x', shape: [50, 1], checked: { full: 50, sampled: 20, directional: 4 }[mode] });
});

test.each(['full', 'sampled', 'directional'] as const)('a gradient off by one entry fails in %s mode', (mode) => {
  const wrong = (x: Float64Array) => grad(x).map((g, i, all) => (i === 7 ? g + 0.1 * (1 + Math.abs(all[7]!)) : g));
  const report = checkFunction(f, wrong, x0, { mode, name: 'θ' });
  expect(report.ok).toBe(false);
  expect(report.tensors[0]!.name).toBe('θ');
  if (mode !== 'directional') expect(report.tensors[0]!.worst!.at).toMatchObject({ index: 7 });
});

test('the point is copied: neither the caller’s array nor grad’s argument is perturbed', () => {
  const x = new Float64Array([1, 2, 3]);
  let seenByGrad: Float64Array | undefined;
  const spy = (v: Float64Array): Float64Array => {
    seenByGrad = v;
    return grad(v);
  };
  checkFunction(f, spy, x, { mode: 'full' });
  expect(Array.from(x)).toEqual([1, 2, 3]);
  expect(Array.from(seenByGrad!)).toEqual([1, 2, 3]);
});

test('a gradient of the wrong length and unknown options are typed errors', () => {
  expect(() => checkFunction(f, () => [1], [1, 2])).toThrow(BackpropError);
  expect(() => checkFunction(f, grad, [1, 2], { tensors: [] } as never)).toThrow(/options\.tensors: expected one of the known keys/);
});

test('an empty point verifies nothing: vacuous, not ok', () => {
  expect(checkFunction(() => 0, () => [], [], { mode: 'full' }).tensors[0]).toMatchObject({ status: 'vacuous', ok: false, checked: 0 });
});
