import { BackpropError } from '@backprop/core';
import type { ToyOptions } from './playground.js';
import { bump, plane } from './regression.js';
import { circle, gaussians, spiral, spiral3, xor } from './toy.js';
import type { Dataset } from './types.js';
import { describeValue } from './validate.js';

/** The names of the 2-D playground sets accepted by {@link generate}. */
export type ToyDatasetName = 'xor' | 'circle' | 'gaussians' | 'spiral' | 'spiral3' | 'plane' | 'bump';

const GENERATORS: Readonly<Record<ToyDatasetName, (options?: ToyOptions) => Dataset>> = {
  xor,
  circle,
  gaussians,
  spiral,
  spiral3,
  plane,
  bump,
};

/** Every {@link ToyDatasetName}, classification sets first. */
export const toyDatasetNames: readonly ToyDatasetName[] = Object.freeze(Object.keys(GENERATORS) as ToyDatasetName[]);

/** Generates a playground set by name (for menus, URLs and command lines). */
export function generate(name: ToyDatasetName, options?: ToyOptions): Dataset {
  if (typeof name !== 'string' || !Object.hasOwn(GENERATORS, name)) {
    throw new BackpropError('invalid_argument', 'name', `one of ${toyDatasetNames.map((n) => `'${n}'`).join(', ')}`, describeValue(name));
  }
  return GENERATORS[name](options);
}
