import { expect, test } from 'vitest';
import { lossNumber, tickNumber } from './number-format.js';

test('ticks are short: plain up to 4 significant digits, else the exponent without "+" or ".0"', () => {
  expect([0, 0.5, 1, 2.5, 1234.5, 9999].map(tickNumber)).toEqual(['0', '0.5', '1', '2.5', '1235', '9999']);
  expect([1e10, 2.5e9, 1.5e4, -3e12].map(tickNumber)).toEqual(['1e10', '2.5e9', '1.5e4', '-3e12']);
  expect([1e-4, 2.5e-5].map(tickNumber)).toEqual(['1e-4', '2.5e-5']);
  expect(tickNumber(Number.NaN)).toBe('NaN');
});

test('a loss has 4 decimals, or 4 significant digits and an exponent from 100,000', () => {
  expect(lossNumber(0.12345)).toBe('0.1235');
  expect(lossNumber(12791136442.2967)).toBe('1.279e+10');
  expect(lossNumber(undefined)).toBe('–');
  expect(lossNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
});
