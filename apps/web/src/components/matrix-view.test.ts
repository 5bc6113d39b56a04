import { expect, test } from 'vitest';
import { cellText } from './MatrixView.js';

test('a matrix cell shows a raw value as written (1978, not 2.0e+3), small ones with 3 decimals, extremes with an exponent', () => {
  expect([1978, 157.0667, -0.7712, 0, 250_000, 1234.56].map(cellText)).toEqual(['1978', '157.067', '-0.771', '0.000', '250000', '1234.6']);
  expect([2.5e7, 1.5e-5].map(cellText)).toEqual(['2.50e+7', '1.50e-5']);
});
