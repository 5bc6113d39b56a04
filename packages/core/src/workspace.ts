import { type DType, type FloatArray, Matrix } from './matrix.js';
import type { ResolvedLayer } from './spec.js';

/**
 * Buffers for one batch size: every a_k, h_k, ŷ and their gradients, allocated once and reused so
 * that a warm training step allocates nothing. Index i (0-based) is layer k = i + 1 of the notes:
 * a[i] = a_(i+1) (N × n_(i+1)), h[i] = h_i (N × n_i; h[0] is the batch X itself, not a copy),
 * gradA[i] = ∇a_(i+1), gradH[i] = ∇h_i (gradH[0] = ∇X, only when asked for).
 */
export interface Workspace {
  readonly N: number;
  readonly a: Matrix[];
  readonly h: Matrix[];
  readonly yHat: Matrix;
  /** log Σ_j e^(a_L,j) of each row, written by a softmax output's forward pass (N; float64). */
  readonly logSumExp: Float64Array;
  readonly gradA: Matrix[];
  readonly gradH: Matrix[];
}

/**
 * `alloc` decides where the buffers live: the kernel set's own memory for the cached workspaces that
 * training and prediction reuse, the JavaScript heap for the fresh traces `forward`/`backward` hand out
 * (those must be garbage-collectable: a backend's memory is freed only by `Network.dispose`).
 */
export function createWorkspace(
  inputs: number,
  layers: readonly ResolvedLayer[],
  N: number,
  dtype: DType,
  alloc: (length: number, dtype: DType) => FloatArray,
): Workspace {
  const m = (rows: number, cols: number): Matrix => new Matrix(rows, cols, alloc(rows * cols, dtype));
  const L = layers.length;
  const a = layers.map((l) => m(N, l.units));
  const h = [m(N, inputs)];
  for (let i = 0; i < L - 1; i++) h.push(m(N, layers[i]!.units));
  // Gradient buffers are made on first use: a forward-only workspace (predict, a 1024-row GEMM) never pays for them.
  let gradA: Matrix[] | undefined;
  let gradH: Matrix[] | undefined;
  return {
    N,
    a,
    h,
    yHat: m(N, layers[L - 1]!.units),
    logSumExp: new Float64Array(N),
    get gradA() {
      gradA ??= layers.map((l) => m(N, l.units));
      return gradA;
    },
    get gradH() {
      gradH ??= h.map((x) => m(N, x.cols));
      return gradH;
    },
  };
}
