import { expect, test } from 'vitest';
import { duration, lr, num } from './format.js';

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

test('an ETA of days or years reads as such (--epochs 1e12), not as 209733h11m', () => {
  expect(duration(3725)).toBe('1h02m');
  expect(duration(47 * 3600)).toBe('47h00m');
  expect(duration(3 * 86400 + 4 * 3600 + 59)).toBe('3d04h');
  expect(duration(209733 * 3600)).toBe('23.9 years');
  expect(duration(1e15)).toBe('31,700,000 years');
});
