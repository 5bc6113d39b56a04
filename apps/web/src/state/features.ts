import { detMath } from '@backprop/core';
import type { FeatureName } from './config.js';

// Input features computed from a 2-D point, as in TensorFlow Playground: the network sees only the
// features the user switched on, in the fixed order of `featureNames`. sin is the core's deterministic
// one, so a shared link trains on the same bits in every browser.

/** Feature value at (x1, x2). */
export const featureFns: Readonly<Record<FeatureName, (x1: number, x2: number) => number>> = {
  x: (x1) => x1,
  y: (_x1, x2) => x2,
  x2: (x1) => x1 * x1,
  y2: (_x1, x2) => x2 * x2,
  xy: (x1, x2) => x1 * x2,
  sinx: (x1) => detMath.sin(x1),
  siny: (_x1, x2) => detMath.sin(x2),
};

/** Labels shown beside the input units of the diagram. */
export const featureLabels: Readonly<Record<FeatureName, string>> = {
  x: 'x₁', y: 'x₂', x2: 'x₁²', y2: 'x₂²', xy: 'x₁x₂', sinx: 'sin x₁', siny: 'sin x₂',
};

/**
 * A feature of a 2-column CSV by its columns' names and its symbol (`area (x₁)`, `area·year (x₁x₂)`), so the
 * file's names and the diagram's x₁, x₂ are seen together; the symbol alone without `columns`.
 */
export function planeFeatureLabel(f: FeatureName, columns?: readonly string[]): string {
  const [a, b] = columns ?? [];
  if (a === undefined || b === undefined) return featureLabels[f];
  const named: Record<FeatureName, string> = { x: a, y: b, x2: `${a}²`, y2: `${b}²`, xy: `${a}·${b}`, sinx: `sin ${a}`, siny: `sin ${b}` };
  return `${named[f]} (${featureLabels[f]})`;
}

/**
 * Maps N points (N × 2, row-major) to N × F features. An empty feature list falls back to the raw
 * point, so a network always has an input.
 */
export function applyFeatures(points: ArrayLike<number>, features: readonly FeatureName[], out?: Float32Array): Float32Array {
  const fs = (features.length > 0 ? features : (['x', 'y'] as const)).map((f) => featureFns[f]);
  const n = points.length / 2;
  const F = fs.length;
  const data = out ?? new Float32Array(n * F);
  for (let i = 0; i < n; i++) {
    const x1 = points[2 * i]!;
    const x2 = points[2 * i + 1]!;
    for (let j = 0; j < F; j++) data[i * F + j] = fs[j]!(x1, x2);
  }
  return data;
}

/** Number of network inputs for a feature selection. */
export const inputCount = (features: readonly FeatureName[]): number => (features.length > 0 ? features.length : 2);
