import type { DType } from '@backprop/core';

/**
 * How entries are chosen (SPEC §5):
 * - `full`: every entry of every tensor, one central difference each (2 loss evaluations per entry).
 * - `sampled`: up to `samples` seeded entries per tensor (always including the entry with the largest
 *   |analytic| gradient); a tensor with at most `samples` entries is checked in full.
 * - `directional`: `directions` seeded random unit vectors v per tensor (v supported on that tensor);
 *   ⟨∇L, v⟩ is compared with (L(θ + εv) − L(θ − εv)) / 2ε. Two loss evaluations per direction, so
 *   even a 784-128-64-10 network checks in milliseconds.
 */
export type CheckMode = 'full' | 'sampled' | 'directional';

/** Every check mode. */
export const checkModes: readonly CheckMode[] = ['full', 'sampled', 'directional'];

/**
 * The verdict on one tensor:
 * - `pass`: every conclusive check met the tolerance rule;
 * - `fail`: at least one conclusive check did not;
 * - `vacuous`: every conclusive check compared an analytic 0 with a numeric 0, so nothing was verified
 *   (a dead ReLU layer, a one-unit softmax): not a pass unless `allowVacuous`;
 * - `inconclusive`: every check straddled a kink (see {@link ElementCheck.inconclusive}); not a failure.
 */
export type TensorStatus = 'pass' | 'fail' | 'vacuous' | 'inconclusive';

/** Where a check was made: one entry (flat index and row/column, row-major) or one random direction. */
export type CheckSite =
  | { readonly kind: 'element'; readonly index: number; readonly row: number; readonly col: number }
  | { readonly kind: 'direction'; readonly index: number };

/** One central-difference comparison. */
export interface ElementCheck {
  readonly at: CheckSite;
  /** The backward pass's value: ∂L/∂θ_i, or ⟨∇L, v⟩ for a direction. */
  readonly analytic: number;
  /** The central difference (L(θ + εe) − L(θ − εe)) / 2ε, in float64. */
  readonly numeric: number;
  /** |analytic − numeric|. */
  readonly absError: number;
  /** |analytic − numeric| / |numeric| (0 when both are 0, Infinity when only numeric is 0). */
  readonly relError: number;
  /** absError / (atol + rtol·|numeric|): the share of the allowed error used; ≤ 1 passes, NaN counts as Infinity. */
  readonly ratio: number;
  /** Whether `|analytic − numeric| ≤ atol + rtol·|numeric|` held (false for NaN). Meaningless when inconclusive. */
  readonly pass: boolean;
  /**
   * True when a kinked pre-activation (relu, leaky-relu at 0) changed side of its kink between the
   * three evaluations θ − εe, θ, θ + εe: the loss is not smooth there, so the central difference need
   * not match either one-sided derivative. Such checks are counted, never failed and never dropped.
   */
  readonly inconclusive: boolean;
}

/** The verdict and error statistics of one tensor (`W1`, `b1`, …, `input`). */
export interface TensorReport {
  /** `W1` … `WL`, `b1` … `bL` (the notes' 1-based layer numbers), `input` for ∇X, or a caller's name. */
  readonly name: string;
  /** Rows and columns: W_k is n_k × n_(k−1), b_k is n_k × 1, input is N × n0. */
  readonly shape: readonly [rows: number, cols: number];
  readonly status: TensorStatus;
  /** Whether this tensor counts as verified: `pass`, `inconclusive`, or `vacuous` with `allowVacuous`. */
  readonly ok: boolean;
  /** Conclusive comparisons made (entries, or directions in directional mode). */
  readonly checked: number;
  /** Comparisons made inconclusive by a kink (not included in `checked` or in the error statistics). */
  readonly inconclusive: number;
  /** Conclusive comparisons that broke the tolerance rule. */
  readonly failed: number;
  /** Largest |analytic − numeric| over conclusive checks (0 when there are none). */
  readonly maxAbsError: number;
  /** Largest relative error over conclusive checks (0 when there are none). */
  readonly maxRelError: number;
  /** The conclusive check with the largest `ratio`: the one closest to (or furthest past) the tolerance. */
  readonly worst: ElementCheck | undefined;
  /** Every comparison, conclusive or not, in the order made. */
  readonly checks: readonly ElementCheck[];
}

/** The result of {@link gradcheck}, {@link checkFunction} or {@link checkElementwise}. */
export interface GradcheckReport {
  /** True when every tensor is `ok`. */
  readonly ok: boolean;
  readonly mode: CheckMode;
  readonly eps: number;
  readonly atol: number;
  readonly rtol: number;
  /** The dtype of the network given; the check itself always runs in float64. */
  readonly dtype: DType;
  readonly tensors: readonly TensorReport[];
}

/** A progress event of {@link gradcheckSteps}: one tensor has been checked. */
export interface TensorEvent {
  readonly type: 'tensor';
  readonly tensor: TensorReport;
  /** 1-based position of this tensor among `total`. */
  readonly done: number;
  readonly total: number;
}
