import { expect, test } from 'vitest';
import { lr, num } from './format.js';

test('a learning rate is printed as people type it, not padded to 4 digits', () => {
  expect(lr(0.2)).toBe('0.2');
  expect(lr(0.05)).toBe('0.05');
  expect(lr(0.0015)).toBe('0.0015');
  expect(lr(1e-5)).toBe('1e-5');
  expect(lr(3.3333333e-4)).toBe('3.333e-4');
  expect(lr(0.13333333)).toBe('0.1333');
  expect(lr(undefined)).toBe('–');
  // Losses keep their fixed 4 significant digits: columns of them line up.
  expect(num(0.2)).toBe('0.2000');
});
