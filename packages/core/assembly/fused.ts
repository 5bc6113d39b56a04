// The fused output-layer and update-step kernels (float32 data, float64 arithmetic as the TypeScript kernels).
import { expD, logD } from './math';
import { softmaxXent2 } from './softmax2';

function rowClass(m: usize, cols: i32): i32 {
  if (cols === 1) return load<f32>(m) >= 0.5 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < cols; j++) if (load<f32>(m + (<usize>j << 2)) > load<f32>(m + (<usize>best << 2))) best = j;
  return best;
}

// Softmax + cross-entropy in one pass over rows × cols: yHat = softmax(a), lse_r = log Σ e^(a_rj) (f64),
// gA = (yHat·Σ_c y_c − y)·scale, and at stats (2 f64): the summed loss −Σ y·(a − lse) and the rows whose
// class matches Y's. e: max(cols, rows) f64 of scratch. The same operations, in the same order, as blocked.ts; two
// classes take two rows at a time on f64x2 lanes (./softmax2, the same bits per row), where finite.
export function softmaxXent(a: usize, Y: usize, yHat: usize, gA: usize, lse: usize, rows: i32, cols: i32, scale: f64, e: usize, stats: usize): void {
  if (cols === 2) {
    softmaxXent2(a, Y, yHat, gA, lse, rows, scale, stats, e);
    return;
  }
  let total: f64 = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const o = <usize>(r * cols) << 2;
    let max: f64 = -Infinity;
    let at = -1;
    for (let j = 0; j < cols; j++) {
      const v = <f64>load<f32>(a + o + (<usize>j << 2));
      if (v > max || isNaN(v)) {
        max = v;
        at = j;
        if (isNaN(v)) break;
      }
    }
    const finite = isFinite(max);
    let sum: f64 = 0;
    for (let j = 0; j < cols; j++) {
      const v = j === at && finite ? 1 : expD(<f64>load<f32>(a + o + (<usize>j << 2)) - max);
      store<f64>(e + (<usize>j << 3), v);
      sum += v;
    }
    const l = max + logD(sum);
    store<f64>(lse + (<usize>r << 3), l);
    let mass: f64 = 0;
    for (let j = 0; j < cols; j++) mass += <f64>load<f32>(Y + o + (<usize>j << 2));
    for (let j = 0; j < cols; j++) {
      const p = <f32>(load<f64>(e + (<usize>j << 3)) / sum);
      store<f32>(yHat + o + (<usize>j << 2), p);
      const y = <f64>load<f32>(Y + o + (<usize>j << 2));
      store<f32>(gA + o + (<usize>j << 2), <f32>((<f64>p * mass - y) * scale));
      if (y !== 0) total -= y * (<f64>load<f32>(a + o + (<usize>j << 2)) - l);
    }
    if (rowClass(yHat + o, cols) === rowClass(Y + o, cols)) correct++;
  }
  store<f64>(stats, total);
  store<f64>(stats, <f64>correct, 8);
}

// Σ x_i² over len floats, accumulated in float64: four f64x2 accumulators (eight lanes) over
// eight floats per step, so consecutive adds do not wait on each other, then the lanes added in a fixed order.
export function sumSquares(x: usize, len: i32): f64 {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    const u = v128.load(x + (<usize>i << 2));
    const w = v128.load(x + (<usize>i << 2), 16);
    const u0 = f64x2.promote_low_f32x4(u), u1 = f64x2.promote_low_f32x4(i32x4.shuffle(u, u, 2, 3, 0, 1));
    const w0 = f64x2.promote_low_f32x4(w), w1 = f64x2.promote_low_f32x4(i32x4.shuffle(w, w, 2, 3, 0, 1));
    s0 = f64x2.add(s0, f64x2.mul(u0, u0));
    s1 = f64x2.add(s1, f64x2.mul(u1, u1));
    s2 = f64x2.add(s2, f64x2.mul(w0, w0));
    s3 = f64x2.add(s3, f64x2.mul(w1, w1));
  }
  const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < len; i++) { const v = <f64>load<f32>(x + (<usize>i << 2)); t += v * v; }
  return t;
}

// out_i = wa·a_i + wb·b_i on len floats, each in float64 and rounded once to float32: the weighted sum of two
// shard gradients that a data-parallel step reduces, with the bits of the TypeScript loop (mul and add stay
// apart, never fused, in both builds). out may be a or b.
export function weightedSum(a: usize, wa: f64, b: usize, wb: f64, out: usize, len: i32): void {
  const va = f64x2.splat(wa);
  const vb = f64x2.splat(wb);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    const x = v128.load(a + o);
    const y = v128.load(b + o);
    const lo = f64x2.add(f64x2.mul(va, f64x2.promote_low_f32x4(x)), f64x2.mul(vb, f64x2.promote_low_f32x4(y)));
    const hi = f64x2.add(f64x2.mul(va, f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1))), f64x2.mul(vb, f64x2.promote_low_f32x4(i32x4.shuffle(y, y, 2, 3, 0, 1))));
    v128.store(out + o, i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
  }
  for (; i < len; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, <f32>(wa * <f64>load<f32>(a + o) + wb * <f64>load<f32>(b + o)));
  }
}

// θ_i − η·g_i for lanes i, i + 1 (lo) and i + 2, i + 3 (hi) of t = θ[i..i+4), d = g[i..i+4), in float64, rounded to float32.
function sgd4(t: v128, d: v128, eta: v128): v128 {
  const lo = f64x2.sub(f64x2.promote_low_f32x4(t), f64x2.mul(eta, f64x2.promote_low_f32x4(d)));
  const hi = f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(t, t, 2, 3, 0, 1)), f64x2.mul(eta, f64x2.promote_low_f32x4(i32x4.shuffle(d, d, 2, 3, 0, 1))));
  return i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
}

// The largest |x_i| over len floats at x, as float32 bits compared as integers: for |x| the bit order is
// the numeric order, with +∞ above every finite value and NaN above +∞, so a NaN anywhere gives NaN
// (one integer max per four floats). Two arrays of the same length in one pass (θ and g of an update).
function maxAbs2(x: usize, y: usize, len: i32): v128 {
  const mask = i32x4.splat(0x7fffffff);
  let mx = i32x4.splat(0), my = i32x4.splat(0);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    mx = i32x4.max_s(mx, v128.and(v128.load(x + o), mask));
    my = i32x4.max_s(my, v128.and(v128.load(y + o), mask));
  }
  mx = i32x4.max_s(mx, i32x4.shuffle(mx, mx, 2, 3, 0, 1));
  mx = i32x4.max_s(mx, i32x4.shuffle(mx, mx, 1, 0, 3, 2));
  my = i32x4.max_s(my, i32x4.shuffle(my, my, 2, 3, 0, 1));
  my = i32x4.max_s(my, i32x4.shuffle(my, my, 1, 0, 3, 2));
  let bx = i32x4.extract_lane(mx, 0), by = i32x4.extract_lane(my, 0);
  for (; i < len; i++) {
    bx = max(bx, load<i32>(x + (<usize>i << 2)) & 0x7fffffff);
    by = max(by, load<i32>(y + (<usize>i << 2)) & 0x7fffffff);
  }
  return f64x2.replace_lane(f64x2.splat(<f64>reinterpret<f32>(bx)), 1, <f64>reinterpret<f32>(by));
}

// Plain SGD θ ← θ − η·g on len floats, only when every new θ_i is finite in float32: returns 0 (θ
// untouched) otherwise. A cheap first pass bounds |θ_i − η·g_i| ≤ max|θ| + |η|·max|g|; only when that
// bound could overflow (or is NaN) are the new values themselves checked. Then the update, four lanes
// at a time in float64.
export function sgdStep(theta: usize, g: usize, lr: f64, len: i32): i32 {
  const eta = f64x2.splat(lr);
  let i = 0;
  // 3.4e38 is below float32's largest finite value with a margin far beyond float64 rounding.
  const m = maxAbs2(theta, g, len);
  if (!(f64x2.extract_lane(m, 0) + abs(lr) * f64x2.extract_lane(m, 1) <= 3.4e38)) {
    const big = f32x4.splat(3.4028234663852886e38);
    let ok = i32x4.splat(-1);
    for (i = 0; i + 4 <= len; i += 4) {
      const o = <usize>i << 2;
      ok = v128.and(ok, f32x4.le(f32x4.abs(sgd4(v128.load(theta + o), v128.load(g + o), eta)), big)); // false for ±∞ and NaN
    }
    if (!i32x4.all_true(ok)) return 0;
    for (let q = i; q < len; q++) {
      const o = <usize>q << 2;
      if (!isFinite(<f32>(<f64>load<f32>(theta + o) - lr * <f64>load<f32>(g + o)))) return 0;
    }
  }
  for (i = 0; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    v128.store(theta + o, sgd4(v128.load(theta + o), v128.load(g + o), eta));
  }
  for (; i < len; i++) {
    const o = <usize>i << 2;
    store<f32>(theta + o, <f32>(<f64>load<f32>(theta + o) - lr * <f64>load<f32>(g + o)));
  }
  return 1;
}
