import { expect, test } from 'vitest';
import { parseTyped } from './inputs.js';

test('a number box reads numbers as typed, and never a decimal comma as something else (0,5 was used as 5)', () => {
  expect([' 0.05 ', '-3', '1e9', '.5', '10'].map((t) => parseTyped(t))).toEqual([0.05, -3, 1e9, 0.5, 10]);
  for (const t of ['0,5', 'abc', '1 000', '', '1.2.3', '0x10', 'Infinity']) expect(parseTyped(t), t).toBeNaN();
  // In a box of whole numbers a comma between groups of three digits is a thousands separator; 0,5 is still refused.
  expect(parseTyped('1,000', true)).toBe(1000);
  expect(parseTyped('12,345,678', true)).toBe(12345678);
  expect(parseTyped('0,5', true)).toBeNaN();
  expect(parseTyped('1,000')).toBeNaN();
});
