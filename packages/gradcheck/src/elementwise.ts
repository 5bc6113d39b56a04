import { compare, summarize } from './compare.js';
import { straddlesKink } from './kinks.js';
import { type ElementwiseOptions, resolveOptions } from './options.js';
import type { ElementCheck, GradcheckReport } from './report.js';

const ELEMENTWISE_KEYS = ['eps', 'atol', 'rtol', 'kinks', 'name'] as const;

/** The report of {@link checkElementwise}: one tensor (the points, as a column) plus the points that hit a kink. */
export interface ElementwiseReport extends GradcheckReport {
  /** The points whose difference interval [z − ε, z + ε] touched a kink: reported, not failed. */
  readonly kinksHit: readonly number[];
}

/**
 * Checks a scalar activation's g′ against (g(z + ε) − g(z − ε)) / 2ε at every point (SPEC §1: every
 * activation ships g, g′ and a gradient check). With `kinks` (an activation's `kinks` field), a point
 * whose interval touches a kink is inconclusive and listed in `kinksHit`.
 * @example
 * const { relu } = activations;
 * checkElementwise(relu.g, relu.gPrime, [-1, 0, 1], { kinks: relu.kinks }).kinksHit; // [0]
 */
export function checkElementwise(
  g: (z: number) => number,
  gPrime: (z: number) => number,
  points: ArrayLike<number>,
  options: ElementwiseOptions = {},
): ElementwiseReport {
  const o = resolveOptions<ElementwiseOptions>(options, ELEMENTWISE_KEYS);
  const kinks = o.kinks ?? [];
  const checks: ElementCheck[] = [];
  const kinksHit: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const z = points[i]!;
    const zPlus = z + o.eps;
    const zMinus = z - o.eps;
    const inconclusive = straddlesKink(zMinus, z, zPlus, kinks);
    if (inconclusive) kinksHit.push(z);
    // Divide by the step as stored (zPlus − zMinus), not by 2ε: z ± ε is rounded.
    const numeric = (g(zPlus) - g(zMinus)) / (zPlus - zMinus);
    checks.push(compare({ kind: 'element', index: i, row: i, col: 0 }, gPrime(z), numeric, o, inconclusive));
  }
  const tensor = summarize(o.name ?? 'g′', [points.length, 1], checks, false);
  const { eps, atol, rtol } = o;
  return { ok: tensor.ok, mode: 'full', eps, atol, rtol, dtype: 'float64', tensors: [tensor], kinksHit };
}
