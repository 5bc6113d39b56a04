import { expect, test } from 'vitest';
import { erf, erfc } from './erf.js';

// Reference values from CPython's math.erf / math.erfc (the C library's, correctly rounded or within 1 ulp).
const REF: readonly [x: number, erf: number, erfc: number][] = [
  [1e-10, 1.1283791670955126e-10, 0.999999999887162],
  [0.5, 0.5204998778130465, 0.4795001221869535],
  [0.9, 0.7969082124228322, 0.20309178757716786],
  [1.5, 0.9661051464753108, 0.033894853524689274],
  [-2.31, -0.9989124231037001, 1.9989124231037],
  [2.5, 0.999593047982555, 0.0004069520174449589],
  [4, 0.9999999845827421, 1.541725790028002e-8],
  [10, 1, 2.088487583762545e-45],
  [26, 1, 5.663192408856143e-296],
];
const ulp = (v: number) => (v === 0 ? 5e-324 : Math.max(2 ** (Math.floor(Math.log2(Math.abs(v))) - 52), 5e-324));

test.each(REF)('erf(%d), erfc(%d) within 11 ulps of the C library', (x, e, c) => {
  expect(Math.abs(erf(x) - e) / ulp(e)).toBeLessThanOrEqual(8);
  expect(Math.abs(erfc(x) - c) / ulp(c)).toBeLessThanOrEqual(11);
});

test('special values: odd, ±∞, NaN, underflow', () => {
  expect([erf(0), Object.is(erf(-0), -0), erf(Infinity), erf(-Infinity), erfc(Infinity), erfc(-Infinity)]).toEqual([0, true, 1, -1, 0, 2]);
  expect(Number.isNaN(erf(Number.NaN)) && Number.isNaN(erfc(Number.NaN))).toBe(true);
  expect(erfc(30)).toBe(0);
  for (const x of [0.1, 0.7, 1.3, 2.2, 3.7]) expect(erf(-x)).toBe(-erf(x));
});
