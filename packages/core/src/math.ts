/**
 * Deterministic math: the same bits in every JavaScript engine.
 *
 * ECMAScript leaves Math.exp, Math.log, Math.sin, … "implementation-approximated", and engines differ in
 * the last bit (Node 20's V8 and Chromium 156's disagree on ~1 exp in 10). These are ports of fdlibm
 * (the library V8 itself started from) written with nothing but IEEE-754-exact operations (+, −, ×, ÷,
 * Math.sqrt/abs/trunc, bit access through typed arrays, BigInt), so one seed gives one loss curve in
 * Node, Chromium, Firefox and Safari. Each is within 1 ulp of the true value (tested against Math.* on
 * 100k+ inputs) and treats NaN, ±∞, ±0, subnormals, overflow and underflow as Math.* does.
 *
 * erf and erfc (for GELU) are series / continued fractions written here, within 8 and 11 ulps.
 *
 * Domain notes: sin/cos reduce |x| ≤ 2^20·π/2 by Cody–Waite and larger |x| exactly (Payne–Hanek in
 * BigInt, slower: about a microsecond). {@link powi} is for integer exponents only.
 */
import { pow2 } from './math/bits.js';

export { exp, expm1, tanh } from './math/exp.js';
export { log, log1p } from './math/log.js';
export { sin, cos } from './math/trig.js';
export { erf, erfc } from './math/erf.js';

/**
 * x^n for an integer n: binary powering in double-double arithmetic (Dekker's exact products), rounded
 * once at the end: within 1 ulp for |x^n| < 2^995, and the same in every engine. For Adam's β^t or a
 * step schedule's γ^k. Non-integer n is truncated toward zero. Beyond 2^995 (where Dekker's splitting
 * would overflow) it is plain float64 powering: still deterministic, less accurate, ±∞ where Math.pow is.
 * @example detMath.powi(0.9, 3) // 0.7290000000000001: the cube of the double nearest 0.9, correctly rounded, in every engine
 */
export function powi(x: number, n: number): number {
  let [rh, rl] = [1, 0];
  let [bh, bl] = n < 0 ? ddReciprocal(x) : [x, 0];
  let plainR = 1;
  let plainB = n < 0 ? 1 / x : x;
  for (let k = Math.trunc(Math.abs(n)); k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) {
      [rh, rl] = ddMul(rh, rl, bh, bl);
      plainR *= plainB;
    }
    if (k > 1) {
      [bh, bl] = ddMul(bh, bl, bh, bl);
      plainB *= plainB;
    }
  }
  // Intermediates lie between 1 and the result, so a result below 2^995 kept Dekker's splits finite.
  return Number.isFinite(rh + rl) && Math.abs(plainR) < pow2(995) ? rh + rl : plainR;
}

const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)

/** 1/x as a double-double: q + (1 − q·x)/x, the residual 1 − q·x exact by Dekker's product. */
function ddReciprocal(x: number): [number, number] {
  const q = 1 / x;
  const [p, e] = ddMul(q, 0, x, 0);
  return [q, (1 - p - e) / x];
}

/** (ah + al)·(bh + bl) as a normalised double-double, with the exact product of the heads (Dekker). */
function ddMul(ah: number, al: number, bh: number, bl: number): [number, number] {
  const p = ah * bh;
  const ca = SPLIT * ah;
  const a1 = ca - (ca - ah);
  const a2 = ah - a1;
  const cb = SPLIT * bh;
  const b1 = cb - (cb - bh);
  const b2 = bh - b1;
  const e = a1 * b1 - p + a1 * b2 + a2 * b1 + a2 * b2 + (ah * bl + al * bh);
  const s = p + e;
  return [s, e - (s - p)];
}
