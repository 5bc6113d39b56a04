import { BackpropError } from '@backprop/core';

/** Rejects a non-object options argument and unknown keys (STYLE principle 9: unknown keys are an error). */
export function checkOptions(argument: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new BackpropError('invalid_option', argument, 'an options object', options === null ? 'null' : typeof options);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new BackpropError('invalid_option', `${argument}.${key}`, `no such option (known: ${known.join(', ')})`, key);
  }
}
