import { BackpropError, describe } from './errors.js';
import { type DType, Matrix, type Row, isRow } from './matrix.js';

// Boundary checks for public functions. Internal code trusts its inputs and never re-checks in loops.

/** Throws `invalid_option` for a non-object or any key outside `allowed`. */
export function checkKeys(argument: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BackpropError('invalid_option', argument, 'an options object', describe(value));
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new BackpropError('invalid_option', `${argument}.${key}`, `one of the known keys (${allowed.join(', ')})`, 'an unknown key');
    }
  }
}

/** An integer ≥ `min` (default 1). */
export function checkInteger(argument: string, value: unknown, min = 1, code: 'invalid_argument' | 'invalid_option' = 'invalid_argument'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new BackpropError(code, argument, `an integer ≥ ${min}`, describe(value));
  }
  return value;
}

/** The largest seed: seeds are 32-bit words (as NumPy's), so every allowed seed starts its own stream. */
export const MAX_SEED = 2 ** 32 - 1;

/** A seed: an integer in [0, 2³² − 1]. Fractions and negatives are refused, not truncated or folded. */
export function checkSeed(argument: string, value: unknown, code: 'invalid_argument' | 'invalid_option' = 'invalid_argument'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_SEED) {
    throw new BackpropError(code, argument, `an integer in [0, ${MAX_SEED}]`, describe(value));
  }
  return value;
}

/** A finite number, optionally > 0 (`positive`) or ≥ 0 (`nonNegative`), or within [min, max]. */
export function checkNumber(
  argument: string,
  value: unknown,
  range: { positive?: boolean; nonNegative?: boolean; min?: number; max?: number } = {},
  code: 'invalid_argument' | 'invalid_option' = 'invalid_option',
): number {
  const finite = typeof value === 'number' && Number.isFinite(value);
  const ok =
    finite &&
    !(range.positive && value <= 0) &&
    !(range.nonNegative && value < 0) &&
    !(range.min !== undefined && value < range.min) &&
    !(range.max !== undefined && value > range.max);
  if (!ok) {
    const expected = range.positive
      ? 'a finite number > 0'
      : range.nonNegative
        ? 'a finite number ≥ 0'
        : range.min !== undefined || range.max !== undefined
          ? `a number in [${range.min ?? '-∞'}, ${range.max ?? '∞'}]`
          : 'a finite number';
    throw new BackpropError(code, argument, expected, describe(value));
  }
  return value as number;
}

/** One of the listed string names. */
export function checkName<T extends string>(argument: string, value: unknown, names: readonly T[], code: 'invalid_argument' | 'invalid_option' = 'invalid_argument'): T {
  if (typeof value !== 'string' || !(names as readonly string[]).includes(value)) {
    throw new BackpropError(code, argument, `one of ${names.map((n) => `'${n}'`).join(', ')}`, describe(value));
  }
  return value as T;
}

/** One sample as a flat array or typed array of `cols` numbers (`[6.1, 2.8, 4.7, 1.2]`), not a batch of rows. */
function isOneSample(argument: string, X: unknown, cols: number): boolean {
  // An array whose first entry is no row (a number, but also a string or null) is one flat sample: its entries
  // are then reported as numbers expected at X[j], not as rows of some length.
  const flat = (ArrayBuffer.isView(X) && !(X instanceof DataView)) || (Array.isArray(X) && X.length > 0 && !Array.isArray(X[0]) && !ArrayBuffer.isView(X[0]));
  if (!flat) return false;
  if (Array.isArray(X)) {
    X.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new BackpropError('non_finite', `${argument}[${j}]`, 'a finite number', describe(v));
    });
  }
  const n = (X as ArrayLike<number>).length;
  if (n !== cols) throw new BackpropError('shape_mismatch', argument, `one sample of ${cols} numbers (the network has ${cols} inputs), or rows of ${cols}`, `${n} numbers`);
  return true;
}

/**
 * A data matrix X: N × cols, N ≥ 1, every entry finite; one sample may come flat (cols numbers, an array or
 * a typed array) and is read as a 1 × cols batch. Nested arrays are converted; a Matrix of
 * another dtype is copied into `dtype`. Shapes are never broadcast. `assumeFinite` skips the finiteness pass.
 */
export function checkDataMatrix(argument: string, X: unknown, cols: number, dtype: DType, assumeFinite = false): Matrix {
  let m: Matrix;
  if (X instanceof Matrix) m = X;
  else if (isOneSample(argument, X, cols)) m = new Matrix(1, cols, dtype === 'float32' ? Float32Array.from(X as ArrayLike<number>) : Float64Array.from(X as ArrayLike<number>));
  else if (Array.isArray(X)) {
    // Each row against the network's width first: Matrix.from alone takes row 0's width, and then blamed row 1.
    X.forEach((row, i) => {
      if (!isRow(row) || row.length !== cols) throw new BackpropError('shape_mismatch', `${argument}[${i}]`, `a row of ${cols} numbers (the network has ${cols} inputs)`, describe(row));
    });
    m = Matrix.from(X as Row[], dtype, argument);
  }
  else throw new BackpropError('invalid_argument', argument, `a Matrix, number[][] with ${cols} columns, or one sample of ${cols} numbers`, describe(X));
  if (m.rows === 0) throw new BackpropError('empty_batch', argument, 'at least one row', '0 rows');
  if (m.cols !== cols) throw new BackpropError('shape_mismatch', argument, `N × ${cols} (the network has ${cols} inputs)`, `${m.rows} × ${m.cols}`);
  // assumeFinite: the caller checks entries where it reads them (max |x| is then unknown: NaN).
  lastMaxAbs = assumeFinite ? Number.NaN : maxAbsFinite(m.data, (i, v) => new BackpropError('non_finite', `${argument}[${Math.floor(i / cols)}][${i % cols}]`, 'a finite number', describe(v)));
  return m.dtype === dtype ? m : m.clone(dtype);
}

/** max |x_i| of the matrix the latest {@link checkDataMatrix} returned (fit's input scale, without a second pass over X). */
export let lastMaxAbs = 0;

/**
 * max |x_i| over `d`, in one pass that is also the finiteness check: the first NaN or ±∞ throws `error(i, value)`.
 * @internal
 */
export function maxAbsFinite(d: ArrayLike<number>, error: (i: number, value: number) => Error): number {
  // In chunks through a small function: called thousands of times it is optimised at once and stays so, where
  // one long loop per fit ran mostly in V8's baseline code until on-stack replacement (~47 instructions per
  // value: 295M instructions per W1 fit, 7 % of the harness's whole train call; now ~30M).
  let max = 0;
  for (let from = 0; from < d.length; from += SCAN_CHUNK) {
    const to = Math.min(d.length, from + SCAN_CHUNK);
    max = chunkMaxAbs(d, from, to, max);
    if (!(max < Number.POSITIVE_INFINITY)) {
      for (let i = from; i < to; i++) if (!Number.isFinite(d[i]!)) throw error(i, d[i]!); // NaN or ±∞
    }
  }
  return max;
}

const SCAN_CHUNK = 1024;

/** max(max, |d_i|) for from ≤ i < to; the first |d_i| that is NaN or +∞ as soon as one is met. */
function chunkMaxAbs(d: ArrayLike<number>, from: number, to: number, max: number): number {
  for (let i = from; i < to; i++) {
    const v = Math.abs(d[i]!);
    if (!(v <= max)) {
      if (!(v < Number.POSITIVE_INFINITY)) return v;
      max = v;
    }
  }
  return max;
}
