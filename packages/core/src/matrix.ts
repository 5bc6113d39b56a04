import { BackpropError, describe } from './errors.js';

/** Element type of every matrix in a network: `float32` (default, fast) or `float64` (for checking). */
export type DType = 'float32' | 'float64';

/** The typed array behind a matrix or vector. */
export type FloatArray = Float32Array | Float64Array;

/** One row of nested-array data: numbers, or a typed array of them (as `Float32Array`s read from a file). */
export type Row = readonly number[] | Float32Array | Float64Array;

/** True for a row {@link Matrix.from} takes: an array, or a typed array of numbers. */
export function isRow(value: unknown): value is Row {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Allocates a zeroed typed array of the given dtype. */
export function allocate(length: number, dtype: DType): FloatArray {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/** The dtype of a typed array. */
export function dtypeOf(data: FloatArray): DType {
  return data instanceof Float32Array ? 'float32' : 'float64';
}

/**
 * Marks matrices made by any copy of `@backprop/core`. An app can load two copies (its CommonJS code
 * `require`s the core, an ES module it imports loads the ESM build: the dual-package hazard); a registry
 * symbol is the same in both, so each copy's `instanceof Matrix` accepts the other's matrices.
 */
const MATRIX_BRAND = Symbol.for('@backprop/core.Matrix');

/**
 * A dense row-major matrix: element (i, j) is `data[i * cols + j]`. Batches hold one sample per ROW
 * (SPEC §3). The shape is fixed; the numbers in `data` may be written (kernels write into caller-owned
 * matrices so that a warm training step allocates nothing).
 */
export class Matrix {
  // The brand lives on the prototype (no per-matrix cost, invisible to JSON and Object.keys). It is not
  // declared as a typed field: each copy's .d.ts would then declare its own `unique symbol`, and
  // TypeScript would call the two copies' Matrix types incompatible.
  static {
    Object.defineProperty(Matrix.prototype, MATRIX_BRAND, { value: true });
  }

  /**
   * `x instanceof Matrix` is true for matrices of this copy of the library and of any other copy
   * loaded in the same program (brand check; see {@link Matrix}).
   */
  static [Symbol.hasInstance](value: unknown): value is Matrix {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MATRIX_BRAND] === true;
  }

  constructor(
    /** Number of rows (samples, in a batch). */
    readonly rows: number,
    /** Number of columns (features or units). */
    readonly cols: number,
    /** Row-major storage of length `rows * cols`. */
    readonly data: FloatArray,
  ) {
    if (data.length !== rows * cols) {
      throw new BackpropError('shape_mismatch', 'data', `length ${rows} × ${cols} = ${rows * cols}`, `length ${data.length}`);
    }
  }

  /** Element type of `data`. */
  get dtype(): DType {
    return dtypeOf(this.data);
  }

  /** A zero matrix. */
  static zeros(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
    return new Matrix(rows, cols, allocate(rows * cols, dtype));
  }

  /**
   * A matrix from nested arrays (one inner array, or typed array, per row). Rows must all have the same
   * length and every entry must be a finite number.
   * @example Matrix.from([[0, 0], [0, 1], [1, 0], [1, 1]])  // 4 × 2
   */
  static from(rows: readonly Row[], dtype: DType = 'float32', argument = 'rows'): Matrix {
    if (!Array.isArray(rows)) throw new BackpropError('invalid_argument', argument, 'an array of rows', describe(rows));
    const first = rows[0];
    const cols = rows.length > 0 && isRow(first) ? first.length : 0;
    const m = Matrix.zeros(rows.length, cols, dtype);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!isRow(row) || row.length !== cols) {
        throw new BackpropError('shape_mismatch', `${argument}[${i}]`, `a row of ${cols} numbers (as ${argument}[0])`, describe(row));
      }
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new BackpropError('non_finite', `${argument}[${i}][${j}]`, 'a finite number', describe(v));
        }
        m.data[i * cols + j] = v;
      }
    }
    return m;
  }

  /** Element (i, j). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  /** Row i as a view (no copy). */
  row(i: number): FloatArray {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Rows `start` (inclusive) to `end` (exclusive) as a matrix that shares storage. */
  sliceRows(start: number, end: number): Matrix {
    return new Matrix(end - start, this.cols, this.data.subarray(start * this.cols, end * this.cols));
  }

  /** A deep copy, optionally converted to another dtype. */
  clone(dtype: DType = this.dtype): Matrix {
    const out = Matrix.zeros(this.rows, this.cols, dtype);
    out.data.set(this.data);
    return out;
  }

  /** Nested arrays, one per row (numbers are exact copies of the stored values). */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.row(i)));
    return out;
  }
}
