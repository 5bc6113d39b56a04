import { type ActivationName, LEAKY_RELU_ALPHA, activations, sigmoid } from '../activations.js';
import { type FloatArray, allocate } from '../matrix.js';
import { sgdStepLoop, softmaxCrossEntropyLoop, sumSquaresLoop, weightedSumLoop } from './fused.js';
import type { Kernels } from './kernels.js';
import { tanh } from '../math.js';

/**
 * Register- and cache-blocked loops in plain TypeScript: the portable fast set, and the fallback
 * where WebAssembly SIMD is missing. All three products of backprop go through one strided core,
 * so no transpose is ever materialised:
 *
 *   out_ij = bias_j + Σ_p A(i, p) · B(p, j)   with   A(i, p) = A[i·ai + p·ap],   B(p, j) = B[p·bp + j·bj].
 *
 * The core computes 4 × 4 blocks of `out` in 16 local accumulators (doubles: V8 keeps them in
 * registers), reading 4 + 4 operands per 16 multiply-adds, and splits p into panels of KC so that
 * the operand panels stay in L1/L2 for large k (GEMM 1024³). Accumulation order differs from the
 * reference, so results agree within rounding, not bit for bit.
 */
const KC = 256;

function product(
  m: number, n: number, k: number,
  A: FloatArray, ai: number, ap: number,
  B: FloatArray, bp: number, bj: number,
  C: FloatArray, bias: FloatArray | undefined,
): void {
  for (let p0 = 0; p0 < k || p0 === 0; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    const first = p0 === 0;
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const o0 = i * n;
      const o1 = o0 + n;
      const o2 = o1 + n;
      const o3 = o2 + n;
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let pa = i * ai + p0 * ap;
        let pb = p0 * bp + j * bj;
        for (let p = 0; p < kc; p++) {
          const a0 = A[pa]!, a1 = A[pa + ai]!, a2 = A[pa + 2 * ai]!, a3 = A[pa + 3 * ai]!;
          const b0 = B[pb]!, b1 = B[pb + bj]!, b2 = B[pb + 2 * bj]!, b3 = B[pb + 3 * bj]!;
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          pa += ap;
          pb += bp;
        }
        if (first) {
          const d0 = bias ? bias[j]! : 0, d1 = bias ? bias[j + 1]! : 0, d2 = bias ? bias[j + 2]! : 0, d3 = bias ? bias[j + 3]! : 0;
          C[o0 + j] = c00 + d0; C[o0 + j + 1] = c01 + d1; C[o0 + j + 2] = c02 + d2; C[o0 + j + 3] = c03 + d3;
          C[o1 + j] = c10 + d0; C[o1 + j + 1] = c11 + d1; C[o1 + j + 2] = c12 + d2; C[o1 + j + 3] = c13 + d3;
          C[o2 + j] = c20 + d0; C[o2 + j + 1] = c21 + d1; C[o2 + j + 2] = c22 + d2; C[o2 + j + 3] = c23 + d3;
          C[o3 + j] = c30 + d0; C[o3 + j + 1] = c31 + d1; C[o3 + j + 2] = c32 + d2; C[o3 + j + 3] = c33 + d3;
        } else {
          C[o0 + j] = C[o0 + j]! + c00; C[o0 + j + 1] = C[o0 + j + 1]! + c01; C[o0 + j + 2] = C[o0 + j + 2]! + c02; C[o0 + j + 3] = C[o0 + j + 3]! + c03;
          C[o1 + j] = C[o1 + j]! + c10; C[o1 + j + 1] = C[o1 + j + 1]! + c11; C[o1 + j + 2] = C[o1 + j + 2]! + c12; C[o1 + j + 3] = C[o1 + j + 3]! + c13;
          C[o2 + j] = C[o2 + j]! + c20; C[o2 + j + 1] = C[o2 + j + 1]! + c21; C[o2 + j + 2] = C[o2 + j + 2]! + c22; C[o2 + j + 3] = C[o2 + j + 3]! + c23;
          C[o3 + j] = C[o3 + j]! + c30; C[o3 + j + 1] = C[o3 + j + 1]! + c31; C[o3 + j + 2] = C[o3 + j + 2]! + c32; C[o3 + j + 3] = C[o3 + j + 3]! + c33;
        }
      }
      for (; j < n; j++) {
        let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        let pa = i * ai + p0 * ap;
        let pb = p0 * bp + j * bj;
        for (let p = 0; p < kc; p++) {
          const b = B[pb]!;
          c0 += A[pa]! * b; c1 += A[pa + ai]! * b; c2 += A[pa + 2 * ai]! * b; c3 += A[pa + 3 * ai]! * b;
          pa += ap;
          pb += bp;
        }
        const d = first ? (bias ? bias[j]! : 0) : 0;
        if (first) {
          C[o0 + j] = c0 + d; C[o1 + j] = c1 + d; C[o2 + j] = c2 + d; C[o3 + j] = c3 + d;
        } else {
          C[o0 + j] = C[o0 + j]! + c0; C[o1 + j] = C[o1 + j]! + c1; C[o2 + j] = C[o2 + j]! + c2; C[o3 + j] = C[o3 + j]! + c3;
        }
      }
    }
    for (; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let c = 0;
        let pa = i * ai + p0 * ap;
        let pb = p0 * bp + j * bj;
        for (let p = 0; p < kc; p++) {
          c += A[pa]! * B[pb]!;
          pa += ap;
          pb += bp;
        }
        if (first) C[i * n + j] = c + (bias ? bias[j]! : 0);
        else C[i * n + j] = C[i * n + j]! + c;
      }
    }
    if (k === 0) break;
  }
}

/** h = g(a) with the common activations specialised into straight loops; the rest read SPEC's table. */
export function activateLoop(name: ActivationName, a: FloatArray, h: FloatArray): void {
  const len = a.length;
  switch (name) {
    case 'relu':
      for (let i = 0; i < len; i++) { const z = a[i]!; h[i] = z > 0 ? z : 0; }
      return;
    case 'tanh':
      for (let i = 0; i < len; i++) h[i] = tanh(a[i]!);
      return;
    case 'logistic':
      for (let i = 0; i < len; i++) h[i] = sigmoid(a[i]!);
      return;
    case 'leaky-relu':
      for (let i = 0; i < len; i++) { const z = a[i]!; h[i] = z > 0 ? z : LEAKY_RELU_ALPHA * z; }
      return;
    case 'linear':
      if (h !== a) h.set(a);
      return;
    default: {
      const { g } = activations[name];
      for (let i = 0; i < len; i++) h[i] = g(a[i]!);
    }
  }
}

/** gradA = gradH ⊙ g′(a); tanh and logistic reuse h = g(a) instead of recomputing it. */
export function activateBackwardLoop(name: ActivationName, a: FloatArray, h: FloatArray, gH: FloatArray, gA: FloatArray): void {
  const len = a.length;
  switch (name) {
    case 'relu':
      for (let i = 0; i < len; i++) gA[i] = a[i]! > 0 ? gH[i]! : 0;
      return;
    case 'tanh':
      for (let i = 0; i < len; i++) { const t = h[i]!; gA[i] = gH[i]! * (1 - t * t); }
      return;
    case 'logistic':
      for (let i = 0; i < len; i++) { const s = h[i]!; gA[i] = gH[i]! * s * (1 - s); }
      return;
    case 'leaky-relu':
      for (let i = 0; i < len; i++) gA[i] = a[i]! > 0 ? gH[i]! : LEAKY_RELU_ALPHA * gH[i]!;
      return;
    case 'linear':
      if (gA !== gH) gA.set(gH);
      return;
    default: {
      const { gPrime } = activations[name];
      for (let i = 0; i < len; i++) gA[i] = gH[i]! * gPrime(a[i]!);
    }
  }
}

/** Column sums, one row at a time so that reads stay contiguous. */
export function columnSumsLoop(A: FloatArray, rows: number, cols: number, out: FloatArray): void {
  out.fill(0, 0, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] = out[j]! + A[o + j]!;
  }
}

/** The blocked pure-TypeScript kernel set. */
export const blockedKernels: Kernels = {
  name: 'blocked',
  allocate,
  gemmABt(A, B, out, bias) {
    const k = A.cols;
    product(A.rows, B.rows, k, A.data, k, 1, B.data, 1, k, out.data, bias);
  },
  gemmAtB(A, B, out) {
    // out (n × kk) = Aᵀ (n × m) · B (m × kk): A(i, p) = A[p·n + i].
    const { rows: m, cols: n } = A;
    const kk = B.cols;
    product(n, kk, m, A.data, 1, n, B.data, kk, 1, out.data, undefined);
  },
  gemmAB(A, B, out) {
    const k = A.cols;
    const n = B.cols;
    product(A.rows, n, k, A.data, k, 1, B.data, n, 1, out.data, undefined);
  },
  columnSums(A, out) {
    columnSumsLoop(A.data, A.rows, A.cols, out);
  },
  activate(name, a, h) {
    activateLoop(name, a.data, h.data);
  },
  activateBackward(name, a, h, gradH, gradA) {
    activateBackwardLoop(name, a.data, h.data, gradH.data, gradA.data);
  },  softmaxCrossEntropy: softmaxCrossEntropyLoop,
  sumSquares: sumSquaresLoop,
  weightedSum: weightedSumLoop,
  sgdStep: sgdStepLoop,
};
