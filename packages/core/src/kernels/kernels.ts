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
}
