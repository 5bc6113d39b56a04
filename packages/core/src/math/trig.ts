// sin and cos: ports of fdlibm 5.3's s_sin.c, s_cos.c, k_sin.c, k_cos.c and the medium-size path of
// e_rem_pio2.c (Sun Microsystems, 1993; "permission to use, copy, modify, and distribute this software
// is freely granted, provided that this notice is preserved"). Error < 1 ulp.
//
// Argument reduction x = n·π/2 + y (|y| ≤ π/4, y as y0 + y1):
//   |x| ≤ 2^20·π/2   Cody–Waite with π/2 split into 33-bit pieces (fdlibm's medium path, up to 151 bits);
//   larger |x|       exact Payne–Hanek in BigInt: the mantissa times 1280 bits of 2/π (computed once, on
//                    first use, from Machin's formula). Integer arithmetic, so still the same bits everywhere.
import { fromWords, highWord, lowWord, pow2 } from './bits.js';

const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;

/** sin(x + y) for |x| ≤ π/4, y a tail below half an ulp of x (`tail` false: y = 0). */
function kernelSin(x: number, y: number, tail: boolean): number {
  if ((highWord(x) & 0x7fffffff) < 0x3e400000) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (!tail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

/** cos(x + y) for |x| ≤ π/4, y a tail below half an ulp of x. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // 1 − x²/2 loses bits for |x| ≥ 0.3: subtract qx ≈ x²/8 exactly first.
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  return 1 - qx - (hz - (z * r - x * y));
}

const INV_PIO2 = 0.6366197723675814; // 0x3FE45F30 6DC9C883
const PIO2_1 = 1.5707963267341256; // 0x3FF921FB 54400000: first 33 bits of π/2
const PIO2_1T = 6.077100506506192e-11; // π/2 − PIO2_1
const PIO2_2 = 6.077100506303966e-11; // second 33 bits
const PIO2_2T = 2.0222662487959506e-21; // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.0222662487111665e-21; // third 33 bits
const PIO2_3T = 8.4784276603689e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)

/** The reduced argument: y0 + y1 = x − n·π/2 (the result of {@link remPio2}, reused). */
const y = [0, 0];

/** n mod 4 for x = n·π/2 + y0 + y1, |y0 + y1| ≤ π/4 (a little more for huge |x|); writes `y`. */
function remPio2(x: number, hx: number): number {
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    const s = hx > 0 ? 1 : -1;
    let z = x - s * PIO2_1;
    if (ix !== 0x3ff921fb) {
      y[0] = z - s * PIO2_1T;
      y[1] = z - y[0]! - s * PIO2_1T;
    } else {
      // near π/2: 33 + 33 + 53 bits of π/2
      z -= s * PIO2_2;
      y[0] = z - s * PIO2_2T;
      y[1] = z - y[0]! - s * PIO2_2T;
    }
    return s & 3;
  }
  if (ix > 0x413921fb) return remPio2Huge(x); // |x| > 2^20·π/2
  const t = Math.abs(x);
  const n = Math.trunc(t * INV_PIO2 + 0.5);
  let r = t - n * PIO2_1;
  let w = n * PIO2_1T; // first round: good to 85 bits
  const j = ix >> 20;
  y[0] = r - w;
  if (j - ((highWord(y[0]!) >> 20) & 0x7ff) > 16) {
    // cancellation: second round, good to 118 bits
    let u = r;
    w = n * PIO2_2;
    r = u - w;
    w = n * PIO2_2T - (u - r - w);
    y[0] = r - w;
    if (j - ((highWord(y[0]!) >> 20) & 0x7ff) > 49) {
      // third round, 151 bits: covers every double in this range
      u = r;
      w = n * PIO2_3;
      r = u - w;
      w = n * PIO2_3T - (u - r - w);
      y[0] = r - w;
    }
  }
  y[1] = r - y[0]! - w;
  if (hx < 0) {
    y[0] = -y[0]!;
    y[1] = -y[1]!;
    return -n & 3;
  }
  return n & 3;
}

// Payne–Hanek. x = m·2^e (m < 2^53 an integer, e ≤ 971), so x·2/π = m·TWO_OVER_PI·2^(e − B); its bits
// from 2^1 down to 2^-(FRAC) are exact, because TWO_OVER_PI's error (< 2^-B) times x (< 2^1024) is far
// below them. B = 1280 leaves 256 bits below the binary point: more than enough, as no double lies
// closer than 2^-62 (relative) to a multiple of π/2.
const B = 1280;
const FRAC = 192; // bits of the fraction kept
let TWO_OVER_PI = 0n; // ⌊2/π · 2^B⌋
let PIO2 = 0n; // ⌊π/2 · 2^FRAC⌋

/** ⌊π · 2^bits⌋ (to within a few units) by Machin's formula π = 16·atan(1/5) − 4·atan(1/239). */
function piFixed(bits: number): bigint {
  const guard = 32n;
  const one = 1n << (BigInt(bits) + guard);
  const atanInv = (k: bigint): bigint => {
    let sum = 0n;
    let power = one / k; // 1/k^(2i+1)
    for (let i = 0n; power !== 0n; i++) {
      sum += (i & 1n ? -power : power) / (2n * i + 1n);
      power /= k * k;
    }
    return sum;
  };
  return (16n * atanInv(5n) - 4n * atanInv(239n)) >> guard;
}

function remPio2Huge(x: number): number {
  if (TWO_OVER_PI === 0n) {
    const pi = piFixed(B + 64);
    TWO_OVER_PI = (1n << BigInt(2 * B + 65)) / pi; // 2/π · 2^B
    PIO2 = pi >> BigInt(B + 64 - FRAC + 1); // π/2 · 2^FRAC
  }
  const hx = highWord(x);
  const e = ((hx >> 20) & 0x7ff) - 1075; // x = m·2^e; here e ≥ −32
  const m = (BigInt((hx & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const shift = BigInt(B - e); // > FRAC + 2
  const product = m * TWO_OVER_PI; // x·2/π · 2^shift
  let n = Number((product >> shift) & 3n);
  let frac = (product >> (shift - BigInt(FRAC))) & ((1n << BigInt(FRAC)) - 1n); // fraction · 2^FRAC
  if (frac >> BigInt(FRAC - 1)) {
    // fraction ≥ 1/2: round n up, y negative
    frac -= 1n << BigInt(FRAC);
    n += 1;
  }
  const r = frac * PIO2; // y · 2^(2·FRAC)
  const hi = Number(r);
  const scale = pow2(-2 * FRAC);
  y[0] = hi * scale;
  y[1] = Number(r - BigInt(hi)) * scale;
  if (hx < 0) {
    y[0] = -y[0]!;
    y[1] = -y[1]!;
    n = -n;
  }
  return n & 3;
}

/** sin x; NaN for ±∞ and NaN, −0 for −0. */
export function sin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, false); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return NaN;
  switch (remPio2(x, hx)) {
    case 0:
      return kernelSin(y[0]!, y[1]!, true);
    case 1:
      return kernelCos(y[0]!, y[1]!);
    case 2:
      return -kernelSin(y[0]!, y[1]!, true);
    default:
      return -kernelCos(y[0]!, y[1]!);
  }
}

/** cos x; NaN for ±∞ and NaN. */
export function cos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0); // |x| ≤ π/4
  if (ix >= 0x7ff00000) return NaN;
  switch (remPio2(x, hx)) {
    case 0:
      return kernelCos(y[0]!, y[1]!);
    case 1:
      return -kernelSin(y[0]!, y[1]!, true);
    case 2:
      return -kernelCos(y[0]!, y[1]!);
    default:
      return kernelSin(y[0]!, y[1]!, true);
  }
}
