import { describe, expect, test } from 'vitest';
import { bump, plane } from './regression.js';
import { circle, gaussians, spiral, spiral3, xor } from './toy.js';
import type { ClassificationDataset } from './types.js';

const counts = (d: ClassificationDataset): number[] => {
  const h = new Array<number>(d.classes).fill(0);
  for (const c of d.y) h[c]!++;
  return h;
};
const mean = (xs: number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
const points = (d: { X: { rows: number; get(i: number, j: number): number } }) =>
  Array.from({ length: d.X.rows }, (_, i) => [d.X.get(i, 0), d.X.get(i, 1)] as const);

describe('class balance', () => {
  test('circle, gaussians and spirals split the samples evenly (remainder to class 0)', () => {
    expect(counts(circle({ samples: 101 }))).toEqual([51, 50]);
    expect(counts(gaussians({ samples: 400 }))).toEqual([200, 200]);
    expect(counts(spiral({ samples: 500 }))).toEqual([250, 250]);
    expect(counts(spiral3({ samples: 100 }))).toEqual([34, 33, 33]);
  });

  test('xor is balanced by geometry, within sampling error', () => {
    const [neg, pos] = counts(xor({ samples: 2000, seed: 5 })) as [number, number];
    expect(Math.abs(pos - neg)).toBeLessThan(200); // ~4.5 standard deviations of a fair split
  });

  test('rows are shuffled, not emitted class by class', () => {
    const y = Array.from(spiral({ samples: 200 }).y);
    expect(y.slice(0, 100).filter((c) => c === 0).length).toBeGreaterThan(30);
    expect(y.slice(0, 100).filter((c) => c === 0).length).toBeLessThan(70);
  });
});

describe('geometry at noise 0', () => {
  test('xor: class 1 exactly where x1·x2 ≥ 0, and no point within 0.3 of an axis', () => {
    const d = xor({ samples: 500 });
    points(d).forEach(([a, b], i) => {
      expect(d.y[i]).toBe(a * b >= 0 ? 1 : 0);
      expect(Math.min(Math.abs(a), Math.abs(b))).toBeGreaterThanOrEqual(0.3 - 1e-6);
    });
  });

  test('circle: class 1 inside radius 2.5, class 0 in the ring 3.5–5', () => {
    const d = circle({ samples: 500 });
    points(d).forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      if (d.y[i] === 1) expect(r).toBeLessThan(2.5 + 1e-6);
      else expect(r >= 3.5 - 1e-6 && r <= 5 + 1e-6).toBe(true);
    });
  });

  test('gaussians: class means near (2, 2) and (-2, -2)', () => {
    const d = gaussians({ samples: 2000, seed: 1 });
    const p = points(d);
    for (const [label, centre] of [[1, 2], [0, -2]] as const) {
      const mine = p.filter((_, i) => d.y[i] === label);
      expect(mean(mine.map(([a]) => a))).toBeCloseTo(centre, 1);
      expect(mean(mine.map(([, b]) => b))).toBeCloseTo(centre, 1);
    }
  });

  test('spiral3: each point lies on its arm, t = 0.7π·r + 2πc/3, radius up to 5', () => {
    const d = spiral3({ samples: 300 });
    points(d).forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      const t = 0.7 * Math.PI * r + (2 * Math.PI * d.y[i]!) / 3;
      expect(r).toBeLessThanOrEqual(5);
      expect(Math.abs(a - r * Math.sin(t)) + Math.abs(b - r * Math.cos(t))).toBeLessThan(1e-4);
    });
  });

  test('plane and bump targets follow their formulas', () => {
    const p = plane({ samples: 200, dtype: 'float64' });
    const b = bump({ samples: 200, dtype: 'float64' });
    points(p).forEach(([x1, x2], i) => {
      expect(p.Y.get(i, 0)).toBeCloseTo((x1 + x2) / 10, 12);
    });
    points(b).forEach(([x1, x2], i) => {
      expect(b.Y.get(i, 0)).toBeCloseTo(Math.exp(-(x1 * x1 + x2 * x2) / 8), 12);
    });
  });
});

describe('noise', () => {
  // The same seed at two noise levels draws the same numbers, so each measure compares like with like.
  const spread = (noise: number): number => {
    const clean = points(spiral({ samples: 400, seed: 9 }));
    const noisy = points(spiral({ samples: 400, seed: 9, noise }));
    return mean(clean.map(([a, b], i) => Math.hypot(a - noisy[i]![0], b - noisy[i]![1])));
  };

  test('spiral: the distance from the clean arms grows with noise', () => {
    expect(spread(0)).toBe(0);
    expect(spread(0.2)).toBeGreaterThan(0);
    expect(spread(1)).toBeGreaterThan(3 * spread(0.2));
  });

  test('gaussians: the within-class standard deviation grows from √0.5 to 2', () => {
    const sd = (noise: number): number => {
      const d = gaussians({ samples: 4000, seed: 4, noise });
      const xs = points(d).filter((_, i) => d.y[i] === 1).map(([a]) => a);
      const m = mean(xs);
      return Math.sqrt(mean(xs.map((v) => (v - m) ** 2)));
    };
    expect(sd(0)).toBeCloseTo(Math.SQRT1_2, 1);
    expect(sd(1)).toBeCloseTo(2, 1);
  });

  test('xor and circle: noise relabels more points the larger it is', () => {
    const flipped = (make: typeof xor, noise: number): number => {
      const clean = make({ samples: 1000, seed: 6 }).y;
      const noisy = make({ samples: 1000, seed: 6, noise }).y;
      return clean.filter((c, i) => c !== noisy[i]).length;
    };
    for (const make of [xor, circle]) {
      expect(flipped(make, 0)).toBe(0);
      expect(flipped(make, 1)).toBeGreaterThan(flipped(make, 0.2));
      expect(flipped(make, 0.2)).toBeGreaterThan(0);
    }
  });

  test('plane: targets move away from the clean plane with noise', () => {
    const residual = (noise: number): number => {
      const d = plane({ samples: 500, seed: 2, noise });
      return mean(points(d).map(([a, b], i) => Math.abs(d.Y.get(i, 0) - (a + b) / 10)));
    };
    expect(residual(0)).toBeLessThan(1e-6);
    expect(residual(1)).toBeGreaterThan(2 * residual(0.3));
  });
});
