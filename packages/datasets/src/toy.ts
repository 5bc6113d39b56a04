import { detMath } from '@backprop/core';
import type { ClassificationDataset } from './types.js';
import { classCounts, Points, resolveToyOptions, type ToyOptions, uniform } from './playground.js';

// The Playground's classification sets. Each point draws a fixed number of random numbers whatever the
// noise, so the same seed at two noise levels gives the same points, moved (or relabelled) by the noise.
// Class 0 is the Playground's −1 (orange), class 1 its +1 (blue).

const TWO_CLASSES: readonly string[] = ['negative', 'positive'];
const CLASSIFY_SAMPLES = 500;

/**
 * Four quadrants: class 1 where x1·x2 ≥ 0. Points are uniform in [-5.3, 5.3]² away from the axes; noise
 * relabels points near the axes (the label is read at a jittered copy of the point, as in the Playground).
 */
export function xor(options?: ToyOptions): ClassificationDataset {
  const r = resolveToyOptions(options, CLASSIFY_SAMPLES);
  const points = new Points();
  const padding = 0.3;
  for (let i = 0; i < r.samples; i++) {
    let x = uniform(r.rng, -5, 5);
    x += x > 0 ? padding : -padding;
    let y = uniform(r.rng, -5, 5);
    y += y > 0 ? padding : -padding;
    const nx = uniform(r.rng, -5, 5) * r.p;
    const ny = uniform(r.rng, -5, 5) * r.p;
    points.push(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
  }
  return points.classification('xor', TWO_CLASSES, r);
}

/**
 * A disc inside a ring: class 1 within radius 2.5, class 0 in the ring from 3.5 to 5. Half the points
 * each; noise relabels points near the boundary circle (radius 2.5).
 */
export function circle(options?: ToyOptions): ClassificationDataset {
  const r = resolveToyOptions(options, CLASSIFY_SAMPLES);
  const points = new Points();
  const radius = 5;
  const [negatives, positives] = classCounts(r.samples, 2) as [number, number];
  const emit = (count: number, rMin: number, rMax: number): void => {
    for (let i = 0; i < count; i++) {
      const rad = uniform(r.rng, rMin, rMax);
      const angle = uniform(r.rng, 0, 2 * Math.PI);
      const x = rad * detMath.sin(angle);
      const y = rad * detMath.cos(angle);
      const nx = uniform(r.rng, -radius, radius) * r.p;
      const ny = uniform(r.rng, -radius, radius) * r.p;
      // √(u² + v²), not Math.hypot: hypot is implementation-approximated, sqrt is exact in every engine.
      const [u, v] = [x + nx, y + ny];
      points.push(x, y, Math.sqrt(u * u + v * v) < radius * 0.5 ? 1 : 0);
    }
  };
  emit(positives, 0, radius * 0.5);
  emit(negatives, radius * 0.7, radius);
  return points.classification('circle', TWO_CLASSES, r);
}

/**
 * Two gaussian clouds: class 1 around (2, 2), class 0 around (-2, -2). The variance grows with noise,
 * from 0.5 to 4 (the Playground's scale), so the clouds overlap more as noise rises.
 */
export function gaussians(options?: ToyOptions): ClassificationDataset {
  const r = resolveToyOptions(options, CLASSIFY_SAMPLES);
  const points = new Points();
  const sd = Math.sqrt(0.5 + 7 * r.p); // variance 0.5 at p = 0 → 4 at p = 0.5
  const [negatives, positives] = classCounts(r.samples, 2) as [number, number];
  const emit = (count: number, c: number, label: number): void => {
    for (let i = 0; i < count; i++) points.push(c + sd * r.rng.normal(), c + sd * r.rng.normal(), label);
  };
  emit(positives, 2, 1);
  emit(negatives, -2, 0);
  return points.classification('gaussians', TWO_CLASSES, r);
}

/** `arms` interleaved spiral arms, one class each, radius growing to 5 over 1.75 turns. */
function spiralArms(name: string, classNames: readonly string[], options: ToyOptions | undefined): ClassificationDataset {
  const r = resolveToyOptions(options, CLASSIFY_SAMPLES);
  const points = new Points();
  const arms = classNames.length;
  classCounts(r.samples, arms).forEach((n, label) => {
    const deltaT = (2 * Math.PI * label) / arms;
    for (let i = 0; i < n; i++) {
      const rad = (i / n) * 5;
      const t = 1.75 * (i / n) * 2 * Math.PI + deltaT;
      const x = rad * detMath.sin(t) + uniform(r.rng, -1, 1) * r.p;
      const y = rad * detMath.cos(t) + uniform(r.rng, -1, 1) * r.p;
      points.push(x, y, label);
    }
  });
  return points.classification(name, classNames, r);
}

/**
 * Two interleaved spiral arms (the Playground's hardest set): class 0 starts at angle 0, class 1 at π.
 * Noise jitters each coordinate by up to ±0.5 (at noise 1).
 */
export function spiral(options?: ToyOptions): ClassificationDataset {
  return spiralArms('spiral', TWO_CLASSES, options);
}

/** Three interleaved spiral arms, 120° apart: classes 0, 1, 2 (`'arm 1'`, `'arm 2'`, `'arm 3'`). */
export function spiral3(options?: ToyOptions): ClassificationDataset {
  return spiralArms('spiral3', ['arm 1', 'arm 2', 'arm 3'], options);
}
