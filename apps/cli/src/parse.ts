import { MAX_PARAMETERS } from '@backprop/core';
import { InvalidArgumentError } from 'commander';

// Value parsers for commander options: each throws InvalidArgumentError with what was expected, which
// commander turns into one line naming the flag and the bad value (exit code 2).

const grouped = (n: number) => n.toLocaleString('en-US');

/**
 * A whole number as typed: digits, or exponent notation for big counts (`1e6`, `2.5e3`). Integers too
 * large for a double (`1e400` → Infinity) count as whole, so that they are refused for their size.
 */
function wholeNumber(value: string): number | undefined {
  const text = value.trim();
  if (!/^\+?(\d+(\.\d*)?|\.\d+)(e\+?\d+)?$/i.test(text)) return undefined;
  const n = Number(text);
  return Number.isInteger(n) || n === Number.POSITIVE_INFINITY ? n : undefined;
}

/**
 * An integer in [min, max]: anything that is not one is refused as `what` (`a positive integer`), one
 * above `max` with the real limit (`at most 1,000,000`), not as "not a positive integer".
 */
export function integerIn(min: number, max: number, what: string, why = ''): (value: string) => number {
  return (value) => {
    const n = wholeNumber(value);
    if (n === undefined || n < min) throw new InvalidArgumentError(`expected ${what}.`);
    if (n > max) throw new InvalidArgumentError(`expected at most ${grouped(max)}${why}.`);
    return n;
  };
}

/** A count with no limit of its own (epochs, batch size, patience): up to 2⁵³ − 1, beyond which counting by one is not exact. */
export const positiveInt = integerIn(1, Number.MAX_SAFE_INTEGER, 'a positive integer', ' (2⁵³ − 1, the largest integer counted exactly)');

/**
 * A positive integer up to `max`: for sizes whose cost grows with the value (points generated, rows
 * checked by finite differences), so that a slip of the keyboard is refused at once instead of ending
 * in an out-of-memory crash after a minute.
 */
export function positiveIntUpTo(max: number): (value: string) => number {
  return integerIn(1, max, `a whole number from 1 to ${grouped(max)}`);
}

/** A layer width (gradcheck's --inputs / --outputs): at most core's parameter ceiling, which a wider layer alone exceeds. */
export const positiveWidth = integerIn(1, MAX_PARAMETERS, 'a positive integer', ' (MAX_PARAMETERS, the parameter ceiling)');

export const nonNegativeInt = integerIn(0, Number.MAX_SAFE_INTEGER, 'an integer ≥ 0');

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0.');
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0.');
  return n;
}

/** A share in [0, 1). */
export function share(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError('expected a number in [0, 1).');
  return n;
}

/** Noise in [0, 1]. */
export function unitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number in [0, 1].');
  return n;
}

/** Hidden layer widths: `128,64` (or `1e3,64`), each at most core's parameter ceiling (a wider layer alone exceeds it); `none` (or an empty string) means no hidden layer. */
export function layerList(value: string): number[] {
  const v = value.trim();
  if (v === '' || v === 'none') return [];
  const parts = v.split(',').map((p) => p.trim());
  const widths = parts.map((p) => wholeNumber(p));
  if (widths.some((n) => n === undefined || n < 1)) throw new InvalidArgumentError("expected positive widths separated by commas, e.g. '128,64', or 'none'.");
  if (widths.some((n) => n! > MAX_PARAMETERS)) throw new InvalidArgumentError(`expected widths of at most ${grouped(MAX_PARAMETERS)} (MAX_PARAMETERS, the parameter ceiling).`);
  return widths as number[];
}

/** A seed: an integer in [0, 2³² − 1] (the core's range). */
export const integer = integerIn(0, 2 ** 32 - 1, `an integer in [0, ${2 ** 32 - 1}]`, ' (seeds are 32-bit)');
