// Two-class softmax + cross-entropy, two rows per step on f64x2 lanes (lane = row). The scalar two-class
// path cost ~400 instructions a row, almost all in the branches of fdlibm's exp and log; here both are
// branch-free lane versions of the same formulas (src/math/exp.ts, log.ts, and expD/logD in ./math),
// every branch of the original evaluated and the right one selected per lane. So yHat, ∇a, log-sum-exp
// and the loss (subtracted row by row, in the scalar order) are the bits the scalar path gives.

import { expD, logD } from './math';

// The constants, loaded with one broadcast each: as v128.const inside the loop V8 rebuilt each of them
// on every pair (several instructions apiece; see ./elementwise).
const F = memory.data<f64>([
  -708, 1.4426950408889634, 6755399441055744, 0.6931471803691238, 1.9082149292705877e-10, // 0–4: clamp, 1/ln2, 1.5·2⁵², ln2_hi, ln2_lo
  4.1381367970572385e-8, -0.0000016533902205465252, 0.00006613756321437934, -0.0027777777777015593, 0.16666666666666602, // 5–9: exp's P5 … P1
  1, 2, 0.5, 0.3333333333333333, 0, // 10–14
  0.3999999999940942, 0.22222198432149784, 0.15313837699209373, // 15–17: log's Lg2, Lg4, Lg6
  0.6666666666666735, 0.2857142874366239, 0.1818357216161805, 0.14798198605116586, // 18–21: Lg1, Lg3, Lg5, Lg7
]);
const I = memory.data<i64>([1023, 0x000fffff, 0x95f64, 0x100000, 0x3ff00000, 0xffffffff, 2, 3, 0x6147a, 0x6b851, 0]);

// Entry i of F (or I) on both lanes.
// @ts-ignore: decorator
@inline
function f(i: i32): v128 {
  return v128.load64_splat(F + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline
function n(i: i32): v128 {
  return v128.load64_splat(I + (<usize>i << 3));
}

// e^x for x ≤ 0 (finite) on both lanes: fdlibm's e_exp.c with k = round(x/ln2) (its k for every |x| > ln2/2,
// and k = 0 below, where its own formula is this one with lo = 0). x is clamped at −708 so that 2^k stays a
// normal number: e^−708 ≈ 3e−308 added to 1 is 1, and divided by 1 + e^x rounds to 0 in float32, as e^x does.
// @ts-ignore: decorator
@inline
function expNeg(x: v128): v128 {
  x = f64x2.pmax(x, f(0));
  // x/ln2 + 1.5·2⁵² rounds x/ln2 to an integer k and leaves k in the low bits (the magic-number trick).
  const big = f64x2.add(f64x2.mul(x, f(1)), f(2));
  const kf = f64x2.sub(big, f(2));
  const hi = f64x2.sub(x, f64x2.mul(kf, f(3)));
  const lo = f64x2.mul(kf, f(4));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(f(6), f64x2.mul(t, f(5)));
  p = f64x2.add(f(7), f64x2.mul(t, p));
  p = f64x2.add(f(8), f64x2.mul(t, p));
  p = f64x2.add(f(9), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const y = f64x2.sub(f(10), f64x2.sub(f64x2.sub(lo, f64x2.div(f64x2.mul(r, c), f64x2.sub(f(11), c))), hi));
  // 2^k from its exponent bits: (k + 1023) << 52, k (−1021 … 0) taken from the low bits of `big`.
  return f64x2.mul(y, i64x2.shl(i64x2.add(big, n(0)), 52));
}

// ln s for s in [1, 2] on both lanes: fdlibm's e_log.c (as logD) for the two exponents this range has,
// its three formulas (|f| < 2⁻²⁰, the hfsq form inside its middle range, the other outside) all
// computed and chosen per lane by the same tests on the high word.
// @ts-ignore: decorator
@inline
function log12(s: v128): v128 {
  const hx = i64x2.shr_u(s, 32); // each lane's high word
  const k0 = i64x2.sub(i64x2.shr_u(hx, 20), n(0));
  const hm = v128.and(hx, n(1));
  const i = v128.and(i64x2.add(hm, n(2)), n(3));
  const x = v128.or(i64x2.shl(v128.or(hm, v128.xor(i, n(4))), 32), v128.and(s, n(5)));
  const k = i64x2.add(k0, i64x2.shr_u(i, 20));
  const dk = f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2));
  const fr = f64x2.sub(x, f(10));
  const dHi = f64x2.mul(dk, f(3));
  const dLo = f64x2.mul(dk, f(4));
  // |f| < 2⁻²⁰: k·ln2_hi − ((f²(½ − f/3) − k·ln2_lo) − f), which is fdlibm's f − R for k = 0 and its k·ln2 at f = 0 (s = 2).
  const Rs = f64x2.mul(f64x2.mul(fr, fr), f64x2.sub(f(12), f64x2.mul(f(13), fr)));
  const small = f64x2.sub(dHi, f64x2.sub(f64x2.sub(Rs, dLo), fr));
  const sv = f64x2.div(fr, f64x2.add(f(11), fr));
  const z = f64x2.mul(sv, sv);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(f(15), f64x2.mul(w, f64x2.add(f(16), f64x2.mul(w, f(17))))));
  const t2 = f64x2.mul(z, f64x2.add(f(18), f64x2.mul(w, f64x2.add(f(19), f64x2.mul(w, f64x2.add(f(20), f64x2.mul(w, f(21))))))));
  const R = f64x2.add(t2, t1);
  const hfsq = f64x2.mul(f64x2.mul(f(12), fr), fr);
  // k·ln2_hi − (x − f) with k = 0 is −(x − f) = f − x exactly, so one form serves both exponents.
  const inner = f64x2.sub(dHi, f64x2.sub(f64x2.sub(hfsq, f64x2.add(f64x2.mul(sv, f64x2.add(hfsq, R)), dLo)), fr));
  const outer = f64x2.sub(dHi, f64x2.sub(f64x2.sub(f64x2.mul(sv, f64x2.sub(fr, R)), dLo), fr));
  // fdlibm's tests on the 20 mantissa bits of the high word (small integers: the same signs in 64 bits).
  const tinyLane = i64x2.lt_s(v128.and(i64x2.add(hm, n(6)), n(1)), n(7));
  const midLane = i64x2.gt_s(v128.or(i64x2.sub(hm, n(8)), i64x2.sub(n(9), hm)), n(10));
  return v128.bitselect(small, v128.bitselect(inner, outer, midLane), tinyLane);
}

// The lanes of a pair of rows r, r + 1: their two logits (float64), class 1 the larger (a tie keeps class 0,
// as the scalar scan), and the larger logit. The larger's e^0 is 1 exactly; the other's is e^(−|a1 − a0|)
// (the difference of two float32 is exact in float64).
// @ts-ignore: decorator
@inline
function logit0(va: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(va, va, 0, 2, 0, 2));
}

// @ts-ignore: decorator
@inline
function logit1(va: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(va, va, 1, 3, 1, 3));
}

// First pass over a pair: e = e^(−|a1 − a0|) and lse = max + ln(1 + e), the long chain of dependent
// operations (two divisions among them). e goes to `tmp` (the pair's 16 bytes of scratch). Done for every
// pair before any second pass, so consecutive pairs, independent, overlap in the processor.
// @ts-ignore: decorator
@inline
function lsePair(a: usize, lse: usize, tmp: usize): void {
  const va = v128.load(a);
  const v0 = logit0(va);
  const v1 = logit1(va);
  const max = v128.bitselect(v1, v0, f64x2.gt(v1, v0));
  const e = expNeg(f64x2.neg(f64x2.abs(f64x2.sub(v1, v0))));
  v128.store(lse, f64x2.add(max, log12(f64x2.add(f(10), e))));
  v128.store(tmp, e);
}

// Second pass over a pair: yHat and ∇a from e (at tmp) and lse; returns total − Σ_j y_j·(a_j − lse) over
// both rows (y_j = 0 subtracts ±0, which leaves a sum that started at +0 unchanged: both a and lse are
// finite here, so the scalar path's skip of absent classes is not needed) and adds the rows whose class
// matches Y's to `pairCorrect`. The caller passes only rows whose four logits are finite.
// @ts-ignore: decorator
@inline
function finishPair(a: usize, Y: usize, yHat: usize, gA: usize, lse: usize, tmp: usize, scale: v128, total: f64): f64 {
  const va = v128.load(a);
  const v0 = logit0(va);
  const v1 = logit1(va);
  const up = f64x2.gt(v1, v0);
  const e = v128.load(tmp);
  const l = v128.load(lse);
  const sum = f64x2.add(f(10), e);
  const big = f32x4.demote_f64x2_zero(f64x2.div(f(10), sum));
  const small = f32x4.demote_f64x2_zero(f64x2.div(e, sum));
  const p0 = v128.bitselect(small, big, i32x4.shuffle(up, up, 0, 2, 0, 2)); // float32 lanes 0, 1
  const p1 = v128.bitselect(big, small, i32x4.shuffle(up, up, 0, 2, 0, 2));
  v128.store(yHat, i32x4.shuffle(p0, p1, 0, 4, 1, 5));
  const vy = v128.load(Y);
  const y0f = i32x4.shuffle(vy, vy, 0, 2, 0, 2);
  const y1f = i32x4.shuffle(vy, vy, 1, 3, 1, 3);
  const y0 = f64x2.promote_low_f32x4(y0f);
  const y1 = f64x2.promote_low_f32x4(y1f);
  const mass = f64x2.add(f64x2.add(f(14), y0), y1);
  const g0 = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.sub(f64x2.mul(f64x2.promote_low_f32x4(p0), mass), y0), scale));
  const g1 = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.sub(f64x2.mul(f64x2.promote_low_f32x4(p1), mass), y1), scale));
  v128.store(gA, i32x4.shuffle(g0, g1, 0, 4, 1, 5));
  // Class 1 predicted (p1 > p0) against class 1 targeted (y1 > y0), both compared in float32, lanes 0 and 1.
  const miss = i32x4.bitmask(v128.xor(f32x4.gt(p1, p0), f32x4.gt(y1f, y0f))) & 3;
  pairCorrect += 2 - <i32>popcnt(miss);
  // Subtracted row by row, class by class, as the scalar loop does: the loss gets its bits too.
  const c0 = f64x2.mul(y0, f64x2.sub(v0, l));
  const c1 = f64x2.mul(y1, f64x2.sub(v1, l));
  return total - f64x2.extract_lane(c0, 0) - f64x2.extract_lane(c1, 0) - f64x2.extract_lane(c0, 1) - f64x2.extract_lane(c1, 1);
}

// Rows of the pairs whose predicted class matched the target's, summed across calls (reset by the caller).
let pairCorrect = 0;

// True when the four float32 logits at a (two rows) are all finite: a − a is 0 for them, NaN for ±∞ and NaN.
// @ts-ignore: decorator
@inline
function finite4(a: usize): bool {
  const v = v128.load(a);
  const d = f32x4.sub(v, v);
  return i32x4.all_true(f32x4.eq(d, d));
}

// The two-class case: pairs of rows whose logits are all finite on f64x2 lanes, the rest (NaN, ±∞, an odd
// last row) one by one.
export function softmaxXent2(a: usize, Y: usize, yHat: usize, gA: usize, lse: usize, rows: i32, scale: f64, stats: usize, tmp: usize): void {
  const sc = f64x2.splat(scale);
  let total: f64 = 0;
  pairCorrect = 0;
  for (let r = 0; r + 2 <= rows; r += 2) {
    const o = <usize>r << 3;
    if (finite4(a + o)) lsePair(a + o, lse + (<usize>r << 3), tmp + (<usize>r << 3));
  }
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const o = <usize>r << 3;
    if (finite4(a + o)) total = finishPair(a + o, Y + o, yHat + o, gA + o, lse + (<usize>r << 3), tmp + (<usize>r << 3), sc, total);
    else {
      total = twoClassRow(a + o, Y + o, yHat + o, gA + o, lse + (<usize>r << 3), scale, total);
      total = twoClassRow(a + o + 8, Y + o + 8, yHat + o + 8, gA + o + 8, lse + (<usize>r << 3) + 8, scale, total);
    }
  }
  if (r < rows) total = twoClassRow(a + (<usize>r << 3), Y + (<usize>r << 3), yHat + (<usize>r << 3), gA + (<usize>r << 3), lse + (<usize>r << 3), scale, total);
  store<f64>(stats, total);
  store<f64>(stats, <f64>pairCorrect, 8);
}

// One row of two classes, returning total minus its loss (and counting it in pairCorrect when right): the
// operations of the general loop below in the same order, without the loops over columns and the scratch row.
function twoClassRow(a: usize, Y: usize, yHat: usize, gA: usize, lse: usize, scale: f64, total: f64): f64 {
  const v0 = <f64>load<f32>(a), v1 = <f64>load<f32>(a, 4);
  let max: f64 = -Infinity;
  let at = -1;
  if (v0 > max || isNaN(v0)) { max = v0; at = 0; }
  if (!isNaN(v0) && (v1 > max || isNaN(v1))) { max = v1; at = 1; }
  const finite = isFinite(max);
  const e0 = at === 0 && finite ? 1 : expD(v0 - max);
  const e1 = at === 1 && finite ? 1 : expD(v1 - max);
  let sum: f64 = 0;
  sum += e0;
  sum += e1;
  const l = max + logD(sum);
  store<f64>(lse, l);
  const y0 = <f64>load<f32>(Y), y1 = <f64>load<f32>(Y, 4);
  let mass: f64 = 0;
  mass += y0;
  mass += y1;
  const p0 = <f32>(e0 / sum), p1 = <f32>(e1 / sum);
  store<f32>(yHat, p0);
  store<f32>(yHat, p1, 4);
  store<f32>(gA, <f32>((<f64>p0 * mass - y0) * scale));
  store<f32>(gA, <f32>((<f64>p1 * mass - y1) * scale), 4);
  if (y0 !== 0) total -= y0 * (v0 - l);
  if (y1 !== 0) total -= y1 * (v1 - l);
  if ((p1 > p0 ? 1 : 0) === (<f32>y1 > <f32>y0 ? 1 : 0)) pairCorrect++;
  return total;
}
