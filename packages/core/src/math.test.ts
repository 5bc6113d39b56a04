import { describe, expect, test } from 'vitest';
import * as dm from './math.js';
import { createRng } from './random.js';

// Every function is compared with the host's Math.* (V8 here: fdlibm-derived, itself < 1 ulp) by the
// integer distance between the bit patterns. Two functions each within 1 ulp of the true value may be
// 2 apart in principle; fdlibm's ports agree with V8 far closer than that, so the bound is 1.
const view = new DataView(new ArrayBuffer(8));
/** Bits of x as an integer ordered like the numbers (−0 and +0 both map to 0). */
function ordered(x: number): bigint {
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}
function fromBits(hi: number, lo: number): number {
  view.setUint32(0, hi >>> 0);
  view.setUint32(4, lo >>> 0);
  return view.getFloat64(0);
}
function nextUp(x: number): number {
  return Number(ordered(x)) >= 0 && x >= 0 ? bitsAfter(x, 1) : bitsAfter(x, -1);
}
function bitsAfter(x: number, step: 1 | -1): number {
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + BigInt(step));
  return view.getFloat64(0);
}

const rng = createRng(20240611);
const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rng.next();
/** Random sign and mantissa, exponent uniform in [lo, hi] (so every binade is hit alike). */
const logUniform = (lo: number, hi: number, signed = true): number => {
  const e = lo + rng.int(hi - lo + 1);
  const m = 1 + rng.next() + rng.next() * 2 ** -32;
  return (signed && rng.next() < 0.5 ? -1 : 1) * m * 2 ** e;
};
const draw = (n: number, f: () => number): number[] => Array.from({ length: n }, f);

type Fn = (x: number) => number;
const cases: readonly [name: string, ours: Fn, host: Fn, inputs: number[]][] = [
  ['exp', dm.exp, Math.exp, [...draw(6000, () => uniform(-745.2, 709.8)), ...draw(6000, () => uniform(-5, 5)), ...draw(3000, () => logUniform(-1074, 0))]],
  ['expm1', dm.expm1, Math.expm1, [...draw(6000, () => uniform(-40, 709.8)), ...draw(6000, () => uniform(-2, 2)), ...draw(3000, () => logUniform(-1074, 0))]],
  ['log', dm.log, Math.log, [...draw(6000, () => logUniform(-1074, 1023, false)), ...draw(6000, () => uniform(0.5, 2)), ...draw(3000, () => 1 + logUniform(-52, -1))]],
  ['log1p', dm.log1p, Math.log1p, [...draw(6000, () => logUniform(-1074, 1023, false)), ...draw(6000, () => uniform(-1, 1)), ...draw(3000, () => logUniform(-1074, -1))]],
  ['tanh', dm.tanh, Math.tanh, [...draw(6000, () => uniform(-25, 25)), ...draw(6000, () => uniform(-1.5, 1.5)), ...draw(3000, () => logUniform(-1074, 5))]],
  ['sin', dm.sin, Math.sin, [...draw(5000, () => uniform(-10, 10)), ...draw(6000, () => uniform(-2e6, 2e6)), ...draw(2000, () => logUniform(-1074, 1023)), ...draw(2000, () => logUniform(-30, 60))]],
  ['cos', dm.cos, Math.cos, [...draw(5000, () => uniform(-10, 10)), ...draw(6000, () => uniform(-2e6, 2e6)), ...draw(2000, () => logUniform(-1074, 1023)), ...draw(2000, () => logUniform(-30, 60))]],
];

describe.each(cases)('%s', (name, ours, host, inputs) => {
  test(`within 1 ulp of Math.${name} on ${inputs.length} seeded inputs (tiny, moderate, large, negative)`, () => {
    let worst = 0;
    let worstAt = 0;
    let differing = 0;
    for (const x of inputs) {
      const d = ulps(ours(x), host(x));
      if (d > 0) differing++;
      if (d > worst) [worst, worstAt] = [d, x];
    }
    expect({ worst, worstAt: worst > 1 ? worstAt : 0 }).toEqual({ worst: expect.any(Number), worstAt: 0 });
    expect(worst).toBeLessThanOrEqual(1);
    expect(differing / inputs.length).toBeLessThan(0.2);
  });

  const specials = [NaN, Infinity, -Infinity, 0, -0, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 2 ** -1022 - 2 ** -1074,
    Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.5, -0.5, 2, 709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412,
    -708.3964185322641, 22, -22, 2 ** -28, 2 ** -54, 2 ** -55, Math.PI / 4, Math.PI / 2, Math.PI, 3 * Math.PI / 4, 2 ** 20 * Math.PI / 2, 1e22, 2 ** 1023];
  test('special values: exactly what Math.* returns (NaN, ±∞, ±0, subnormals, overflow, underflow)', () => {
    for (const x of specials) {
      const [a, b] = [ours(x), host(x)];
      if (!Number.isFinite(b) || b === 0 || !Number.isFinite(x) || x === 0) expect([x, a]).toEqual([x, b]); // toEqual tells −0 from +0
      else expect(ulps(a, b), `${name}(${x})`).toBeLessThanOrEqual(1);
    }
  });
});

describe('special results, by definition', () => {
  test('as ECMAScript specifies them', () => {
    expect([dm.exp(-Infinity), dm.exp(Infinity), dm.exp(-0), dm.exp(800), dm.exp(-800)]).toEqual([0, Infinity, 1, Infinity, 0]);
    expect([dm.expm1(-0), dm.expm1(-Infinity), dm.expm1(-50), dm.expm1(1e-300)]).toEqual([-0, -1, -1, 1e-300]);
    expect([dm.log(0), dm.log(-0), dm.log(1), dm.log(-1), dm.log(Infinity), dm.log(-Infinity)]).toEqual([-Infinity, -Infinity, 0, NaN, Infinity, NaN]);
    expect([dm.log1p(-1), dm.log1p(-2), dm.log1p(-0), dm.log1p(Infinity), dm.log1p(5e-324)]).toEqual([-Infinity, NaN, -0, Infinity, 5e-324]);
    expect([dm.tanh(-0), dm.tanh(Infinity), dm.tanh(-Infinity), dm.tanh(30), dm.tanh(-1e-310)]).toEqual([-0, 1, -1, 1, -1e-310]);
    expect([dm.sin(-0), dm.sin(Infinity), dm.cos(-Infinity), dm.cos(-0), dm.sin(NaN), dm.cos(NaN)]).toEqual([-0, NaN, NaN, 1, NaN, NaN]);
    expect([dm.exp(1), dm.log(Math.E), dm.log(2), dm.cos(0)]).toEqual([Math.E, 1, Math.LN2, 1]);
    // exp's smallest result: 2^-1074 just above ln(2^-1075) ≈ −745.133219101941, 0 below.
    expect([dm.exp(-745.1332191019411), dm.exp(-745.1332191019412)]).toEqual([5e-324, 0]);
  });
});

describe('identities', () => {
  test('exp(log x) ≈ x and log(exp x) ≈ x, within the error log x carries into exp', () => {
    for (let i = 0; i < 5000; i++) {
      const x = logUniform(-1000, 1000, false);
      const lx = dm.log(x);
      expect(Math.abs(dm.exp(lx) - x) / x).toBeLessThanOrEqual((Math.abs(lx) + 2) * 2 ** -52);
      const z = uniform(-700, 700);
      expect(Math.abs(dm.log(dm.exp(z)) - z)).toBeLessThanOrEqual(Math.max(Math.abs(z), 1) * 2 ** -51);
    }
  });

  test('tanh and sin are odd, cos is even, bit for bit; sin² + cos² ≈ 1', () => {
    for (let i = 0; i < 5000; i++) {
      const x = i % 2 ? uniform(-30, 30) : logUniform(-60, 80);
      expect([dm.tanh(-x), dm.sin(-x), dm.cos(-x)]).toEqual([-dm.tanh(x), -dm.sin(x), dm.cos(x)]);
      const [s, c] = [dm.sin(x), dm.cos(x)];
      expect(Math.abs(s * s + c * c - 1)).toBeLessThanOrEqual(4 * 2 ** -52);
    }
  });

  test('expm1 and log1p agree with exp and log where those are accurate', () => {
    for (let i = 0; i < 2000; i++) {
      const x = uniform(2, 40);
      expect(Math.abs(dm.expm1(x) - (dm.exp(x) - 1)) / dm.expm1(x)).toBeLessThan(4 * 2 ** -52);
      expect(Math.abs(dm.log1p(x) - dm.log(1 + x)) / dm.log1p(x)).toBeLessThan(4 * 2 ** -52);
    }
  });
});

test('monotone across 2000 consecutive doubles at every branch boundary of the reductions', () => {
  const spots: [Fn, number][] = [
    [dm.exp, 0.5 * Math.LN2], [dm.exp, -0.5 * Math.LN2], [dm.exp, 1.5 * Math.LN2], [dm.exp, 2 ** -28], [dm.exp, 1], [dm.exp, -708.4],
    [dm.expm1, 0.5 * Math.LN2], [dm.expm1, 1.5 * Math.LN2], [dm.expm1, -0.25], [dm.expm1, 20 * Math.LN2], [dm.expm1, 56 * Math.LN2],
    [dm.log, 1], [dm.log, Math.SQRT2], [dm.log, Math.SQRT1_2], [dm.log, 2.2250738585072014e-308],
    [dm.log1p, 0.41422], [dm.log1p, -0.2929], [dm.log1p, 2 ** -29], [dm.log1p, Math.SQRT2 - 1],
    [dm.tanh, 1], [dm.tanh, 2 ** -28], [dm.tanh, 0.5],
    [dm.sin, 0.6], [dm.cos, 0.3], [dm.cos, 0.78125], [dm.sin, -Math.PI / 4],
  ];
  for (const [f, at] of spots) {
    let x = at;
    for (let i = 0; i < 1000; i++) x = bitsAfter(x, -1 * Math.sign(x) as 1 | -1);
    let previous = f(x);
    const increasing = f(at + Math.abs(at) * 1e-9) >= f(at - Math.abs(at) * 1e-9);
    for (let i = 0; i < 2000; i++) {
      x = nextUp(x);
      const v = f(x);
      expect(increasing ? v >= previous : v <= previous, `${f.name} near ${at}`).toBe(true);
      previous = v;
    }
  }
});

test('powi: integer powers within 1 ulp of Math.pow below 2^995 (Adam’s β^t, schedules’ γ^k), ±∞ and 0 as Math.pow', () => {
  expect([dm.powi(0.9, 0), dm.powi(2, 10), dm.powi(2, -3), dm.powi(-3, 3), dm.powi(0, -1), dm.powi(NaN, 0)]).toEqual([1, 1024, 0.125, -27, Infinity, 1]);
  expect([dm.powi(10, 400), dm.powi(0.1, 400), dm.powi(-10, 401), dm.powi(0.5, 1074), dm.powi(0.5, 1075)]).toEqual([Infinity, 0, -Infinity, 5e-324, 0]);
  for (let i = 0; i < 10000; i++) {
    const [b, n] = i % 2 ? [uniform(0.5, 1), 1 + rng.int(20000)] : [uniform(-3, 3), rng.int(600) - 300];
    const expected = Math.pow(b, n);
    if (Math.abs(expected) < 2 ** 995) expect(ulps(dm.powi(b, n), expected), `${b}^${n}`).toBeLessThanOrEqual(1);
  }
});

test('fixed bits: a checksum of 7 × 2000 results, the same in every engine (any change to math/ must update it knowingly)', () => {
  const fixed = createRng(7);
  let h = 0x811c9dc5;
  for (const f of [dm.exp, dm.expm1, dm.log, dm.log1p, dm.tanh, dm.sin, dm.cos]) {
    for (let i = 0; i < 2000; i++) {
      const x = f === dm.log ? fixed.next() * 100 : 40 * fixed.next() - 20;
      view.setFloat64(0, f(x));
      h = Math.imul(h ^ view.getUint32(0), 0x01000193) >>> 0;
      h = Math.imul(h ^ view.getUint32(4), 0x01000193) >>> 0;
    }
  }
  expect(h.toString(16)).toBe('e3b403b2');
});
