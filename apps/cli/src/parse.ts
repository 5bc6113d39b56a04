import { InvalidArgumentError } from 'commander';

// Value parsers for commander options: each throws InvalidArgumentError with what was expected, which
// commander turns into one line naming the flag and the bad value (exit code 2).

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

/**
 * A positive integer up to `max`: for sizes whose cost grows with the value (points generated, rows
 * checked by finite differences), so that a slip of the keyboard is refused at once instead of ending
 * in an out-of-memory crash after a minute.
 */
export function positiveIntUpTo(max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected a whole number from 1 to ${max.toLocaleString('en-US')}.`);
    return n;
  };
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected an integer ≥ 0.');
  return n;
}

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

/** Hidden layer widths: `128,64`; `none` (or an empty string) means no hidden layer. */
export function layerList(value: string): number[] {
  const v = value.trim();
  if (v === '' || v === 'none') return [];
  const parts = v.split(',').map((p) => p.trim());
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) throw new InvalidArgumentError("expected positive widths separated by commas, e.g. '128,64', or 'none'.");
  return parts.map(Number);
}

/** A seed: an integer in [0, 2³² − 1] (the core's range). */
export function integer(value: string): number {
  const n = Number(value);
  if (!/^[+]?\d+$/.test(value.trim()) || n > 2 ** 32 - 1) throw new InvalidArgumentError(`expected an integer in [0, ${2 ** 32 - 1}].`);
  return n;
}
