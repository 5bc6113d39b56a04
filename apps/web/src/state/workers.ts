import type { WorkersChoice } from '../worker/protocol.js';

// MNIST's worker count is a property of this device, not of the model, so it is remembered here
// (localStorage) rather than in the shared link: a reload keeps it, a link opened elsewhere does not.

const KEY = 'backprop-workers';

/** The remembered choice (auto when none, or when storage is blocked). */
export function storedWorkers(): WorkersChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === '1' ? 1 : v === '2' ? 2 : 'auto';
  } catch {
    return 'auto';
  }
}

/** Remembers a choice (silently not, where storage is blocked). */
export function rememberWorkers(choice: WorkersChoice): void {
  try {
    localStorage.setItem(KEY, String(choice));
  } catch {
    // not remembered; still applied
  }
}
