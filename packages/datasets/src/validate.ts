import { BackpropError, type DType } from '@backprop/core';

// Boundary checks for the public functions of this package (the same messages as core's checks).
// Internal code trusts what these return.

/** Describes a value for an error message: short, never throws. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** An options object (or undefined → {}) whose keys are all in `allowed`; unknown keys are errors. */
export function checkOptions<T extends object>(options: T | undefined, allowed: readonly (keyof T & string)[]): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new BackpropError('invalid_option', 'options', 'an options object', describeValue(options));
  }
  for (const key of Object.keys(options)) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw new BackpropError('invalid_option', `options.${key}`, `one of the known keys (${allowed.join(', ')})`, 'an unknown key');
    }
  }
  return options;
}

/** An integer ≥ `min`, or the default when undefined. */
export function optionalInteger(argument: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const expected = min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer ≥ ${min}`;
    throw new BackpropError('invalid_option', argument, expected, describeValue(value));
  }
  return value;
}

/** A number in [min, max], or the default when undefined. */
export function optionalNumber(argument: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new BackpropError('invalid_option', argument, `a number in [${min}, ${max}]`, describeValue(value));
  }
  return value;
}

/** A seed: an integer in [0, 2³² − 1] (the core's range), default 0. Fractions and negatives are rejected, not truncated or folded. */
export function optionalSeed(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** 32 - 1) {
    throw new BackpropError('invalid_option', 'seed', `an integer in [0, ${2 ** 32 - 1}]`, describeValue(value));
  }
  return value;
}

/** One of the listed names, or the default when undefined. */
export function optionalName<T extends string | boolean>(argument: string, value: unknown, names: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(names as readonly unknown[]).includes(value)) {
    const list = names.map((n) => (typeof n === 'string' ? `'${n}'` : String(n))).join(', ');
    throw new BackpropError('invalid_option', argument, `one of ${list}`, describeValue(value));
  }
  return value as T;
}

/** The element type of the produced matrices, default float32. */
export function optionalDType(value: unknown): DType {
  return optionalName<DType>('dtype', value, ['float32', 'float64'], 'float32');
}
