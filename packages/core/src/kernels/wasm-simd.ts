import type { ActivationName } from '../activations.js';
import { type FloatArray, type Matrix, allocate } from '../matrix.js';
import { activateBackwardLoop, activateLoop, blockedKernels } from './blocked.js';
import { sgdStepLoop, softmaxCrossEntropyLoop, sumSquaresLoop, weightedSumLoop } from './fused.js';
import type { Kernels } from './kernels.js';
import { Arena, type WasmMemory } from './wasm-arena.js';
import { wasmRelaxedSimdBase64, wasmSimdBase64 } from './wasm-simd.bytes.js';

/**
 * The WebAssembly SIMD kernel set: the float32 products, column sums and the relu/tanh/logistic
 * loops run in the AssemblyScript module of `assembly/kernels.ts` (4-lane f32x4, 4 × 8 register
 * blocks over B packed in 8-column panels, 256 deep). Float64 matrices and the other activations use the blocked
 * TypeScript loops, which stay the fallback wherever WebAssembly SIMD is missing. The module is built
 * twice: plain SIMD (`wasm-simd`) and with relaxed SIMD (`wasm-relaxed-simd`, fused multiply-add in the
 * products, `madd` in assembly/gemm.ts); each build is its own kernel set, with its own memory.
 *
 * tanh and logistic use a rational approximation (a few float32 ulps, see assembly/kernels.ts);
 * the float64 path, and so gradcheck, never does.
 *
 * Operands that do not already live in the module's memory are staged into it for the call and
 * results copied back, so any Float32Array works; float32 buffers from {@link Kernels.allocate} live in
 * the module's memory (a fixed reservation, see `Arena`) and skip the copy; {@link Kernels.free} returns them.
 */

interface WasmExports {
  readonly memory: WasmMemory;
  pack(B: number, bk: number, bj: number, k: number, n: number, Bp: number): void;
  gemm(m: number, n: number, k: number, A: number, ai: number, ap: number, B: number, cj: number, cp: number, C: number, bias: number, Ap: number): void;
  packA(A: number, m: number, k: number, Ap: number): void;
  columnSums(A: number, m: number, n: number, out: number): void;
  activate(kind: number, a: number, h: number, len: number): void;
  activateBackward(kind: number, a: number, h: number, gH: number, gA: number, len: number): void;
  transpose(B: number, rows: number, cols: number, Bt: number): void;
  density(A: number, len: number): number;
  sparseRowsGemm(m: number, n: number, k: number, S: number, D: number, C: number, bias: number, pairs: number): void;
  softmaxXent(a: number, Y: number, yHat: number, gA: number, lse: number, rows: number, cols: number, scale: number, e: number, stats: number): void;
  sumSquares(x: number, len: number): number;
  weightedSum(a: number, wa: number, b: number, wb: number, out: number, len: number): void;
  sgdStep(theta: number, g: number, lr: number, len: number): number;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  instantiate(bytes: Uint8Array, imports: object): Promise<{ readonly instance: { readonly exports: unknown } }>;
}

// The host's WebAssembly, typed here because core compiles without DOM or Node types.
declare const WebAssembly: WasmApi | undefined;
const wasmApi = typeof WebAssembly === 'undefined' ? undefined : WebAssembly;

// The smallest module that uses a v128 instruction: it validates only where WebAssembly SIMD exists.
const SIMD_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11];
// The same with f32x4.relaxed_madd (0xfd 0x105): it validates only where relaxed SIMD exists (Chromium; Node 20
// behind --experimental-wasm-relaxed-simd).
const RELAXED_PROBE = [
  ...SIMD_PROBE.slice(0, 19),
  ...[10, 19, 1, 17, 0, 65, 0, 253, 15, 65, 0, 253, 15, 65, 0, 253, 15, 253, 133, 2, 11],
];

/** The two builds of assembly/: plain SIMD (`wasm-simd`) and SIMD + relaxed SIMD (`wasm-relaxed-simd`). */
type Variant = 'wasm-simd' | 'wasm-relaxed-simd';
const BUILDS: Record<Variant, { probe: number[]; base64: string }> = {
  'wasm-simd': { probe: SIMD_PROBE, base64: wasmSimdBase64 },
  'wasm-relaxed-simd': { probe: RELAXED_PROBE, base64: wasmRelaxedSimdBase64 },
};

function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | alphabet.indexOf(clean[i]!);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/**
 * Compiles and instantiates the module once. Synchronous compilation is allowed in Node and in
 * workers; where a browser refuses it (possible on a page's main thread) this returns undefined and the
 * blocked TypeScript kernels are used instead.
 */
function instantiate(variant: Variant): WasmExports | undefined {
  try {
    if (!wasmApi?.validate(Uint8Array.from(BUILDS[variant].probe))) return undefined;
    const module = new wasmApi.Module(decodeBase64(BUILDS[variant].base64));
    return new wasmApi.Instance(module, { env: { abort: () => {} } }).exports as WasmExports;
  } catch {
    return undefined;
  }
}

// Bytes `x` needs when staged (0 when it already lives in the module memory). No rest parameters: a warm step allocates nothing.
const staged = (arena: Arena, x: FloatArray | undefined): number => (x === undefined || x.buffer === arena.buffer ? 0 : x.length * 4 + 16);
const isF32 = (x: FloatArray | undefined): boolean => x === undefined || x instanceof Float32Array;
// The sparse path: inputs at least this long (per row), at most this dense. Dense 4 × 8 blocks load B
// once per 4 rows, the sparse strips once per row, so sparse pays below roughly a third nonzero.
const SPARSE_MIN_K = 256;
const SPARSE_MAX_DENSITY = 0.3;
const ACTIVATION_KIND: Partial<Record<ActivationName, number>> = { relu: 0, tanh: 1, logistic: 2 };

function createWasmKernels(wasm: WasmExports, variant: Variant): Kernels {
  const arena = new Arena(wasm.memory);
  if (variant === 'wasm-simd') heap = arena;
  /**
   * out(m × n) = [bias] + Σ_p A(i, p)·B(p, j), A(i, p) = A[i·ai + p·ap], B(p, j) = B[p·bk + j·bj].
   * False when the operands do not fit the staging area (the caller then uses the blocked loops).
   */
  function product(m: number, n: number, k: number, A: FloatArray, ai: number, ap: number, B: FloatArray, bk: number, bj: number, out: FloatArray, bias: FloatArray | undefined): boolean {
    // Pack B into 8-column panels when it is not contiguous along j (A·Bᵀ), or when its rows are long
    // enough that striding through them aliases in L1 and there are enough rows of A to repay the copy.
    const pack = bj !== 1 || (m >= 256 && n >= 512);
    const packed = pack ? Math.ceil(n / 8) * 8 * k : 8; // unpacked, the last panel may read up to 28 bytes past B
    // A row-major (A·Bᵀ, A·B): its 4-row strips packed so that the micro-kernel loads 4 rows' values at once.
    // The copy costs about what one 8-column panel saves, so only with more than one panel.
    const packRows = ap === 1 && ai === k && ai !== 1 && m >= 4 && n > 8 ? m - (m % 4) : 0;
    const buf = arena.buffer;
    // Operands a network allocated live in the module memory: their addresses are passed as they are. The
    // staging of others is a function of its own, so that the engine compiles this common path small and early.
    if (A.buffer !== buf || B.buffer !== buf || out.buffer !== buf || (bias !== undefined && bias.buffer !== buf)) {
      return productStaged(m, n, k, A, ai, ap, B, bk, bj, out, bias, pack, packed, packRows);
    }
    if (!arena.begin(packed * 4 + packRows * k * 4 + 80)) return false;
    multiply(m, n, k, A.byteOffset, ai, ap, B.byteOffset, bk, bj, out.byteOffset, bias ? bias.byteOffset : 0, pack, packed, packRows);
    return true;
  }
  /** {@link product} with operands copied into the module memory for the call (and the result out of it). */
  function productStaged(m: number, n: number, k: number, A: FloatArray, ai: number, ap: number, B: FloatArray, bk: number, bj: number, out: FloatArray, bias: FloatArray | undefined, pack: boolean, packed: number, packRows: number): boolean {
    if (!arena.begin(staged(arena, A) + staged(arena, B) + staged(arena, out) + staged(arena, bias) + packed * 4 + packRows * k * 4 + 80)) return false;
    const pA = arena.place(A as Float32Array, true);
    const pB = arena.place(B as Float32Array, true);
    const pBias = bias ? arena.place(bias as Float32Array, true) : 0;
    const pOut = arena.place(out as Float32Array, false);
    multiply(m, n, k, pA, ai, ap, pB, bk, bj, pOut, pBias, pack, packed, packRows);
    arena.finish(out as Float32Array, pOut);
    return true;
  }
  /** The product on addresses in the module memory, after `arena.begin`: packing scratch, then the kernels. */
  function multiply(m: number, n: number, k: number, pA: number, ai: number, ap: number, pB: number, bk: number, bj: number, pOut: number, pBias: number, pack: boolean, packed: number, packRows: number): void {
    const scratch = arena.scratch(packed);
    const pAp = packRows > 0 ? arena.scratch(packRows * k) : 0;
    if (pAp) wasm.packA(pA, m, k, pAp);
    if (pack) {
      wasm.pack(pB, bk, bj, k, n, scratch);
      wasm.gemm(m, n, k, pA, ai, ap, scratch, 4 * k, 32, pOut, pBias, pAp);
    } else {
      wasm.gemm(m, n, k, pA, ai, ap, pB, 4, 4 * bk, pOut, pBias, pAp);
    }
  }
  /** softmaxCrossEntropy with operands copied into the module memory for the call (and ŷ, ∇a out of it). */
  function softmaxStaged(a: Matrix, Y: Matrix, yHat: Matrix, gradA: Matrix, logSumExp: Float64Array, stats: Float64Array, scratch: number): void {
    const bytes = staged(arena, a.data) + staged(arena, Y.data) + staged(arena, yHat.data) + staged(arena, gradA.data) + scratch;
    if (!isF32(a.data) || !isF32(Y.data) || !isF32(yHat.data) || !isF32(gradA.data) || !arena.begin(bytes)) {
      softmaxCrossEntropyLoop(a, Y, yHat, gradA, logSumExp, stats);
      return;
    }
    const pa = arena.place(a.data as Float32Array, true);
    const pY = arena.place(Y.data as Float32Array, true);
    const pP = arena.place(yHat.data as Float32Array, false);
    const pG = arena.place(gradA.data as Float32Array, false);
    softmax(pa, pY, pP, pG, a.rows, a.cols, logSumExp, stats);
    arena.finish(yHat.data as Float32Array, pP);
    arena.finish(gradA.data as Float32Array, pG);
  }
  /** The fused kernel on addresses in the module memory, after `arena.begin`; log-sum-exp and stats copied out. */
  function softmax(pa: number, pY: number, pP: number, pG: number, N: number, cols: number, logSumExp: Float64Array, stats: Float64Array): void {
    const pLse = arena.scratch(2 * N);
    const pE = arena.scratch(2 * Math.max(cols, N)); // a row's e^(a_j − max), or (two classes) a pair's e^(−|a1 − a0|)
    const pStats = arena.scratch(4);
    wasm.softmaxXent(pa, pY, pP, pG, pLse, N, cols, 1 / N, pE, pStats);
    const f64 = arena.f64;
    for (let r = 0; r < N; r++) logSumExp[r] = f64[(pLse >> 3) + r]!;
    stats[0] = f64[pStats >> 3]! / N;
    stats[1] = f64[(pStats >> 3) + 1]!;
  }
  /**
   * The sparse-aware first layer: when the input side of a product is mostly zeros (MNIST pixels are
   * ~80 % zero) and long enough to repay a transpose, only its nonzeros are multiplied. Chosen per call
   * from the measured density; the same sums without the zero terms (equal within rounding).
   */
  const sparseWorthwhile = (A: Matrix, p: number): boolean => A.cols >= SPARSE_MIN_K && wasm.density(p, A.data.length) < SPARSE_MAX_DENSITY;
  /** out = A·Bᵀ + bias with A mostly zero: Bᵀ (k × n) packed, then the nonzeros of each row of A. */
  function sparseABt(A: Matrix, B: Matrix, out: Matrix, bias: FloatArray | undefined): boolean {
    const { rows: m, cols: k } = A;
    const n = B.rows;
    if (k < SPARSE_MIN_K) return false; // before any staging: small layers call this every step
    if (!arena.begin(staged(arena, A.data) + staged(arena, B.data) + staged(arena, out.data) + staged(arena, bias) + (k * n + 2 * k) * 4 + 64)) return false;
    const pA = arena.place(A.data as Float32Array, true);
    if (!sparseWorthwhile(A, pA)) return false;
    const pB = arena.place(B.data as Float32Array, true);
    const pBias = bias ? arena.place(bias as Float32Array, true) : 0;
    const pOut = arena.place(out.data as Float32Array, false);
    const pBt = arena.scratch(k * n);
    const pairs = arena.scratch(2 * k); // (offset, value) per nonzero of a row of A
    wasm.transpose(pB, n, k, pBt);
    wasm.sparseRowsGemm(m, n, k, pA, pBt, pOut, pBias, pairs);
    arena.finish(out.data as Float32Array, pOut);
    return true;
  }
  /** out (n × k) = Aᵀ·B with B (m × k) mostly zero: Bᵀ's rows are sparse, so outᵀ = Bᵀ·A, then transposed. */
  function sparseAtB(A: Matrix, B: Matrix, out: Matrix): boolean {
    const { rows: m, cols: n } = A;
    const k = B.cols;
    if (k < SPARSE_MIN_K) return false;
    if (!arena.begin(staged(arena, A.data) + staged(arena, B.data) + staged(arena, out.data) + (k * m + k * n + 2 * m) * 4 + 64)) return false;
    const pB = arena.place(B.data as Float32Array, true);
    if (!sparseWorthwhile(B, pB)) return false;
    const pA = arena.place(A.data as Float32Array, true);
    const pOut = arena.place(out.data as Float32Array, false);
    const pBt = arena.scratch(k * m);
    const pOutT = arena.scratch(k * n);
    const pairs = arena.scratch(2 * m);
    wasm.transpose(pB, m, k, pBt);
    wasm.sparseRowsGemm(k, n, m, pBt, pA, pOutT, 0, pairs);
    wasm.transpose(pOutT, k, n, pOut);
    arena.finish(out.data as Float32Array, pOut);
    return true;
  }
  return {
    name: variant,
    allocate(length, dtype) {
      return (dtype === 'float32' && arena.allocate(length)) || allocate(length, dtype);
    },
    free(storage) {
      arena.free(storage);
    },
    gemmABt(A, B, out, bias) {
      // B(p, j) = B[j·k + p]: packing reads it along p, so no transpose is ever stored.
      const k = A.cols;
      if (!isF32(A.data) || !isF32(B.data) || !isF32(out.data) || !isF32(bias)) return blockedKernels.gemmABt(A, B, out, bias);
      if (sparseABt(A, B, out, bias)) return;
      if (!product(A.rows, B.rows, k, A.data, k, 1, B.data, 1, k, out.data, bias)) blockedKernels.gemmABt(A, B, out, bias);
    },
    gemmAtB(A, B, out) {
      // out (n × kk) = Aᵀ·B: A(i, p) = A[p·n + i], B(p, j) = B[p·kk + j].
      const { rows: m, cols: n } = A;
      const kk = B.cols;
      if (!isF32(A.data) || !isF32(B.data) || !isF32(out.data)) return blockedKernels.gemmAtB(A, B, out);
      if (sparseAtB(A, B, out)) return;
      if (!product(n, kk, m, A.data, 1, n, B.data, kk, 1, out.data, undefined)) blockedKernels.gemmAtB(A, B, out);
    },
    gemmAB(A, B, out) {
      const k = A.cols;
      const n = B.cols;
      if (!isF32(A.data) || !isF32(B.data) || !isF32(out.data) || !product(A.rows, n, k, A.data, k, 1, B.data, n, 1, out.data, undefined)) {
        blockedKernels.gemmAB(A, B, out);
      }
    },
    columnSums(A, out) {
      if (!isF32(A.data) || !isF32(out) || !arena.begin(staged(arena, A.data) + staged(arena, out))) return blockedKernels.columnSums(A, out);
      const pA = arena.place(A.data as Float32Array, true);
      const pOut = arena.place(out as Float32Array, false);
      wasm.columnSums(pA, A.rows, A.cols, pOut);
      arena.finish(out as Float32Array, pOut);
    },
    activate(name, a, h) {
      const kind = ACTIVATION_KIND[name];
      if (kind === undefined || !isF32(a.data) || !isF32(h.data) || !arena.begin(staged(arena, a.data) + staged(arena, h.data))) return activateLoop(name, a.data, h.data);
      const pa = arena.place(a.data as Float32Array, true);
      const ph = a.data === h.data ? pa : arena.place(h.data as Float32Array, false);
      wasm.activate(kind, pa, ph, a.data.length);
      arena.finish(h.data as Float32Array, ph);
    },
    activateBackward(name, a, h, gradH, gradA) {
      const kind = ACTIVATION_KIND[name];
      const bytes = staged(arena, a.data) + staged(arena, h.data) + staged(arena, gradH.data) + staged(arena, gradA.data);
      if (kind === undefined || !isF32(a.data) || !isF32(h.data) || !isF32(gradH.data) || !isF32(gradA.data) || !arena.begin(bytes)) {
        return activateBackwardLoop(name, a.data, h.data, gradH.data, gradA.data);
      }
      const pa = kind === 0 ? arena.place(a.data as Float32Array, true) : 0;
      const ph = kind === 0 ? 0 : arena.place(h.data as Float32Array, true);
      const pg = arena.place(gradH.data as Float32Array, true);
      const pOut = gradA.data === gradH.data ? pg : arena.place(gradA.data as Float32Array, false);
      wasm.activateBackward(kind, pa, ph, pg, pOut, a.data.length);
      arena.finish(gradA.data as Float32Array, pOut);
    },
    softmaxCrossEntropy(a, Y, yHat, gradA, logSumExp, stats) {
      const buf = arena.buffer;
      const N = a.rows;
      const scratch = N * 8 + Math.max(a.cols, N) * 8 + 64;
      // As in product: operands in the module memory by address; the staging of others in a function of its own.
      if (a.data.buffer !== buf || Y.data.buffer !== buf || yHat.data.buffer !== buf || gradA.data.buffer !== buf || !isF32(a.data) || !isF32(Y.data) || !isF32(yHat.data) || !isF32(gradA.data)) {
        return softmaxStaged(a, Y, yHat, gradA, logSumExp, stats, scratch);
      }
      if (!arena.begin(scratch)) return softmaxCrossEntropyLoop(a, Y, yHat, gradA, logSumExp, stats);
      softmax(a.data.byteOffset, Y.data.byteOffset, yHat.data.byteOffset, gradA.data.byteOffset, N, a.cols, logSumExp, stats);
    },
    sumSquares(x) {
      if (!isF32(x) || !arena.begin(staged(arena, x))) return sumSquaresLoop(x);
      return wasm.sumSquares(arena.place(x as Float32Array, true), x.length);
    },
    weightedSum(a, wa, b, wb, out) {
      if (!isF32(a) || !isF32(b) || !isF32(out) || !arena.begin(staged(arena, a) + staged(arena, b) + staged(arena, out))) return weightedSumLoop(a, wa, b, wb, out);
      const pa = arena.place(a as Float32Array, true);
      const pb = arena.place(b as Float32Array, true);
      const pOut = out === a ? pa : out === b ? pb : arena.place(out as Float32Array, false);
      wasm.weightedSum(pa, wa, pb, wb, pOut, out.length);
      arena.finish(out as Float32Array, pOut);
    },
    sgdStep(theta, grad, lr) {
      if (!isF32(theta) || !isF32(grad) || !arena.begin(staged(arena, theta) + staged(arena, grad))) return sgdStepLoop(theta, grad, lr);
      const pt = arena.place(theta as Float32Array, true);
      const pg = arena.place(grad as Float32Array, true);
      if (wasm.sgdStep(pt, pg, lr, theta.length) === 0) return false;
      arena.finish(theta as Float32Array, pt);
      return true;
    },
  };
}

const cached: Partial<Record<Variant, Kernels | null>> = {};
let heap: Arena | undefined;

/** The heap usage of the module memory behind the WebAssembly SIMD set (for tests; not exported from the package). */
export function wasmHeapUsage(): { live: number; heap: number } | undefined {
  return heap?.usage();
}
const loading: Partial<Record<Variant, Promise<Kernels | undefined>>> = {};

/**
 * Compiles and instantiates a build asynchronously, where synchronous compilation is refused (as
 * a browser may on a page's main thread): once it resolves, {@link wasmSimdKernels} (or
 * {@link wasmRelaxedSimdKernels}) returns the set. Resolves to undefined where the engine lacks the build's features.
 */
export function loadWasmSimdKernels(variant: Variant = 'wasm-simd'): Promise<Kernels | undefined> {
  const done = cached[variant];
  if (done) return Promise.resolve(done);
  loading[variant] ??= (async () => {
    try {
      if (!wasmApi?.validate(Uint8Array.from(BUILDS[variant].probe))) return undefined;
      const { instance } = await wasmApi.instantiate(decodeBase64(BUILDS[variant].base64), { env: { abort: () => {} } });
      cached[variant] ??= createWasmKernels(instance.exports as WasmExports, variant);
      return cached[variant] ?? undefined;
    } catch {
      return undefined;
    }
  })();
  return loading[variant];
}

function kernelsOf(variant: Variant): Kernels | undefined {
  if (cached[variant] === undefined) {
    const wasm = instantiate(variant);
    cached[variant] = wasm ? createWasmKernels(wasm, variant) : null;
  }
  return cached[variant] ?? undefined;
}

/** The WebAssembly SIMD kernel set, or undefined where WebAssembly SIMD is not available. */
export function wasmSimdKernels(): Kernels | undefined {
  return kernelsOf('wasm-simd');
}

/**
 * The relaxed-SIMD build of the same kernels (fused multiply-add in the products: the same results
 * within float32 rounding, not bit for bit), or undefined where the engine lacks relaxed SIMD.
 */
export function wasmRelaxedSimdKernels(): Kernels | undefined {
  return kernelsOf('wasm-relaxed-simd');
}
