// exp, expm1 and tanh: ports of fdlibm 5.3's e_exp.c, s_expm1.c and s_tanh.c (Sun Microsystems, 1993;
// "permission to use, copy, modify, and distribute this software is freely granted, provided that this
// notice is preserved"), with FreeBSD msun's later fixes (scaling by 2^k instead of editing the exponent
// word, so k = 1024 cannot overflow it). Error < 1 ulp. Only +, −, ×, ÷ and word access: the same bits
// in every engine.
import { highWord, lowWord, pow2, withHighWord } from './bits.js';

const HUGE = 1e300;
const TWOM1000 = 9.332636185032189e-302; // 2^-1000
const O_THRESHOLD = 709.782712893384; // 0x40862E42 FEFA39EF: exp(x) overflows above
const U_THRESHOLD = -745.1332191019411; // 0xC0874910 D52D3051: exp(x) underflows to 0 below
const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000 (t·LN2_HI is exact for |t| < 2^11)
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = Math.LOG2E; // 0x3FF71547 652B82FE
// Remez polynomial for R(r²) ≈ r·(e^r + 1)/(e^r − 1) on [0, 0.34658]: |error| < 2^-59.
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;

/** e^x: x = k·ln2 + r with |r| ≤ ln2/2, e^r by a rational approximation, then scaled by 2^k. */
export function exp(x: number): number {
  const hx = highWord(x);
  const negative = hx < 0;
  const ix = hx & 0x7fffffff;
  if (ix >= 0x40862e42) {
    // |x| ≥ 709.78…: NaN, ±∞, overflow or underflow.
    if (ix >= 0x7ff00000) {
      if (((ix & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return negative ? 0 : x; // e^+∞ = +∞, e^−∞ = 0
    }
    if (x > O_THRESHOLD) return HUGE * HUGE; // +∞
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000; // +0
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ix > 0x3fd62e42) {
    // |x| > ln2/2: reduce.
    if (ix < 0x3ff0a2b2) {
      // |x| < 1.5·ln2: k = ±1. As V8 does, exp(1) is special-cased to e: the formula is 1 ulp high there.
      if (x === 1) return Math.E;
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ix < 0x3e300000) {
    return 1 + x; // |x| < 2^-28 (and ±0 → 1)
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * pow2(1023) : y * pow2(k);
  return y * pow2(k + 1000) * TWOM1000; // the result is subnormal: one rounding, in the last multiply
}

// Scaled Remez polynomial for expm1 on [−0.34658, 0.34658].
const Q1 = -0.03333333333333313;
const Q2 = 0.0015873015872548146;
const Q3 = -0.0000793650757867488;
const Q4 = 0.000004008217827329362;
const Q5 = -2.0109921818362437e-7;

/** e^x − 1, accurate near 0 where exp(x) − 1 cancels. */
export function expm1(x: number): number {
  const hx = highWord(x);
  const negative = hx < 0;
  const ix = hx & 0x7fffffff;
  if (ix >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (ix >= 0x40862e42) {
      if (ix >= 0x7ff00000) {
        if (((ix & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
        return negative ? -1 : x;
      }
      if (x > O_THRESHOLD) return HUGE * HUGE;
    }
    if (negative) return -1; // x < −56·ln2: e^x < 2^-56, so e^x − 1 rounds to −1
  }
  let k = 0;
  let c = 0;
  if (ix > 0x3fd62e42) {
    let hi: number;
    let lo: number;
    if (ix < 0x3ff0a2b2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (ix < 0x3c900000) {
    return x; // |x| < 2^-54 (keeps −0)
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) {
    // e^x − 1 ≈ e^x: the −1 only rounds.
    const y = 1 - (e - x);
    return (k === 1024 ? y * 2 * pow2(1023) : y * pow2(k)) - 1;
  }
  if (k < 20) {
    const t1 = withHighWord(1, 0x3ff00000 - (0x200000 >> k)); // 1 − 2^-k
    return (t1 - (e - x)) * pow2(k);
  }
  const t2 = pow2(-k);
  return (x - (e + t2) + 1) * pow2(k);
}

/** tanh x = expm1(2|x|) / (expm1(2|x|) + 2), signed; ±1 for |x| ≥ 22, x itself for |x| < 2^-28. */
export function tanh(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return hx >= 0 ? 1 / x + 1 : 1 / x - 1; // ±∞ → ±1, NaN → NaN
  let z: number;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^-28: tanh x = x to within 2^-57 relative (keeps −0)
    if (ix >= 0x3ff00000) {
      // |x| ≥ 1
      z = 1 - 2 / (expm1(2 * Math.abs(x)) + 2);
    } else {
      const t = expm1(-2 * Math.abs(x));
      z = -t / (t + 2);
    }
  } else {
    z = 1; // |x| ≥ 22: tanh rounds to ±1
  }
  return hx >= 0 ? z : -z;
}
