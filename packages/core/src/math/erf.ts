// erf and erfc for GELU (Φ(z) = erfc(−z/√2)/2), written here rather than ported: two classical series
// evaluated with nothing but +, −, ×, ÷ and this folder's exp, so the bits are the same in every engine.
//
//   |x| < 2.5   erf(x) = (2/√π) e^(−x²) Σ_n 2ⁿ x^(2n+1) / (1·3·5···(2n+1))     (Abramowitz & Stegun 7.1.6)
//               every term is positive, so the sum has no cancellation (unlike the alternating Taylor series).
//   erfc, x ≥ 1  erfc(x) = (e^(−x²)/√π) · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))   (A&S 7.1.14)
//               a continued fraction evaluated bottom-up from a fixed depth (deeper for smaller x, where it
//               converges more slowly); erf(x) = 1 − erfc(x) for x ≥ 2.5, erfc(x) = 1 − erf(x) for x < 1.
//
// e^(−x²) needs x² to more than float64 precision (x² rounds by up to ½ ulp, and e^(−x²) would inherit an
// error of x²·2^−53 relative): x² is split exactly into hi + lo with Dekker's product, and
// e^(−x²) = e^(−hi)·e^(−lo) with e^(−lo) = 1 − lo to within 2^−106. Error against correctly rounded values:
// a few ulps (tested against CPython's math.erf / math.erfc, i.e. the C library's).

import { exp } from './exp.js';

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π
const ONE_OVER_SQRT_PI = 0.5641895835477563; // 1/√π
const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)
/** erf: below this |x|, the series; above, 1 − the continued fraction. */
const SWITCH = 2.5;
/** erfc: from this x on, the continued fraction (below, 1 − erf loses at most 3 bits). */
const ERFC_SWITCH = 1;
/** Depth of the continued fraction for x: full float64 precision (checked: more depth changes nothing). */
const depthFor = (x: number): number => (x >= 2 ? 60 : x >= 1.5 ? 90 : 200);
/** erfc(x) < 2^−1075 (it underflows to 0) above this x. */
const ERFC_ZERO = 27.3;

/** e^(−x²) to within a couple of ulps, with x² carried as an exact double-double. */
function expMinusSquare(x: number): number {
  const hi = x * x;
  const c = SPLIT * x;
  const x1 = c - (c - x);
  const x2 = x - x1;
  const lo = x1 * x1 - hi + 2 * x1 * x2 + x2 * x2; // x² − hi, exactly
  return exp(-hi) * (1 - lo);
}

/** (2/√π)·e^(−x²)·Σ 2ⁿx^(2n+1)/(2n+1)!! for 0 ≤ x < SWITCH: erf(x). */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  // Terms grow while 2x² > 2n + 3, then shrink geometrically; stop once they no longer change the sum.
  for (let n = 0; n < 200; n++) {
    term *= x2 / (2 * n + 3);
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  return TWO_OVER_SQRT_PI * expMinusSquare(x) * sum;
}

/** erfc(x) for x ≥ ERFC_SWITCH by the continued fraction, bottom-up (the same operations in every engine). */
function erfcFraction(x: number): number {
  if (x > ERFC_ZERO) return 0;
  let f = x;
  for (let k = depthFor(x); k >= 1; k--) f = x + k / 2 / f;
  return (ONE_OVER_SQRT_PI * expMinusSquare(x)) / f;
}

/** The error function erf(x) = (2/√π)∫₀ˣ e^(−t²) dt; odd, erf(±∞) = ±1, NaN → NaN. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax === 0) return x; // ±0
  const y = ax < SWITCH ? erfSeries(ax) : 1 - erfcFraction(ax);
  return x < 0 ? -y : y;
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate where it is tiny (large x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x >= ERFC_SWITCH) return erfcFraction(x);
  if (x > -SWITCH) return 1 - erf(x);
  return 2 - erfcFraction(-x);
}
