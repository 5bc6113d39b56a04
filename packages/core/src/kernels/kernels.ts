import type { ActivationName } from '../activations.js';
import type { DType, FloatArray, Matrix } from '../matrix.js';

/**
 * The only code that loops over numbers in bulk. Implementations: `reference.ts` (naive loops, the
 * oracle kept forever), faster sets beside it; each passes the same parameterised test against
 * the reference. Results always go into caller-owned buffers so that a warm training step allocates
 * nothing, and no method validates shapes: the network code has done that once, at its boundary.
 * All matrices are row-major; every method works for float32 and float64 alike.
 */
export interface Kernels {
  /** A short name for reports (`reference`, `blocked`, `wasm-simd`…). */
  readonly name: string;
  /** Allocates storage for `length` elements (a backend may place it in its own memory). Zeroed. */
  allocate(length: number, dtype: DType): FloatArray;
  /**
   * Gives storage from {@link Kernels.allocate} back to a backend that placed it in its own memory (the
   * whole array, not a subarray; others, and storage already freed, are ignored). Neither it nor any view
   * of it may be used afterwards: the memory goes to the next `allocate`. Absent where the garbage collector frees storage.
   */
  free?(storage: FloatArray): void;
  /** out = A·Bᵀ + 1·biasᵀ.   A: m × k,  B: n × k,  bias: n (optional)  →  out: m × n. */
  gemmABt(A: Matrix, B: Matrix, out: Matrix, bias?: FloatArray): void;
  /** out = Aᵀ·B.   A: m × n,  B: m × k  →  out: n × k. */
  gemmAtB(A: Matrix, B: Matrix, out: Matrix): void;
  /** out = A·B.   A: m × k,  B: k × n  →  out: m × n. */
  gemmAB(A: Matrix, B: Matrix, out: Matrix): void;
  /** out_j = Σ_i A_ij.   A: m × n  →  out: n. */
  columnSums(A: Matrix, out: FloatArray): void;
  /** h = g(a), element-wise.   a, h: m × n (h may be a). */
  activate(name: ActivationName, a: Matrix, h: Matrix): void;
  /** gradA = gradH ⊙ g′(a), element-wise; `h` = g(a) lets logistic/tanh reuse it.   all m × n. */
  activateBackward(name: ActivationName, a: Matrix, h: Matrix, gradH: Matrix, gradA: Matrix): void;
  /**
   * The softmax output and its cross-entropy in one pass (SPEC §1, §2): yHat = softmax(a) row by row,
   * logSumExp_r = log Σ_j e^(a_rj), gradA = (yHat·Σ_c y_c − Y)/N, stats[0] = the mean loss, stats[1] = the
   * rows whose predicted class equals Y's.   a, Y, yHat, gradA: N × n_L;  logSumExp: ≥ N;  stats: ≥ 2.
   */
  softmaxCrossEntropy(a: Matrix, Y: Matrix, yHat: Matrix, gradA: Matrix, logSumExp: Float64Array, stats: Float64Array): void;
  /** Σ_i x_i², accumulated in float64 (any order: equal within rounding). */
  sumSquares(x: FloatArray): number;
  /**
   * out_i = wa·a_i + wb·b_i, each computed in float64 and rounded once to out's dtype: the weighted sum of
   * two shard gradients that a data-parallel step reduces (every set gives the same bits).   a, b, out:
   * the same length; out may be a or b.
   */
  weightedSum(a: FloatArray, wa: number, b: FloatArray, wb: number, out: FloatArray): void;
  /** Plain SGD θ ← θ − η·g (SPEC §4), applied only when every new θ_i is finite in θ's dtype; else false, θ untouched. */
  sgdStep(theta: FloatArray, grad: FloatArray, learningRate: number): boolean;
}
