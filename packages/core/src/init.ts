import type { FloatArray } from './matrix.js';
import type { Rng } from './random.js';

/**
 * Weight initialisers. `auto` picks per layer from the activation that follows it: He for rectifiers,
 * Glorot (Xavier) for saturating and linear units. Biases always start at zero.
 */
export type InitName = 'auto' | 'glorot-uniform' | 'glorot-normal' | 'he-uniform' | 'he-normal';

/** Every initialiser name. */
export const initNames: readonly InitName[] = ['auto', 'glorot-uniform', 'glorot-normal', 'he-uniform', 'he-normal'];

/**
 * Fills W (n_k × n_(k−1), row-major) in place. Numbers are drawn in float64 and then stored, so a
 * float32 and a float64 network with one seed start from the same (rounded) weights.
 *   glorot-uniform  U(±√(6 / (fan_in + fan_out)))      glorot-normal  N(0, 2 / (fan_in + fan_out))
 *   he-uniform      U(±√(6 / fan_in))                  he-normal      N(0, 2 / fan_in)
 */
export function initWeights(W: FloatArray, fanIn: number, fanOut: number, scheme: Exclude<InitName, 'auto'>, rng: Rng): void {
  const glorot = scheme.startsWith('glorot');
  const variance = glorot ? 2 / (fanIn + fanOut) : 2 / fanIn;
  if (scheme.endsWith('uniform')) {
    const limit = Math.sqrt(3 * variance); // U(±r) has variance r²/3
    for (let i = 0; i < W.length; i++) W[i] = (2 * rng.next() - 1) * limit;
  } else {
    const sd = Math.sqrt(variance);
    for (let i = 0; i < W.length; i++) W[i] = rng.normal() * sd;
  }
}
