import type { CheckSite, ElementCheck, TensorReport, TensorStatus } from './report.js';

/** The two tolerances of SPEC §5's rule, always by name. */
export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/**
 * SPEC §5's rule `|analytic − numeric| ≤ atol + rtol·|numeric|` (torch.allclose with the numeric value
 * as reference). NaN anywhere fails: the comparison is written so that NaN makes it false.
 */
export function compare(at: CheckSite, analytic: number, numeric: number, tol: Tolerance, inconclusive: boolean): ElementCheck {
  const absError = Math.abs(analytic - numeric);
  const scale = Math.abs(numeric);
  const allowed = tol.atol + tol.rtol * scale;
  const relError = absError === 0 ? 0 : scale === 0 ? Number.POSITIVE_INFINITY : absError / scale;
  const ratio = absError === 0 ? 0 : allowed === 0 || Number.isNaN(absError) ? Number.POSITIVE_INFINITY : absError / allowed;
  return { at, analytic, numeric, absError, relError, ratio, pass: absError <= allowed, inconclusive };
}

/**
 * Folds one tensor's checks into its report. Inconclusive checks are counted but kept out of the
 * statistics; the tensor is vacuous when every conclusive check compared exact zeros.
 */
export function summarize(name: string, shape: readonly [number, number], checks: readonly ElementCheck[], allowVacuous: boolean): TensorReport {
  let checked = 0;
  let inconclusive = 0;
  let failed = 0;
  let maxAbsError = 0;
  let maxRelError = 0;
  let allZero = true;
  let worst: ElementCheck | undefined;
  for (const c of checks) {
    if (c.inconclusive) {
      inconclusive++;
      continue;
    }
    checked++;
    if (!c.pass) failed++;
    // NaN errors must surface in the maxima, so compare with `!(x <= max)`.
    if (!(c.absError <= maxAbsError)) maxAbsError = c.absError;
    if (!(c.relError <= maxRelError)) maxRelError = c.relError;
    if (c.analytic !== 0 || c.numeric !== 0) allZero = false;
    if (worst === undefined || c.ratio > worst.ratio) worst = c;
  }
  // No checks at all (an empty tensor) verifies nothing, like all zeros.
  const status: TensorStatus = checks.length === 0 ? 'vacuous' : checked === 0 ? 'inconclusive' : failed > 0 ? 'fail' : allZero ? 'vacuous' : 'pass';
  const ok = status === 'pass' || status === 'inconclusive' || (status === 'vacuous' && allowVacuous);
  return { name, shape, status, ok, checked, inconclusive, failed, maxAbsError, maxRelError, worst, checks };
}
