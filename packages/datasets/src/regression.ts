import { detMath } from '@backprop/core';
import type { RegressionDataset } from './types.js';
import { Points, resolveToyOptions, type ToyOptions, uniform } from './playground.js';

// The Playground's regression sets: x uniform in [-6, 6]², one target column `y`. As in the Playground,
// noise moves the point at which the target is read, not the stored point.

const RADIUS = 6;
const REGRESS_SAMPLES = 1200;

function sample(options: ToyOptions | undefined, name: string, target: (x1: number, x2: number) => number): RegressionDataset {
  const r = resolveToyOptions(options, REGRESS_SAMPLES);
  const points = new Points();
  for (let i = 0; i < r.samples; i++) {
    const x = uniform(r.rng, -RADIUS, RADIUS);
    const y = uniform(r.rng, -RADIUS, RADIUS);
    const nx = uniform(r.rng, -RADIUS, RADIUS) * r.p;
    const ny = uniform(r.rng, -RADIUS, RADIUS) * r.p;
    points.push(x, y, target(x + nx, y + ny));
  }
  return points.regression(name, 'y', r);
}

/** A tilted plane: y = (x1 + x2) / 10, so y ∈ [-1.2, 1.2] without noise. */
export function plane(options?: ToyOptions): RegressionDataset {
  return sample(options, 'plane', (x1, x2) => (x1 + x2) / 10);
}

/** A gaussian bump at the origin: y = exp(−(x1² + x2²) / (2·2²)), 1 at the centre, near 0 at the edges. */
export function bump(options?: ToyOptions): RegressionDataset {
  return sample(options, 'bump', (x1, x2) => detMath.exp(-(x1 * x1 + x2 * x2) / 8));
}
