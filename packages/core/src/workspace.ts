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
  return new BatchWorkspace(inputs, layers, N, dtype, alloc);
}

// A class, not an object literal with getters and closures: every workspace of every network then has the same
// hidden class and the same functions, so the training step V8 optimised for one network's workspace runs
// the next network's too. The same holds for the lists, all built by push: once V8 optimises the function calling
// it, `map` returns arrays of another hidden class (holey), and the step's inlined code then met two. Measured:
// with the literal and `map`, fits after the first threw their optimised step away two or three times (wrong
// map, wrong call target); train/jit-stability.test.ts keeps it so.
class BatchWorkspace implements Workspace {
  readonly a: Matrix[];
  readonly h: Matrix[];
  readonly yHat: Matrix;
  readonly logSumExp: Float64Array;
  /** n_0 … n_L: the widths of h_0 and of every layer. */
  readonly #widths: readonly number[];
  readonly #dtype: DType;
  readonly #alloc: (length: number, dtype: DType) => FloatArray;
  // Gradient buffers are made on first use: a forward-only workspace (predict, a 1024-row GEMM) never pays for them.
  #gradA: Matrix[] | undefined = undefined;
  #gradH: Matrix[] | undefined = undefined;

  constructor(
    inputs: number,
    layers: readonly ResolvedLayer[],
    readonly N: number,
    dtype: DType,
    alloc: (length: number, dtype: DType) => FloatArray,
  ) {
    this.#dtype = dtype;
    this.#alloc = alloc;
    const widths = [inputs];
    for (const l of layers) widths.push(l.units);
    this.#widths = widths;
    const L = layers.length;
    this.a = this.#matrices(1, L);
    this.h = this.#matrices(0, L - 1);
    this.yHat = this.#matrices(L, L)[0]!;
    this.logSumExp = new Float64Array(N);
  }

  get gradA(): Matrix[] {
    this.#gradA ??= this.#matrices(1, this.#widths.length - 1);
    return this.#gradA;
  }

  get gradH(): Matrix[] {
    this.#gradH ??= this.#matrices(0, this.#widths.length - 2);
    return this.#gradH;
  }

  /** N × n_k matrices for k = first … last, in the kernel set's memory (or wherever `alloc` puts them). */
  #matrices(first: number, last: number): Matrix[] {
    const out: Matrix[] = [];
    for (let k = first; k <= last; k++) out.push(new Matrix(this.N, this.#widths[k]!, this.#alloc(this.N * this.#widths[k]!, this.#dtype)));
    return out;
  }
}
