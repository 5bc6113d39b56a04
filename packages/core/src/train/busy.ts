import { BackpropError } from '../errors.js';
import type { NetworkHandle } from '../handle.js';

// One training at a time per network: two runs stepping the same θ (a `fit` while a `train` session is
// paused between steps, two sessions) would interleave their updates and each other's optimizer state.
const running = new WeakMap<NetworkHandle, string>();

/** Marks `net` as training for `call` (`net.fit`, `net.train`, `net.steps`); returns the release. Throws `busy` if it already is. */
export function acquireTraining(net: NetworkHandle, call: string): () => void {
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
