// Element-wise activations and their derivatives (float32, SIMD).

// tanh(x) as the rational minimax approximation of Eigen's ptanh_float (degree 13/6 on x clamped to
// ±7.905, where float32 tanh is already ±1): max error a few float32 ulps. Float64 never comes here.
// The coefficients are loaded from memory (one broadcast load each): as v128.const in the loop, V8
// rebuilt each of them on every iteration (three instructions apiece, more than the arithmetic).
const C = memory.data<f32>([
  -7.905311107635498, 7.905311107635498,
  -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-08,
  1.48572235717979e-05, 6.37261928875436e-04, 4.89352455891786e-03,
  1.19825839466702e-06, 1.18534705686654e-04, 2.26843463243900e-03, 4.89352518554385e-03,
  0.5, 1, 0,
]);
const HALF = 13;
const ONE = 14;
const ZERO = 15;

// Entry i of C on all four lanes.
// @ts-ignore: decorator
@inline
function c4(i: i32): v128 {
  return v128.load32_splat(C + (<usize>i << 2));
}

// The clamp uses pmin/pmax (one instruction each; min/max's NaN and ±0 rules cost several), in the
// order that keeps their results: pmax(x, lo) = x < lo ? lo : x passes NaN and −0 through as max did.
// @ts-ignore: decorator
@inline
function tanh4(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, c4(0)), c4(1));
  const x2 = f32x4.mul(x, x);
  let p = c4(2);
  p = f32x4.add(f32x4.mul(p, x2), c4(3));
  p = f32x4.add(f32x4.mul(p, x2), c4(4));
  p = f32x4.add(f32x4.mul(p, x2), c4(5));
  p = f32x4.add(f32x4.mul(p, x2), c4(6));
  p = f32x4.add(f32x4.mul(p, x2), c4(7));
  p = f32x4.add(f32x4.mul(p, x2), c4(8));
  p = f32x4.mul(p, x);
  let q = c4(9);
  q = f32x4.add(f32x4.mul(q, x2), c4(10));
  q = f32x4.add(f32x4.mul(q, x2), c4(11));
  q = f32x4.add(f32x4.mul(q, x2), c4(12));
  return f32x4.div(p, q);
}

// g(x) for g = relu (0), tanh (1), logistic (2): σ(x) = ½ + ½·tanh(x/2).
// @ts-ignore: decorator
@inline
function g4(kind: i32, x: v128): v128 {
  if (kind === 0) return f32x4.max(x, c4(ZERO));
  if (kind === 1) return tanh4(x);
  return f32x4.add(c4(HALF), f32x4.mul(c4(HALF), tanh4(f32x4.mul(c4(HALF), x))));
}

// h = g(a) for g = relu (0), tanh (1), logistic (2); len floats; h may be a. One loop per kind: the
// kind is not tested per element.
export function activate(kind: i32, a: usize, h: usize, len: i32): void {
  if (kind === 0) activateLoop(0, a, h, len);
  else if (kind === 1) activateLoop(1, a, h, len);
  else activateLoop(2, a, h, len);
}

// @ts-ignore: decorator
@inline
function activateLoop(kind: i32, a: usize, h: usize, len: i32): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>(i << 2);
    v128.store(h + o, g4(kind, v128.load(a + o)));
  }
  for (; i < len; i++) {
    const o = <usize>(i << 2);
    store<f32>(h + o, f32x4.extract_lane(g4(kind, f32x4.splat(load<f32>(a + o))), 0));
  }
}

// gA = gH ⊙ g′(a): relu (0) from a (g′(0) = 0), tanh (1) as 1 − h², logistic (2) as h(1 − h); one loop per kind.
export function activateBackward(kind: i32, a: usize, h: usize, gH: usize, gA: usize, len: i32): void {
  if (kind === 0) backwardLoop(0, a, h, gH, gA, len);
  else if (kind === 1) backwardLoop(1, a, h, gH, gA, len);
  else backwardLoop(2, a, h, gH, gA, len);
}

// @ts-ignore: decorator
@inline
function backwardLoop(kind: i32, a: usize, h: usize, gH: usize, gA: usize, len: i32): void {
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>(i << 2);
    const g = v128.load(gH + o);
    let y: v128;
    if (kind === 0) y = v128.and(g, f32x4.gt(v128.load(a + o), c4(ZERO)));
    else {
      const t = v128.load(h + o);
      y = kind === 1 ? f32x4.mul(g, f32x4.sub(c4(ONE), f32x4.mul(t, t))) : f32x4.mul(g, f32x4.mul(t, f32x4.sub(c4(ONE), t)));
    }
    v128.store(gA + o, y);
  }
  for (; i < len; i++) {
    const o = <usize>(i << 2);
    const g = load<f32>(gH + o);
    if (kind === 0) store<f32>(gA + o, load<f32>(a + o) > 0 ? g : 0);
    else {
      const t = load<f32>(h + o);
      store<f32>(gA + o, kind === 1 ? g * (1 - t * t) : g * t * (1 - t));
    }
  }
}
