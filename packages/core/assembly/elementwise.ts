// Element-wise activations and their derivatives (float32, SIMD).

// ±7.905, where float32 tanh is already ±1): max error a few float32 ulps. Float64 never comes here.
function tanh4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-7.905311107635498)), f32x4.splat(7.905311107635498));
  const x2 = f32x4.mul(x, x);
  let p = f32x4.splat(-2.76076847742355e-16);
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(2.00018790482477e-13));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(-8.60467152213735e-11));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(5.12229709037114e-08));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(1.48572235717979e-05));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(6.37261928875436e-04));
  p = f32x4.add(f32x4.mul(p, x2), f32x4.splat(4.89352455891786e-03));
  p = f32x4.mul(p, x);
  let q = f32x4.splat(1.19825839466702e-06);
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(1.18534705686654e-04));
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(2.26843463243900e-03));
  q = f32x4.add(f32x4.mul(q, x2), f32x4.splat(4.89352518554385e-03));
  return f32x4.div(p, q);
}

// h = g(a) for g = relu (0), tanh (1), logistic (2); len floats; h may be a.
export function activate(kind: i32, a: usize, h: usize, len: i32): void {
  const zero = f32x4.splat(0);
  const half = f32x4.splat(0.5);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>(i << 2);
    const x = v128.load(a + o);
    let y: v128;
    if (kind === 0) y = f32x4.max(x, zero);
    else if (kind === 1) y = tanh4(x);
    else y = f32x4.add(half, f32x4.mul(half, tanh4(f32x4.mul(half, x)))); // σ(x) = ½ + ½·tanh(x/2)
    v128.store(h + o, y);
  }
  for (; i < len; i++) {
    const o = <usize>(i << 2);
    const x = f32x4.splat(load<f32>(a + o));
    let y: v128;
    if (kind === 0) y = f32x4.max(x, zero);
    else if (kind === 1) y = tanh4(x);
    else y = f32x4.add(half, f32x4.mul(half, tanh4(f32x4.mul(half, x))));
    store<f32>(h + o, f32x4.extract_lane(y, 0));
  }
}

// gA = gH ⊙ g′(a): relu (0) from a (g′(0) = 0), tanh (1) as 1 − h², logistic (2) as h(1 − h).
export function activateBackward(kind: i32, a: usize, h: usize, gH: usize, gA: usize, len: i32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>(i << 2);
    const g = v128.load(gH + o);
    let y: v128;
    if (kind === 0) y = v128.and(g, f32x4.gt(v128.load(a + o), zero));
    else {
      const t = v128.load(h + o);
      y = kind === 1 ? f32x4.mul(g, f32x4.sub(one, f32x4.mul(t, t))) : f32x4.mul(g, f32x4.mul(t, f32x4.sub(one, t)));
    }
    v128.store(gA + o, y);
  }
  for (; i < len; i++) {
    const o = <usize>(i << 2);
    const g = load<f32>(gH + o);
    const t = load<f32>(h + o);
    store<f32>(gA + o, kind === 0 ? (load<f32>(a + o) > 0 ? g : 0) : kind === 1 ? g * (1 - t * t) : g * t * (1 - t));
  }
}
