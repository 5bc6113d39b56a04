// The WebAssembly SIMD kernel set, in AssemblyScript (compiled by ../scripts/build-wasm.mjs; no
// binary is committed). Float32 only: float64 networks use the pure-TypeScript kernels.
// Every pointer is a byte offset into this module's memory, which the TypeScript side manages
// (src/kernels/wasm-simd.ts); nothing here allocates. Matrices are row-major.

// B is first packed into panels of 8 columns, each KC-deep slice contiguous (Bp[q][p][c] = B(p, 8q + c),
// zero-padded), as BLAS and XNNPACK pack weights: the micro-kernel then streams B sequentially instead
// of striding through rows (a 4 KiB stride at n = 1024 aliases in L1). A KC × 8 panel slice (8 KiB)
// stays in L1 while every 4-row strip of A passes over it.
const KC: i32 = 256;
const MC: i32 = 128;
const TMP_C = memory.data(4 * 8 * 4);
const TMP_BIAS = memory.data(8 * 4);

// Bp = B packed, with B(p, j) = B[p·bk + j·bj], p < k, j < n. Bp needs ceil(n / 8) · k · 8 floats.
export function pack(B: usize, bk: i32, bj: i32, k: i32, n: i32, Bp: usize): void {
  for (let j0 = 0; j0 < n; j0 += 8) {
    const nv = min(8, n - j0);
    let dst = Bp + (<usize>(j0 * k) << 2);
    for (let p = 0; p < k; p++) {
      for (let c = 0; c < 8; c++) store<f32>(dst + (c << 2), c < nv ? load<f32>(B + ((p * bk + (j0 + c) * bj) << 2)) : 0);
      dst += 32;
    }
  }
}

// C(m × n) = [bias] + Σ_p A(i, p) · B(p, j), with A(i, p) = A[i·ai + p·ap] and B(p, j) at byte
// B + (j − j mod 8)·cj + p·cp + 4·(j mod 8): packed (cj = 4k, cp = 32) or row-major along j (cj = 4,
// cp = 4·row stride; the caller leaves 32 readable bytes past B, as the last panel may read over).
// The 4 × 8 micro-kernel keeps 8 accumulators in registers and does 8 multiply-adds per 2 vector
// loads of B and 4 broadcasts of A (a 6 × 8 block measured slower under V8: its accumulators spill).
export function gemm(m: i32, n: i32, k: i32, A: usize, ai: i32, ap: i32, B: usize, cj: i32, cp: i32, C: usize, bias: usize): void {
  if (k === 0) {
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) store<f32>(C + ((i * n + j) << 2), bias ? load<f32>(bias + (j << 2)) : 0);
    return;
  }
  const ai4 = <usize>(ai << 2);
  const ap4 = <usize>(ap << 2);
  const n4 = <usize>(n << 2);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    const first = p0 === 0;
    // Rows of A in blocks of MC: an MC × KC block of A (128 KiB) stays in L2 while every B panel
    // slice passes over it, so A is read from memory n / 8 times fewer than without the block.
    for (let i0 = 0; i0 < m; i0 += MC) {
    const iEnd = min(m, i0 + MC);
    for (let j = 0; j < n; j += 8) {
      const b = B + <usize>(j * cj) + <usize>(p0 * cp);
      const nv = min(8, n - j);
      let biasJ: usize = 0;
      if (first && bias) {
        if (nv === 8) biasJ = bias + (j << 2);
        else {
          for (let c = 0; c < 8; c++) store<f32>(TMP_BIAS + (c << 2), c < nv ? load<f32>(bias + ((j + c) << 2)) : 0);
          biasJ = TMP_BIAS;
        }
      }
      for (let i = i0; i < iEnd; i += 4) {
        const rows = min(4, iEnd - i);
        const a = A + <usize>i * ai4 + <usize>p0 * ap4;
        const c = C + <usize>i * n4 + (j << 2);
        if (nv === 8 && rows === 4) {
          micro4(a, ai4, ap4, b, <usize>cp, kc, c, n4, first, biasJ);
          continue;
        }
        // Edge block: through a padded 4 × 8 tile.
        if (!first) for (let r = 0; r < rows; r++) for (let q = 0; q < nv; q++) store<f32>(TMP_C + ((r * 8 + q) << 2), load<f32>(c + <usize>r * n4 + (q << 2)));
        if (rows === 4) micro4(a, ai4, ap4, b, <usize>cp, kc, TMP_C, 32, first, biasJ);
        else for (let r = 0; r < rows; r++) micro1(a + <usize>r * ai4, ap4, b, <usize>cp, kc, TMP_C + <usize>(r * 32), first, biasJ);
        for (let r = 0; r < rows; r++) for (let q = 0; q < nv; q++) store<f32>(c + <usize>r * n4 + (q << 2), load<f32>(TMP_C + ((r * 8 + q) << 2)));
      }
    }
    }
  }
}

function init4(first: bool, c: usize, bias: usize, offset: usize): v128 {
  return first ? (bias ? v128.load(bias + offset) : f32x4.splat(0)) : v128.load(c + offset);
}

// Rows of C at c, c + cs, c + 2cs, c + 3cs (8 floats each) += A strip · B panel slice.
function micro4(a: usize, ai4: usize, ap4: usize, b: usize, cp: usize, kc: i32, c: usize, cs: usize, first: bool, bias: usize): void {
  let c00 = init4(first, c, bias, 0), c01 = init4(first, c, bias, 16);
  let c10 = init4(first, c + cs, bias, 0), c11 = init4(first, c + cs, bias, 16);
  let c20 = init4(first, c + 2 * cs, bias, 0), c21 = init4(first, c + 2 * cs, bias, 16);
  let c30 = init4(first, c + 3 * cs, bias, 0), c31 = init4(first, c + 3 * cs, bias, 16);
  for (let p = 0; p < kc; p++) {
    const x0 = v128.load(b);
    const x1 = v128.load(b, 16);
    let s = f32x4.splat(load<f32>(a));
    c00 = f32x4.add(c00, f32x4.mul(s, x0)); c01 = f32x4.add(c01, f32x4.mul(s, x1));
    s = f32x4.splat(load<f32>(a + ai4));
    c10 = f32x4.add(c10, f32x4.mul(s, x0)); c11 = f32x4.add(c11, f32x4.mul(s, x1));
    s = f32x4.splat(load<f32>(a + 2 * ai4));
    c20 = f32x4.add(c20, f32x4.mul(s, x0)); c21 = f32x4.add(c21, f32x4.mul(s, x1));
    s = f32x4.splat(load<f32>(a + 3 * ai4));
    c30 = f32x4.add(c30, f32x4.mul(s, x0)); c31 = f32x4.add(c31, f32x4.mul(s, x1));
    a += ap4;
    b += cp;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + cs, c10); v128.store(c + cs, c11, 16);
  v128.store(c + 2 * cs, c20); v128.store(c + 2 * cs, c21, 16);
  v128.store(c + 3 * cs, c30); v128.store(c + 3 * cs, c31, 16);
}

function micro1(a: usize, ap4: usize, b: usize, cp: usize, kc: i32, c: usize, first: bool, bias: usize): void {
  let c0 = init4(first, c, bias, 0), c1 = init4(first, c, bias, 16);
  for (let p = 0; p < kc; p++) {
    const s = f32x4.splat(load<f32>(a));
    c0 = f32x4.add(c0, f32x4.mul(s, v128.load(b)));
    c1 = f32x4.add(c1, f32x4.mul(s, v128.load(b, 16)));
    a += ap4;
    b += cp;
  }
  v128.store(c, c0); v128.store(c, c1, 16);
}

// out_j = Σ_i A_ij, A: m × n.
export function columnSums(A: usize, m: i32, n: i32, out: usize): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let s = f32x4.splat(0);
    for (let i = 0; i < m; i++) s = f32x4.add(s, v128.load(A + ((i * n + j) << 2)));
    v128.store(out + (j << 2), s);
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    for (let i = 0; i < m; i++) s += load<f32>(A + ((i * n + j) << 2));
    store<f32>(out + (j << 2), s);
  }
}

// tanh(x) as the rational minimax approximation of Eigen's ptanh_float (degree 13/6 on x clamped to
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

// Bt(cols × rows) = B(rows × cols)ᵀ, in 4 × 4 blocks transposed in registers (4 vector loads, 8
// shuffles, 4 vector stores), the edges element by element.
export function transpose(B: usize, rows: i32, cols: i32, Bt: usize): void {
  const rs = <usize>(cols << 2); // a row of B, in bytes
  const ts = <usize>(rows << 2); // a row of Bt
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const src = B + <usize>r * rs + (<usize>c << 2);
      const x0 = v128.load(src), x1 = v128.load(src + rs), x2 = v128.load(src + 2 * rs), x3 = v128.load(src + 3 * rs);
      const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5); // x00 x10 x01 x11
      const t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5); // x20 x30 x21 x31
      const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7); // x02 x12 x03 x13
      const t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7); // x22 x32 x23 x33
      const dst = Bt + <usize>c * ts + (<usize>r << 2);
      v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
      v128.store(dst + ts, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
      v128.store(dst + 2 * ts, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
      v128.store(dst + 3 * ts, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
    }
    for (; c < cols; c++) for (let q = 0; q < 4; q++) store<f32>(Bt + <usize>c * ts + (<usize>(r + q) << 2), load<f32>(B + <usize>(r + q) * rs + (<usize>c << 2)));
  }
  for (; r < rows; r++) for (let c = 0; c < cols; c++) store<f32>(Bt + <usize>c * ts + (<usize>r << 2), load<f32>(B + <usize>r * rs + (<usize>c << 2)));
}

// The fraction of nonzero entries among len floats at A (the sparse kernels pay below about one half).
export function density(A: usize, len: i32): f64 {
  let nz = 0;
  for (let i = 0; i < len; i++) if (load<f32>(A + (<usize>i << 2)) !== 0) nz++;
  return len > 0 ? <f64>nz / <f64>len : 1;
}

// C(m × n) = [bias] + Σ_p S(i, p) · D(p, j) for a mostly-zero S (m × k, row-major) and a dense D
// (k × n, row-major): each row of S is first reduced to its nonzeros (idx: 2k scratch words), then
// each 32-column strip of C row i is accumulated in 8 registers over them. Zeros of S are skipped,
// so a non-finite D(p, j) facing S(i, p) = 0 does not turn C(i, j) into NaN as the dense product would.
export function sparseRowsGemm(m: i32, n: i32, k: i32, S: usize, D: usize, C: usize, bias: usize, idx: usize): void {
  const n4 = <usize>(n << 2);
  const vals = idx + (<usize>k << 2);
  for (let i = 0; i < m; i++) {
    const row = S + <usize>i * (<usize>k << 2);
    let nnz = 0;
    for (let p = 0; p < k; p++) {
      const v = load<f32>(row + (<usize>p << 2));
      if (v !== 0) {
        store<i32>(idx + (<usize>nnz << 2), p);
        store<f32>(vals + (<usize>nnz << 2), v);
        nnz++;
      }
    }
    const c = C + <usize>i * n4;
    let j = 0;
    for (; j + 32 <= n; j += 32) {
      const o = <usize>(j << 2);
      let a0 = bias ? v128.load(bias + o) : f32x4.splat(0), a1 = bias ? v128.load(bias + o, 16) : f32x4.splat(0);
      let a2 = bias ? v128.load(bias + o, 32) : f32x4.splat(0), a3 = bias ? v128.load(bias + o, 48) : f32x4.splat(0);
      let a4 = bias ? v128.load(bias + o, 64) : f32x4.splat(0), a5 = bias ? v128.load(bias + o, 80) : f32x4.splat(0);
      let a6 = bias ? v128.load(bias + o, 96) : f32x4.splat(0), a7 = bias ? v128.load(bias + o, 112) : f32x4.splat(0);
      for (let q = 0; q < nnz; q++) {
        const s = f32x4.splat(load<f32>(vals + (<usize>q << 2)));
        const b = D + <usize>load<i32>(idx + (<usize>q << 2)) * n4 + o;
        a0 = f32x4.add(a0, f32x4.mul(s, v128.load(b))); a1 = f32x4.add(a1, f32x4.mul(s, v128.load(b, 16)));
        a2 = f32x4.add(a2, f32x4.mul(s, v128.load(b, 32))); a3 = f32x4.add(a3, f32x4.mul(s, v128.load(b, 48)));
        a4 = f32x4.add(a4, f32x4.mul(s, v128.load(b, 64))); a5 = f32x4.add(a5, f32x4.mul(s, v128.load(b, 80)));
        a6 = f32x4.add(a6, f32x4.mul(s, v128.load(b, 96))); a7 = f32x4.add(a7, f32x4.mul(s, v128.load(b, 112)));
      }
      v128.store(c + o, a0); v128.store(c + o, a1, 16); v128.store(c + o, a2, 32); v128.store(c + o, a3, 48);
      v128.store(c + o, a4, 64); v128.store(c + o, a5, 80); v128.store(c + o, a6, 96); v128.store(c + o, a7, 112);
    }
    for (; j + 4 <= n; j += 4) {
      const o = <usize>(j << 2);
      let a = bias ? v128.load(bias + o) : f32x4.splat(0);
      for (let q = 0; q < nnz; q++) {
        const b = D + <usize>load<i32>(idx + (<usize>q << 2)) * n4 + o;
        a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(vals + (<usize>q << 2))), v128.load(b)));
      }
      v128.store(c + o, a);
    }
    for (; j < n; j++) {
      let a: f32 = bias ? load<f32>(bias + (<usize>j << 2)) : 0;
      for (let q = 0; q < nnz; q++) a += load<f32>(vals + (<usize>q << 2)) * load<f32>(D + <usize>load<i32>(idx + (<usize>q << 2)) * n4 + (<usize>j << 2));
      store<f32>(c + (<usize>j << 2), a);
    }
  }
}

// ---- Output layer and update step (float32 data, float64 arithmetic as the TypeScript kernels) ----

// e^x and ln x: line-for-line ports of src/math/exp.ts and src/math/log.ts (fdlibm 5.3, only +, −, ×, ÷
// and word access), so the float32 softmax here gives the same bits as the TypeScript kernels' detMath.
function hiWord(x: f64): i32 { return <i32>(reinterpret<u64>(x) >> 32); }
function loWord(x: f64): u32 { return <u32>reinterpret<u64>(x); }
function pow2(k: i32): f64 { return reinterpret<f64>(<u64>(0x3ff + k) << 52); }
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;

function expD(x: f64): f64 {
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

function logD(x: f64): f64 {
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
function rowClass(m: usize, cols: i32): i32 {
  if (cols === 1) return load<f32>(m) >= 0.5 ? 1 : 0;
  let best = 0;
  for (let j = 1; j < cols; j++) if (load<f32>(m + (<usize>j << 2)) > load<f32>(m + (<usize>best << 2))) best = j;
  return best;
}

// Softmax + cross-entropy in one pass over rows × cols: yHat = softmax(a), lse_r = log Σ e^(a_rj) (f64),
// gA = (yHat·Σ_c y_c − y)·scale, and at stats (2 f64): the summed loss −Σ y·(a − lse) and the rows whose
// class matches Y's. e: cols f64 of scratch. The same operations, in the same order, as blocked.ts.
export function softmaxXent(a: usize, Y: usize, yHat: usize, gA: usize, lse: usize, rows: i32, cols: i32, scale: f64, e: usize, stats: usize): void {
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

// Σ x_i² over len floats, accumulated in float64 (two lanes, then the lanes added: f64x2).
export function sumSquares(x: usize, len: i32): f64 {
  let s = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const v = f64x2.promote_low_f32x4(v128.load64_zero(x + (<usize>i << 2)));
    s = f64x2.add(s, f64x2.mul(v, v));
  }
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < len; i++) { const v = <f64>load<f32>(x + (<usize>i << 2)); t += v * v; }
  return t;
}

// Plain SGD θ ← θ − η·g on len floats, only when every new θ_i is finite in float32: returns 0 (θ
// untouched) otherwise. First a check pass, then the update, both four lanes at a time in float64.
export function sgdStep(theta: usize, g: usize, lr: f64, len: i32): i32 {
  const eta = f64x2.splat(lr);
  const big = f32x4.splat(3.4028234663852886e38);
  let i = 0;
  let ok = i32x4.splat(-1);
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    const t = v128.load(theta + o), d = v128.load(g + o);
    const lo = f64x2.sub(f64x2.promote_low_f32x4(t), f64x2.mul(eta, f64x2.promote_low_f32x4(d)));
    const hi = f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(t, t, 2, 3, 0, 1)), f64x2.mul(eta, f64x2.promote_low_f32x4(i32x4.shuffle(d, d, 2, 3, 0, 1))));
    const y = i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
    ok = v128.and(ok, f32x4.le(f32x4.abs(y), big)); // false for ±∞ and NaN
  }
  if (!i32x4.all_true(ok)) return 0;
  for (let q = i; q < len; q++) {
    const o = <usize>q << 2;
    if (!isFinite(<f32>(<f64>load<f32>(theta + o) - lr * <f64>load<f32>(g + o)))) return 0;
  }
  for (i = 0; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    const t = v128.load(theta + o), d = v128.load(g + o);
    const lo = f64x2.sub(f64x2.promote_low_f32x4(t), f64x2.mul(eta, f64x2.promote_low_f32x4(d)));
    const hi = f64x2.sub(f64x2.promote_low_f32x4(i32x4.shuffle(t, t, 2, 3, 0, 1)), f64x2.mul(eta, f64x2.promote_low_f32x4(i32x4.shuffle(d, d, 2, 3, 0, 1))));
    v128.store(theta + o, i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5));
  }
  for (; i < len; i++) {
    const o = <usize>i << 2;
    store<f32>(theta + o, <f32>(<f64>load<f32>(theta + o) - lr * <f64>load<f32>(g + o)));
  }
  return 1;
}
