import { describe, expect, test } from 'vitest';
import { activationNames } from '../activations.js';
import { type DType, type FloatArray, Matrix } from '../matrix.js';
import { createRng } from '../random.js';
import { kernelSets, kernelsFor } from './index.js';
import type { Kernels } from './kernels.js';
import { referenceKernels as ref } from './reference.js';

// Every kernel set against the naive oracle (STYLE.md principle 4), on shapes that hit every
// remainder path of the blocked loops: 1×1, 1×n, n×1, odd sizes, and a few realistic layer sizes.
const SHAPES: readonly (readonly [m: number, k: number, n: number])[] = [
  [1, 1, 1], [1, 7, 1], [1, 1, 9], [9, 1, 1], [1, 13, 5], [5, 13, 1], [2, 3, 4], [3, 5, 7],
  [4, 4, 4], [5, 9, 6], [8, 8, 8], [17, 3, 11], [13, 31, 17], [64, 33, 10], [33, 300, 9], [7, 600, 5],
  // Past the row block (MC = 128) and into the packed path of long rows (m ≥ 256, n ≥ 512).
  [133, 20, 19], [258, 9, 515],
  // Where the WebAssembly products switch to vector loads of A (packed 4-row strips once m ≥ 4 and n > 8;
  // A·Bᵀ's column-contiguous A always), and the W1 layers 2 and 3 at batch 64.
  [3, 5, 9], [4, 5, 8], [4, 5, 9], [64, 128, 64], [64, 64, 128], [64, 64, 10],
  // Narrow panels (n mod 8 ≤ 4) on 4 lanes straight into C, also past the depth block (KC = 256), where a
  // second pass adds to what the first stored; W2's own shapes.
  [9, 300, 2], [8, 260, 4], [6, 270, 3], [3, 300, 16], [500, 8, 2], [500, 2, 8], [500, 8, 8],
];
const DTYPES: readonly DType[] = ['float32', 'float64'];
// Unit roundoff of the stored results; every comparison scales it by the size of the sum.
const EPS: Record<DType, number> = { float32: 2 ** -23, float64: 2 ** -52 };

function random(rows: number, cols: number, dtype: DType, seed: number, kernels: Kernels = ref): Matrix {
  const rng = createRng(seed);
  const m = new Matrix(rows, cols, kernels.allocate(rows * cols, dtype));
  // A few exact zeros (sparse inputs, ReLU outputs) and the kink at 0 itself.
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng.next() < 0.15 ? 0 : rng.next() * 4 - 2;
  return m;
}

function abs(x: Matrix): Matrix {
  return new Matrix(x.rows, x.cols, x.data.map(Math.abs));
}

/** |got − want| ≤ (k + 2)·ε·bound, where bound = |A|·|B| is the textbook error bound of a sum of k products. */
function expectClose(got: FloatArray, want: FloatArray, bound: FloatArray, k: number, dtype: DType): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    const tol = (k + 2) * EPS[dtype] * (bound[i]! + 1e-30);
    if (!(Math.abs(got[i]! - want[i]!) <= tol)) expect.fail(`element ${i}: got ${got[i]}, want ${want[i]} (tolerance ${tol})`);
  }
}

describe.each(kernelSets().map((k) => [k.name, k] as const))('kernel set %s matches the reference', (_name, kernels) => {
  describe.each(DTYPES)('%s', (dtype) => {
    test.each(SHAPES)('gemmABt m=%i k=%i n=%i, with and without bias', (m, k, n) => {
      const A = random(m, k, dtype, 1, kernels);
      const B = random(n, k, dtype, 2, kernels);
      const bias = random(1, n, dtype, 3, kernels).data;
      for (const b of [undefined, bias]) {
        const want = Matrix.zeros(m, n, dtype);
        ref.gemmABt(A, B, want, b);
        const bound = Matrix.zeros(m, n, 'float64');
        ref.gemmABt(abs(A), abs(B), bound, b?.map(Math.abs));
        const got = new Matrix(m, n, kernels.allocate(m * n, dtype));
        got.data.fill(Number.NaN); // the kernel must overwrite, not accumulate into, its output
        kernels.gemmABt(A, B, got, b);
        expectClose(got.data, want.data, bound.data, k, dtype);
      }
    });

    test.each(SHAPES)('gemmAtB m=%i k=%i n=%i', (m, k, n) => {
      // out (k × n) = Aᵀ·B with A: m × k, B: m × n.
      const A = random(m, k, dtype, 4, kernels);
      const B = random(m, n, dtype, 5, kernels);
      const want = Matrix.zeros(k, n, dtype);
      ref.gemmAtB(A, B, want);
      const bound = Matrix.zeros(k, n, 'float64');
      ref.gemmAtB(abs(A), abs(B), bound);
      const got = new Matrix(k, n, kernels.allocate(k * n, dtype));
      got.data.fill(Number.NaN);
      kernels.gemmAtB(A, B, got);
      expectClose(got.data, want.data, bound.data, m, dtype);
    });

    test.each(SHAPES)('gemmAB m=%i k=%i n=%i', (m, k, n) => {
      const A = random(m, k, dtype, 6, kernels);
      const B = random(k, n, dtype, 7, kernels);
      const want = Matrix.zeros(m, n, dtype);
      ref.gemmAB(A, B, want);
      const bound = Matrix.zeros(m, n, 'float64');
      ref.gemmAB(abs(A), abs(B), bound);
      const got = new Matrix(m, n, kernels.allocate(m * n, dtype));
      got.data.fill(Number.NaN);
      kernels.gemmAB(A, B, got);
      expectClose(got.data, want.data, bound.data, k, dtype);
    });

    test.each(SHAPES)('columnSums m=%i n=%i', (m, _k, n) => {
      const A = random(m, n, dtype, 8, kernels);
      const want = ref.allocate(n, dtype);
      ref.columnSums(A, want);
      const bound = new Float64Array(n);
      ref.columnSums(abs(A), bound);
      const got = kernels.allocate(n, dtype);
      got.fill(Number.NaN);
      kernels.columnSums(A, got);
      expectClose(got, want, bound, m, dtype);
    });

    test.each(activationNames)('activate and activateBackward: %s', (name) => {
      const a = random(7, 13, dtype, 9, kernels);
      const gradH = random(7, 13, dtype, 10, kernels);
      const wantH = Matrix.zeros(7, 13, dtype);
      ref.activate(name, a, wantH);
      const h = new Matrix(7, 13, kernels.allocate(7 * 13, dtype));
      kernels.activate(name, a, h);
      const wantG = Matrix.zeros(7, 13, dtype);
      ref.activateBackward(name, a, wantH, gradH, wantG);
      const gradA = new Matrix(7, 13, kernels.allocate(7 * 13, dtype));
      kernels.activateBackward(name, a, h, gradH, gradA);
      // Kernels may reuse h = g(a) (already rounded to the dtype) for g′, so allow a few ulps of g and of ∇h.
      const tol = 8 * EPS[dtype];
      for (let i = 0; i < a.data.length; i++) {
        expect(Math.abs(h.data[i]! - wantH.data[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(wantH.data[i]!)));
        expect(Math.abs(gradA.data[i]! - wantG.data[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(gradH.data[i]!)));
      }
      // In place (h = a), as the interface allows.
      const inPlace = new Matrix(7, 13, kernels.allocate(7 * 13, dtype));
      inPlace.data.set(a.data);
      kernels.activate(name, inPlace, inPlace);
      for (let i = 0; i < a.data.length; i++) expect(inPlace.data[i]).toBe(h.data[i]);
    });

    test.each([[1, 1], [1, 2], [7, 2], [9, 10], [64, 10], [33, 3]] as const)('softmaxCrossEntropy N=%i classes=%i', (N, C) => {
      const a = random(N, C, dtype, 12, kernels);
      a.data[0] = 30; // a saturated row
      if (N > 3) a.data[C] = Number.NaN; // a NaN row stays NaN
      const Y = new Matrix(N, C, kernels.allocate(N * C, dtype));
      const rng = createRng(13);
      for (let r = 0; r < N; r++) Y.data[r * C + Math.floor(rng.next() * C)] = 1;
      if (N > 5) Y.data.fill(0.5, 5 * C, 5 * C + Math.min(C, 2)); // a soft target row
      const want = { yHat: Matrix.zeros(N, C, dtype), g: Matrix.zeros(N, C, dtype), lse: new Float64Array(N), stats: new Float64Array(2) };
      ref.softmaxCrossEntropy(a, Y, want.yHat, want.g, want.lse, want.stats);
      const yHat = new Matrix(N, C, kernels.allocate(N * C, dtype));
      const g = new Matrix(N, C, kernels.allocate(N * C, dtype));
      const lse = new Float64Array(N);
      const stats = new Float64Array(2);
      kernels.softmaxCrossEntropy(a, Y, yHat, g, lse, stats);
      const close = (x: number, w: number, scale: number): boolean => (Number.isNaN(w) ? Number.isNaN(x) : Math.abs(x - w) <= 8 * EPS[dtype] * scale);
      for (let i = 0; i < N * C; i++) {
        if (!close(yHat.data[i]!, want.yHat.data[i]!, 1)) expect.fail(`yHat ${i}: ${yHat.data[i]} vs ${want.yHat.data[i]}`);
        if (!close(g.data[i]!, want.g.data[i]!, 1 / N)) expect.fail(`gradA ${i}: ${g.data[i]} vs ${want.g.data[i]}`);
      }
      for (let r = 0; r < N; r++) if (!close(lse[r]!, want.lse[r]!, 40)) expect.fail(`lse ${r}: ${lse[r]} vs ${want.lse[r]}`);
      expect(close(stats[0]!, want.stats[0]!, 40) || (Number.isNaN(stats[0]!) && Number.isNaN(want.stats[0]!))).toBe(true);
      expect(stats[1]).toBe(want.stats[1]);
    });

    test.each([1, 2, 3, 500, 501])('two-class softmaxCrossEntropy, N=%i: the blocked kernels\' bits, incl. ties, saturation, ±0, ±∞, NaN', (N) => {
      // The WebAssembly set takes finite pairs of rows on vector lanes and the rest one by one: every row
      // must still give the same yHat, ∇a and log-sum-exp bits, and the same loss, as the scalar loops.
      const rng = createRng(41);
      const a = new Matrix(N, 2, kernels.allocate(2 * N, dtype));
      const Y = new Matrix(N, 2, kernels.allocate(2 * N, dtype));
      const specials = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 800, -800, 40];
      for (let i = 0; i < 2 * N; i++) {
        const u = rng.next();
        a.data[i] = u < 0.08 ? specials[Math.floor(rng.next() * specials.length)]! : u < 0.15 && i > 0 ? a.data[i - 1]! : (rng.next() * 2 - 1) * (u < 0.3 ? 60 : 3);
      }
      for (let r = 0; r < N; r++) {
        if (rng.next() < 0.1) Y.data.fill(0.5, 2 * r, 2 * r + 2);
        else Y.data[2 * r + (rng.next() < 0.5 ? 0 : 1)] = 1;
      }
      const out = (k: Kernels, x: Matrix) => {
        const r = { yHat: new Matrix(N, 2, k.allocate(2 * N, dtype)), g: new Matrix(N, 2, k.allocate(2 * N, dtype)), lse: new Float64Array(N), stats: new Float64Array(2) };
        k.softmaxCrossEntropy(x, Y, r.yHat, r.g, r.lse, r.stats);
        return { yHat: Array.from(r.yHat.data), g: Array.from(r.g.data), lse: Array.from(r.lse), stats: Array.from(r.stats) };
      };
      const want = out(kernelsFor('blocked'), a);
      expect(out(kernels, a)).toEqual(want);
      // And with every logit finite, so that the loss is a number compared to its last bit.
      const finite = new Matrix(N, 2, kernels.allocate(2 * N, dtype));
      finite.data.set(a.data.map((v) => (Number.isFinite(v) ? v : 1.5)));
      const wantFinite = out(kernelsFor('blocked'), finite);
      expect(Number.isFinite(wantFinite.stats[0]!)).toBe(true);
      expect(out(kernels, finite)).toEqual(wantFinite);
    });

    test.each([1, 3, 4, 114, 1001])('sumSquares and sgdStep, length %i', (n) => {
      const g = random(1, n, dtype, 14, kernels).data;
      const bound = ref.sumSquares(g);
      expect(Math.abs(kernels.sumSquares(g) - bound)).toBeLessThanOrEqual((n + 2) * EPS.float64 * bound + 1e-300);
      const theta = random(1, n, dtype, 15, kernels).data;
      const want = theta.slice();
      expect(ref.sgdStep(want, g, 0.3)).toBe(true);
      expect(kernels.sgdStep(theta, g, 0.3)).toBe(true);
      expect(Array.from(theta)).toEqual(Array.from(want)); // one rounding of θ − η·g: the same bits
      // A step that would leave θ non-finite is refused and θ left untouched.
      const huge = dtype === 'float32' ? 3e38 : 1e308;
      g[n - 1] = -huge;
      const before = Array.from(theta);
      expect(kernels.sgdStep(theta, g, 10)).toBe(false);
      expect(Array.from(theta)).toEqual(before);
    });

    test.each([1, 3, 4, 5, 114, 1001])('weightedSum: the bits of wa·a + wb·b in float64 rounded once, into a third array or in place, length %i', (n) => {
      const a = random(1, n, dtype, 20, kernels).data;
      const b = random(1, n, dtype, 21, kernels).data;
      // Shard weights as a data-parallel step uses them (rows_s / n), and weights that make the rounding show.
      for (const [wa, wb] of [[0.5, 0.5], [43 / 128, 85 / 128], [1 / 3, 2 / 3], [1e-30, 7]]) {
        const want = new (dtype === 'float32' ? Float32Array : Float64Array)(n);
        for (let i = 0; i < n; i++) want[i] = wa! * a[i]! + wb! * b[i]!; // the definition, rounded once by the store
        const wanted = Array.from(want);
        const got = kernels.allocate(n, dtype).fill(Number.NaN); // overwritten, not accumulated into
        kernels.weightedSum(a, wa!, b, wb!, got);
        expect(Array.from(got)).toEqual(wanted);
        // Arrays the kernel set did not allocate (a data-parallel step's shared memory) give the same bits.
        const outside = new (dtype === 'float32' ? Float32Array : Float64Array)(n);
        kernels.weightedSum(a.slice(), wa!, b.slice(), wb!, outside);
        expect(Array.from(outside)).toEqual(wanted);
        for (const inPlace of ['a', 'b'] as const) {
          const x = inPlace === 'a' ? a.slice() : a;
          const y = inPlace === 'b' ? b.slice() : b;
          const into = inPlace === 'a' ? x : y;
          const staged = kernels.allocate(n, dtype);
          staged.set(into);
          kernels.weightedSum(inPlace === 'a' ? staged : x, wa!, inPlace === 'b' ? staged : y, wb!, staged);
          expect(Array.from(staged), `in place of ${inPlace}`).toEqual(wanted);
        }
      }
    });

    test.each([5, 114])('sgdStep near the overflow bound and with NaN or ∞ anywhere, length %i', (n) => {
      const big = dtype === 'float32' ? 3.3e38 : 1.7e308;
      const g = random(1, n, dtype, 16, kernels).data;
      const theta = random(1, n, dtype, 17, kernels).data;
      // max|θ| + η·max|g| exceeds the largest finite value, yet every new θ_i is finite: the step is taken.
      theta[0] = big;
      g[0] = -1e-3;
      g[n - 1] = 2e37;
      theta[n - 1] = big;
      const want = theta.slice();
      expect(ref.sgdStep(want, g, 1)).toBe(true);
      expect(kernels.sgdStep(theta, g, 1)).toBe(true);
      expect(Array.from(theta)).toEqual(Array.from(want));
      for (const [where, at, value] of [['g', 1, Number.NaN], ['g', n - 2, Number.POSITIVE_INFINITY], ['θ', n - 1, Number.NaN], ['θ', 2, Number.NEGATIVE_INFINITY]] as const) {
        const t = random(1, n, dtype, 18, kernels).data;
        const d = random(1, n, dtype, 19, kernels).data;
        (where === 'g' ? d : t)[at] = value;
        const before = Array.from(t);
        expect(kernels.sgdStep(t, d, 0.1), `${where}[${at}] = ${value}`).toBe(false);
        expect(Array.from(t)).toEqual(before);
      }
    });

    test('ReLU kink: g(0) = 0 and g′(0) = 0 exactly (SPEC §1)', () => {
      const a = new Matrix(1, 3, kernels.allocate(3, dtype));
      a.data.set([-1, 0, 1]);
      const h = new Matrix(1, 3, kernels.allocate(3, dtype));
      kernels.activate('relu', a, h);
      const gH = new Matrix(1, 3, kernels.allocate(3, dtype));
      gH.data.fill(1);
      const gA = new Matrix(1, 3, kernels.allocate(3, dtype));
      kernels.activateBackward('relu', a, h, gH, gA);
      expect(Array.from(h.data)).toEqual([0, 0, 1]);
      expect(Array.from(gA.data)).toEqual([0, 0, 1]);
    });
  });
});

describe.each(kernelSets().map((k) => [k.name, k] as const))('kernel set %s on mostly-zero inputs (the sparse first layer)', (_name, kernels) => {
  // MNIST-like: ~80 % zeros and rows long enough for a sparse path; also a fully zero row and column.
  function sparse(rows: number, cols: number, seed: number): Matrix {
    const rng = createRng(seed);
    const m = new Matrix(rows, cols, kernels.allocate(rows * cols, 'float32'));
    for (let i = 0; i < m.data.length; i++) m.data[i] = rng.next() < 0.8 ? 0 : rng.next();
    for (let j = 0; j < cols; j++) m.data[j] = 0;
    for (let i = 0; i < rows; i++) m.data[i * cols + 3] = 0;
    return m;
  }
  test.each([[1, 300, 1], [5, 784, 128], [64, 784, 37], [7, 257, 36]] as const)('gemmABt (X·Wᵀ + b) m=%i k=%i n=%i', (m, k, n) => {
    const A = sparse(m, k, 21);
    const B = random(n, k, 'float32', 22, kernels);
    const bias = random(1, n, 'float32', 23, kernels).data;
    const want = Matrix.zeros(m, n, 'float32');
    ref.gemmABt(A, B, want, bias);
    const bound = Matrix.zeros(m, n, 'float64');
    ref.gemmABt(abs(A), abs(B), bound, bias.map(Math.abs));
    const got = new Matrix(m, n, kernels.allocate(m * n, 'float32'));
    got.data.fill(Number.NaN);
    kernels.gemmABt(A, B, got, bias);
    expectClose(got.data, want.data, bound.data, k, 'float32');
  });
  test.each([[64, 784, 128], [3, 300, 5], [33, 257, 10]] as const)('gemmAtB (∇Aᵀ·X) m=%i k=%i n=%i', (m, k, n) => {
    // out (n × k) = Aᵀ·B with A = ∇A: m × n dense, B = X: m × k sparse.
    const A = random(m, n, 'float32', 24, kernels);
    const B = sparse(m, k, 25);
    const want = Matrix.zeros(n, k, 'float32');
    ref.gemmAtB(A, B, want);
    const bound = Matrix.zeros(n, k, 'float64');
    ref.gemmAtB(abs(A), abs(B), bound);
    const got = new Matrix(n, k, kernels.allocate(n * k, 'float32'));
    got.data.fill(Number.NaN);
    kernels.gemmAtB(A, B, got);
    expectClose(got.data, want.data, bound.data, m, 'float32');
  });
});

describe.each(kernelSets().filter((k) => k.name.startsWith('wasm')).map((k) => [k.name, k] as const))('%s products are batch-invariant', (_name, kernels) => {
  // A whole batch gives, bit for bit, what its rows give one at a time: the 4-row blocks (A's four values per
  // step in one vector, broadcast lane by lane) do the same multiply-adds in the same order as a single row.
  const bits = (x: FloatArray): number[] => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));
  const rowOf = (x: Matrix, r: number): Matrix => new Matrix(1, x.cols, x.data.slice(r * x.cols, (r + 1) * x.cols));
  test.each([[8, 40, 16], [13, 31, 17], [64, 128, 64], [64, 64, 128], [6, 9, 9]] as const)('m=%i k=%i n=%i', (m, k, n) => {
    const A = random(m, k, 'float32', 31, kernels);
    const Bt = random(n, k, 'float32', 32, kernels);
    const B = random(k, n, 'float32', 33, kernels);
    const bias = random(1, n, 'float32', 34, kernels).data;
    const whole = (f: (out: Matrix) => void, rows: number): number[] => {
      const out = new Matrix(rows, n, kernels.allocate(rows * n, 'float32'));
      f(out);
      return bits(out.data);
    };
    const byRow = (f: (r: number, out: Matrix) => void, rows: number): number[] =>
      Array.from({ length: rows }, (_, r) => whole((out) => f(r, out), 1)).flat();
    expect(whole((out) => kernels.gemmABt(A, Bt, out, bias), m)).toEqual(byRow((r, out) => kernels.gemmABt(rowOf(A, r), Bt, out, bias), m));
    expect(whole((out) => kernels.gemmAB(A, B, out), m)).toEqual(byRow((r, out) => kernels.gemmAB(rowOf(A, r), B, out), m));
    // Aᵀ·C (k × n, C: m × n): row p of the result is column p of A (m × 1) transposed times C.
    const C = random(m, n, 'float32', 35, kernels);
    const column = (p: number): Matrix => new Matrix(m, 1, Float32Array.from({ length: m }, (_, i) => A.data[i * k + p]!));
    expect(whole((out) => kernels.gemmAtB(A, C, out), k)).toEqual(byRow((p, out) => kernels.gemmAtB(column(p), C, out), k));
  });
});

test.each(kernelSets().map((k) => [k.name, k] as const))('%s: allocate returns zeroed storage, even after large staged calls', (_name, kernels) => {
  // A product of ordinary arrays is staged in a backend's own memory; later allocations must not see it.
  const A = random(300, 200, 'float32', 11);
  const out = Matrix.zeros(300, 300, 'float32');
  kernels.gemmABt(A, A, out);
  for (let i = 0; i < 20; i++) expect(kernels.allocate(50_000, 'float32').every((v) => v === 0)).toBe(true);
});

test('every built-in set is tested, and auto picks one of them', () => {
  const names = kernelSets().map((k) => k.name);
  expect(names).toContain('reference');
  expect(names).toContain('blocked');
});

test('ready() resolves to the backend auto picks', async () => {
  const { ready, kernelsFor } = await import('./index.js');
  expect(await ready()).toBe(kernelsFor('auto').name);
});

describe('the two WebAssembly builds', () => {
  test('both run here (vitest starts Node with --experimental-wasm-relaxed-simd), and auto stays on the plain SIMD build', () => {
    expect(kernelSets().map((k) => k.name)).toEqual(['reference', 'blocked', 'wasm-simd', 'wasm-relaxed-simd']);
    expect(kernelsFor('auto').name).toBe('wasm-simd');
    expect(kernelsFor('wasm-relaxed-simd').name).toBe('wasm-relaxed-simd');
  });

  test('the relaxed build agrees with the reference within float32 tolerance, and its multiply-add may be fused', () => {
    const plain = kernelsFor('wasm-simd');
    const relaxed = kernelsFor('wasm-relaxed-simd');
    const [m, k, n] = [37, 300, 45];
    const A = random(m, k, 'float32', 31);
    const B = random(k, n, 'float32', 32);
    const r = Matrix.zeros(m, n, 'float32');
    const want = Matrix.zeros(m, n, 'float64');
    relaxed.gemmAB(A, B, r);
    ref.gemmAB(new Matrix(m, k, Float64Array.from(A.data)), new Matrix(k, n, Float64Array.from(B.data)), want);
    for (let i = 0; i < m * n; i++) {
      let bound = 0;
      for (let q = 0; q < k; q++) bound += Math.abs(A.data[Math.floor(i / n) * k + q]! * B.data[q * n + (i % n)]!);
      if (Math.abs(r.data[i]! - want.data[i]!) > (k + 2) * EPS.float32 * bound) expect.fail(`${i}: ${r.data[i]} vs ${want.data[i]}`);
    }
    // bias + a·b with a = b = 1 + 2⁻¹² and bias = −(1 + 2⁻¹¹): a·b = 1 + 2⁻¹¹ + 2⁻²⁴ exactly. Rounded first
    // (plain SIMD: a multiply, then an add) the 2⁻²⁴ is lost (a tie, to even) and the sum is 0; fused
    // (relaxed_madd on a CPU with FMA, as this machine's) it survives.
    const x = 1 + 2 ** -12;
    const one = (kernels: Kernels): number => {
      const out = Matrix.zeros(1, 1, 'float32');
      kernels.gemmABt(new Matrix(1, 1, Float32Array.of(x)), new Matrix(1, 1, Float32Array.of(x)), out, Float32Array.of(-(1 + 2 ** -11)));
      return out.data[0]!;
    };
    expect(one(plain)).toBe(0);
    expect([0, 2 ** -24]).toContain(one(relaxed));
  });
});
