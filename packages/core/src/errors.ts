/**
 * What went wrong, as a machine-readable code. Each public function documents the codes it throws.
 * - `shape_mismatch`: a matrix or vector has the wrong rows / columns / length.
 * - `invalid_argument`: a value is of the wrong type or out of its range (sizes, rates, names).
 * - `invalid_option`: an options object has an unknown key or a bad value.
 * - `non_finite`: NaN or ±Infinity where finite numbers are required (data, parameters, a step's result).
 * - `label_out_of_range`: a class index is not an integer in [0, classes).
 * - `empty_batch`: a batch with no rows.
 * - `corrupt_model`: a saved model failed validation.
 * - `unsupported_version`: a saved model has a format version this library does not read.
 * - `diverged`: training produced a non-finite loss or gradient.
 * - `disposed`: a network was used after `dispose()`.
 * - `busy`: a network asked to train while another training of it (fit / train / steps) is still running, or a
 *   trainer (`@backprop/parallel`) asked for work while one of its own per-step sessions holds it.
 */
export type BackpropErrorCode =
  | 'shape_mismatch'
  | 'invalid_argument'
  | 'invalid_option'
  | 'non_finite'
  | 'label_out_of_range'
  | 'empty_batch'
  | 'corrupt_model'
  | 'unsupported_version'
  | 'diverged'
  | 'disposed'
  | 'busy';

/** Each branded class → its brand (see {@link brandErrorClass}). */
const brands = new Map<object, symbol>();

/**
 * Brands an error class of this package with the registry symbol `@backprop/core.<name>`, the same in every
 * copy of the library: its prototype carries the symbol and `instanceof` (BackpropError's
 * `Symbol.hasInstance`, inherited) checks for it. Internal: each class calls it from its static block.
 */
export function brandErrorClass(cls: abstract new (...args: never) => Error, name: string): void {
  const brand = Symbol.for(`@backprop/core.${name}`);
  brands.set(cls, brand);
  Object.defineProperty(cls.prototype, brand, { value: true });
}

/**
 * `instanceof` across copies of `@backprop/core` (a CommonJS `require` and an ESM `import` of it in one
 * app load two): true when `value` carries `cls`'s own brand. A user's subclass has no brand of its own
 * and keeps the ordinary prototype-chain check.
 */
function isBranded(cls: object, value: unknown): boolean {
  const brand = brands.get(cls);
  if (brand === undefined) return Function.prototype[Symbol.hasInstance].call(cls, value);
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * The one error class of `@backprop/core` (subclassed for model files). The message is built from its
 * fields: `"<argument>: expected <expected>, got <actual>"`.
 *
 * @example
 * try { net.predict([[1, 2, 3]]) } catch (e) { if (e instanceof BackpropError && e.code === 'shape_mismatch') console.error(e.argument, e.message) }
 */
export class BackpropError extends Error {
  static {
    brandErrorClass(BackpropError, 'BackpropError');
  }

  /** True for errors of this class from any copy of `@backprop/core` loaded in the program. */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    return isBranded(this, value);
  }

  override readonly name: string = 'BackpropError';
  constructor(
    /** Machine-readable kind of failure. */
    readonly code: BackpropErrorCode,
    /** The argument, option or field at fault (a dotted path such as `layers[1].units`). */
    readonly argument: string,
    /** What was expected, in words. */
    readonly expected: string,
    /** What was received, in words. */
    readonly actual: string,
    /** Extra guidance appended to the message (a likely cause, a fix). */
    readonly hint?: string,
  ) {
    super(`${argument}: expected ${expected}, got ${actual}${hint ? `. ${hint}` : ''}`);
  }
}

/** A saved model (JSON) that cannot be loaded: the `argument` is the JSON path of the bad field. */
export class ModelFormatError extends BackpropError {
  static {
    brandErrorClass(ModelFormatError, 'ModelFormatError');
  }

  override readonly name: string = 'ModelFormatError';
}

/** Describes a value for an error message: short, never throws, shows NaN and Infinity as such. */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as Float64Array).length}`;
  if (typeof value === 'object') {
    const rows = (value as { rows?: unknown }).rows;
    const cols = (value as { cols?: unknown }).cols;
    if (typeof rows === 'number' && typeof cols === 'number') return `a ${rows} × ${cols} matrix`;
    return 'an object';
  }
  return typeof value;
}
