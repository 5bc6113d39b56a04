import { BackpropError } from '../errors.js';
import type { NetworkHandle } from '../handle.js';

// One training at a time per network: two runs stepping the same θ (a `fit` while a `train` session is
// paused between steps, two sessions) would interleave their updates and each other's optimizer state.
const running = new WeakMap<NetworkHandle, string>();

/**
 * Marks `net` as training for `call` until the returned release is called, as `net.fit`, `net.train` and
 * `net.steps` do: meanwhile every other training of `net` throws `busy` (naming `call`), and this throws
 * `busy` if one is already running. For code that trains a network with a loop of its own
 * (`@backprop/parallel` does), so that it and core never step the same θ at once. The release is idempotent.
 *
 * @example
 * ```ts
 * const release = acquireTraining(net, 'myTrainer.fit');
 * try {
 *   // … update net.flat step by step …
 * } finally {
 *   release();
 * }
 * ```
 */
export function acquireTraining(net: NetworkHandle, call: string): () => void {
  if (typeof call !== 'string' || call === '') throw new BackpropError('invalid_argument', 'call', 'a non-empty string naming the training', typeof call === 'string' ? "''" : typeof call);
  if (typeof net !== 'object' || net === null || !(net.flat instanceof Float32Array || net.flat instanceof Float64Array)) {
    throw new BackpropError('invalid_argument', 'net', 'a Network', net === null ? 'null' : typeof net);
  }
  const holder = running.get(net);
  if (holder !== undefined) {
    throw new BackpropError('busy', call, 'a network that is not training', `one still training in ${holder}`, 'Wait for it to end, or stop() it (a steps() iterator ends when exhausted, stopped, or left with break)');
  }
  running.set(net, call);
  let held = true;
  return () => {
    if (held) running.delete(net);
    held = false;
  };
}
