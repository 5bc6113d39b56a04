// Scalar float64 helpers of the fused kernels.
// e^x and ln x: line-for-line ports of src/math/exp.ts and src/math/log.ts (fdlibm 5.3, only +, −, ×, ÷
// and word access), so the float32 softmax here gives the same bits as the TypeScript kernels' detMath.
export function hiWord(x: f64): i32 { return <i32>(reinterpret<u64>(x) >> 32); }
export function loWord(x: f64): u32 { return <u32>reinterpret<u64>(x); }
export function pow2(k: i32): f64 { return reinterpret<f64>(<u64>(0x3ff + k) << 52); }
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;

export function expD(x: f64): f64 {
  const hx = hiWord(x);
  const negative = hx < 0;
  const ix = hx & 0x7fffffff;
  if (ix >= 0x40862e42) {
    if (ix >= 0x7ff00000) {
      if (((ix & 0xfffff) | loWord(x)) !== 0) return x + x;
      return negative ? 0 : x;
    }
    if (x > 709.782712893384) return Infinity;
    if (x < -745.1332191019411) return 0;
  }
  let hi: f64 = 0, lo: f64 = 0, k: i32 = 0;
  if (ix > 0x3fd62e42) {
    if (ix < 0x3ff0a2b2) {
      if (x === 1) return 2.718281828459045;
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = <i32>trunc<f64>(1.4426950408889634 * x + (negative ? -0.5 : 0.5));
      hi = x - <f64>k * LN2_HI;
      lo = <f64>k * LN2_LO;
    }
    x = hi - lo;
  } else if (ix < 0x3e300000) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (0.16666666666666602 + t * (-0.0027777777777015593 + t * (0.00006613756321437934 + t * (-0.0000016533902205465252 + t * 4.1381367970572385e-8))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) return k === 1024 ? y * 2 * pow2(1023) : y * pow2(k);
  return y * pow2(k + 1000) * 9.332636185032189e-302;
}

export function logD(x: f64): f64 {
  let hx = hiWord(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | loWord(x)) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= 1.8014398509481984e16;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = reinterpret<f64>((<u64>(<u32>(hx | (i ^ 0x3ff00000))) << 32) | <u64>loWord(x));
  k += i >> 20;
  const f = x - 1;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (0.3999999999940942 + w * (0.22222198432149784 + w * 0.15313837699209373));
  const t2 = z * (0.6666666666666735 + w * (0.2857142874366239 + w * (0.1818357216161805 + w * 0.14798198605116586)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

// The predicted class of a row: the first largest entry (one column: ≥ 0.5).
