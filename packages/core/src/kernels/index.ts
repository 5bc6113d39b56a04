import type { Kernels } from './kernels.js';
import { referenceKernels } from './reference.js';

/** Names of the built-in kernel sets. `reference` is the naive oracle; faster sets join as they land. */
export type BackendName = 'reference';

/** Every built-in kernel set name. */
export const backendNames: readonly BackendName[] = ['reference'];

const sets: Readonly<Record<BackendName, Kernels>> = { reference: referenceKernels };

/** The kernel set for a name; `auto` is the fastest available here. */
export function kernelsFor(name: BackendName | 'auto'): Kernels {
  return sets[name === 'auto' ? 'reference' : name];
}
