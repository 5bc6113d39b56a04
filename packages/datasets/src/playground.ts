import { createRng, type DType, Matrix, type Rng, shuffleInPlace } from '@backprop/core';
import type { ClassificationDataset, RegressionDataset } from './types.js';
import { checkOptions, optionalDType, optionalInteger, optionalNumber, optionalSeed } from './validate.js';

// Shared by the 2-D sets (toy.ts, regression.ts): options, and turning generated points into a Dataset.
// The generators follow TensorFlow Playground's dataset.ts (points in about [-6, 6]), with one seeded
// Rng instead of Math.random, and labels −1/+1 stored as class indices 0/1.

/** Options shared by every 2-D playground set. */
export interface ToyOptions {
  /** Number of rows (default 500 for classification, 1200 for regression, as in the Playground). */
  readonly samples?: number;
  /** Noise in [0, 1]; 1 is the Playground's maximum of 50 % (default 0). */
  readonly noise?: number;
  /** Seed of the one generator behind every number (default 0). Same options → bit-identical data. */
  readonly seed?: number;
  /** Element type of `X` (and `Y`) (default `'float32'`). */
  readonly dtype?: DType;
}

const KEYS = ['samples', 'noise', 'seed', 'dtype'] as const;

/** Validated options: `p` is the Playground's noise fraction in [0, 0.5]. */
export interface Resolved {
  readonly samples: number;
  readonly p: number;
  readonly rng: Rng;
  readonly dtype: DType;
}

export function resolveToyOptions(options: ToyOptions | undefined, defaultSamples: number): Resolved {
  const o = checkOptions(options, KEYS);
  return {
    samples: optionalInteger('samples', o.samples, defaultSamples, 1),
    p: optionalNumber('noise', o.noise, 0, 0, 1) / 2,
    rng: createRng(optionalSeed(o.seed)),
    dtype: optionalDType(o.dtype),
  };
}

/** Uniform in [a, b). */
export function uniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng.next();
}

/** Splits `samples` over `k` classes as evenly as possible (the first classes get the remainder). */
export function classCounts(samples: number, k: number): number[] {
  return Array.from({ length: k }, (_, c) => Math.floor(samples / k) + (c < samples % k ? 1 : 0));
}

export const FEATURES: readonly string[] = ['x1', 'x2'];

/** Points collected in generation order; `finish` shuffles them into a dataset. */
export class Points {
  readonly x1: number[] = [];
  readonly x2: number[] = [];
  readonly label: number[] = [];
  push(x1: number, x2: number, label: number): void {
    this.x1.push(x1);
    this.x2.push(x2);
    this.label.push(label);
  }

  /** Rows in a seeded random order (generators emit class by class; the Playground shuffles too). */
  classification(name: string, classNames: readonly string[], r: Resolved): ClassificationDataset {
    const n = this.label.length;
    const order = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), r.rng);
    const X = Matrix.zeros(n, 2, r.dtype);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = order[i]!;
      X.data[2 * i] = this.x1[s]!;
      X.data[2 * i + 1] = this.x2[s]!;
      y[i] = this.label[s]!;
    }
    return { task: 'classification', name, X, y, classes: classNames.length, classNames, featureNames: FEATURES };
  }

  /** Rows in generation order (regression points are drawn i.i.d.); `label` holds the target. */
  regression(name: string, targetName: string, r: Resolved): RegressionDataset {
    const n = this.label.length;
    const X = Matrix.zeros(n, 2, r.dtype);
    const Y = Matrix.zeros(n, 1, r.dtype);
    for (let i = 0; i < n; i++) {
      X.data[2 * i] = this.x1[i]!;
      X.data[2 * i + 1] = this.x2[i]!;
      Y.data[i] = this.label[i]!;
    }
    return { task: 'regression', name, X, Y, featureNames: FEATURES, targetNames: [targetName] };
  }
}
