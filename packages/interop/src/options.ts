import { BackpropError, Network } from '@backprop/core';

/** A short description of a value for error messages (`null`, `a string`, `an array of length 3`, …). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return value.constructor?.name && value.constructor.name !== 'Object' ? `a ${value.constructor.name}` : 'an object';
  return typeof value;
}

/** Rejects anything but a live {@link Network} (null, a NetworkJSON, a disposed network) with a typed error. */
export function checkNetwork(argument: string, net: unknown): Network {
  if (!(net instanceof Network)) throw new BackpropError('invalid_argument', argument, 'a Network (Network.create / Network.fromJSON)', describeValue(net));
  if (net.disposed) throw new BackpropError('disposed', argument, 'a network that has not been disposed', 'a disposed network');
  return net;
}

/** Rejects a non-object options argument and unknown keys (STYLE principle 9: unknown keys are an error). */
export function checkOptions(argument: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new BackpropError('invalid_option', argument, 'an options object', options === null ? 'null' : typeof options);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new BackpropError('invalid_option', `${argument}.${key}`, `no such option (known: ${known.join(', ')})`, key);
  }
}
