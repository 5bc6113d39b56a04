import { type Rng, createRng } from '@backprop/core';

/**
 * A generator of its own per tensor, seeded from the user's seed and the tensor's name: which entries
 * of W2 are sampled does not depend on whether W1 was checked, and the caller's streams are untouched
 * (torch's gradcheck keeps its own generator for the same reason).
 */
export function tensorRng(seed: number, name: string): Rng {
  let h = 0x811c9dc5; // FNV-1a over the name
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return createRng((Math.imul(Math.floor(Math.abs(seed)) >>> 0, 0x9e3779b1) ^ h) >>> 0);
}

/**
 * The entries to check, ascending. `full` → all; `sampled` → at most `samples` distinct entries:
 * the largest |analytic| (the one most likely to expose a scale error, and a guard against checking
 * only zeros of a sparse gradient), then seeded uniform picks without replacement.
 */
export function selectEntries(mode: 'full' | 'sampled', analytic: ArrayLike<number>, samples: number, rng: Rng): Int32Array {
  const size = analytic.length;
  if (mode === 'full' || size <= samples) return Int32Array.from({ length: size }, (_, i) => i);
  const pool = Int32Array.from({ length: size }, (_, i) => i);
  let largest = 0;
  for (let i = 1; i < size; i++) if (Math.abs(analytic[i]!) > Math.abs(analytic[largest]!)) largest = i;
  pool[largest] = 0;
  pool[0] = largest;
  // Partial Fisher–Yates over pool[1 …): the first `samples` slots end up a uniform subset.
  for (let i = 1; i < samples; i++) {
    const j = i + rng.int(size - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, samples).sort();
}

/** A seeded direction uniform on the unit sphere of R^size (normalised Gaussian). */
export function randomDirection(size: number, rng: Rng): Float64Array {
  const v = new Float64Array(size);
  let norm = 0;
  do {
    norm = 0;
    for (let i = 0; i < size; i++) {
      v[i] = rng.normal();
      norm += v[i]! * v[i]!;
    }
  } while (norm === 0);
  norm = Math.sqrt(norm);
  for (let i = 0; i < size; i++) v[i] = v[i]! / norm;
  return v;
}
