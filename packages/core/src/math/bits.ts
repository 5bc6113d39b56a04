// IEEE-754 float64 ⇄ its two 32-bit words, as fdlibm's __HI / __LO. One shared 8-byte buffer; the word
// order is found once, so the result does not depend on the platform's byte order.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word second
const LO = 1 - HI;

/** The high word of x (sign, exponent, top 20 mantissa bits) as a signed 32-bit integer (C's `int hx`). */
export function highWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}

/** The low word of x (bottom 32 mantissa bits), unsigned. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO]!;
}

/** The float64 whose words are `hi` and `lo`. */
export function fromWords(hi: number, lo: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0]!;
}

/** x with its high word replaced (low word kept). */
export function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0]!;
}

/** 2^k for an integer −1022 ≤ k ≤ 1023, exactly. */
export function pow2(k: number): number {
  return fromWords((0x3ff + k) << 20, 0);
}
