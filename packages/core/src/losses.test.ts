import { expect, test } from 'vitest';
import { lossValue } from './losses.js';
import { Matrix } from './matrix.js';
import { applyOutput } from './outputs.js';

// One sample, a_L = [1, −0.5], target y = [1, 0]; every output × loss pair against the formulas of SPEC §1.
const a = Matrix.from([[1, -0.5]], 'float64');
const Y = Matrix.from([[1, 0]], 'float64');
const value = (fn: 'softmax' | 'linear' | 'logistic', loss: 'cross-entropy' | 'squared-error' | 'binary-cross-entropy') => {
  const yHat = Matrix.zeros(1, 2, 'float64');
  applyOutput(fn, a, yHat);
  return { loss: lossValue(fn, loss, a, yHat, Y), p: Array.from(yHat.data) };
};

test.each([
  ['softmax', 'cross-entropy', ([p0]: number[]) => -Math.log(p0!)],
  ['softmax', 'binary-cross-entropy', ([p0, p1]: number[]) => -Math.log(p0!) - Math.log(1 - p1!)],
  ['softmax', 'squared-error', ([p0, p1]: number[]) => (p0! - 1) ** 2 + p1! ** 2],
  ['logistic', 'binary-cross-entropy', ([p0, p1]: number[]) => -Math.log(p0!) - Math.log(1 - p1!)],
  ['logistic', 'cross-entropy', ([p0]: number[]) => -Math.log(p0!)],
  ['linear', 'squared-error', () => (1 - 1) ** 2 + (-0.5 - 0) ** 2],
] as const)('%s output with %s loss', (fn, loss, expected) => {
  const { loss: L, p } = value(fn, loss);
  expect(L).toBeCloseTo(expected(p), 14);
});

test('the mean is over samples, the sum over outputs, with no factor ½', () => {
  const A = Matrix.from([[2, 0], [0, 1]], 'float64');
  const T = Matrix.from([[0, 0], [0, 0]], 'float64');
  const yHat = A.clone();
  expect(lossValue('linear', 'squared-error', A, yHat, T)).toBe((4 + 1) / 2);
});
