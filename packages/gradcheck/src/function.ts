import { BackpropError } from '@backprop/core';
import { summarize } from './compare.js';
import { centralDifferences } from './difference.js';
import { type CheckFunctionOptions, resolveOptions } from './options.js';
import type { GradcheckReport } from './report.js';
import { tensorRng } from './select.js';

const FUNCTION_KEYS = ['mode', 'eps', 'atol', 'rtol', 'samples', 'directions', 'seed', 'allowVacuous', 'name'] as const;

/**
 * Checks any scalar function's analytic gradient against central differences at `x` (SPEC §5's rule
 * and {@link gradcheck}'s modes and defaults), reported as one tensor named `options.name` (`x`).
 * `f` is called on one Float64Array that the checker perturbs in place between calls, so it must not
 * keep it; `grad` gets a copy of `x` of its own.
 * @example
 * // f(x) = Σ x_i², ∇f = 2x
 * checkFunction((x) => x.reduce((s, v) => s + v * v, 0), (x) => x.map((v) => 2 * v), [1, -2, 3], { mode: 'full' }).ok; // true
 */
export function checkFunction(
  f: (x: Float64Array) => number,
  grad: (x: Float64Array) => ArrayLike<number>,
  x: ArrayLike<number>,
  options: CheckFunctionOptions = {},
): GradcheckReport {
  const o = resolveOptions<CheckFunctionOptions>(options, FUNCTION_KEYS);
  const name = o.name ?? 'x';
  const values = Float64Array.from(x);
  const analytic = Float64Array.from(grad(Float64Array.from(values)));
  if (analytic.length !== values.length) {
    throw new BackpropError('shape_mismatch', 'grad(x)', `${values.length} numbers (one per entry of x)`, String(analytic.length));
  }
  const checks = centralDifferences({ values, analytic, cols: 1 }, () => ({ loss: f(values) }), undefined, o, tensorRng(o.seed, name));
  const tensor = summarize(name, [values.length, 1], checks, o.allowVacuous);
  const { mode, eps, atol, rtol } = o;
  return { ok: tensor.ok, mode, eps, atol, rtol, dtype: 'float64', tensors: [tensor] };
}
