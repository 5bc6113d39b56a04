import type { Rng } from '@backprop/core';
import { type Tolerance, compare } from './compare.js';
import { sameSides } from './kinks.js';
import type { CheckMode, ElementCheck } from './report.js';
import { randomDirection, selectEntries } from './select.js';

/** One loss evaluation at the current values, with the kink sides of its trace when kinks are watched. */
export interface Evaluation {
  readonly loss: number;
  readonly sides?: Int8Array | undefined;
}

/** A tensor under test: live values the loss reads (perturbed in place, always restored) and its analytic gradient. */
export interface Subject {
  readonly values: Float64Array;
  readonly analytic: ArrayLike<number>;
  /** Columns, to turn a flat index into row/column. */
  readonly cols: number;
}

/** What the difference loop needs to know, already validated. */
export interface DifferenceSettings extends Tolerance {
  readonly mode: CheckMode;
  readonly eps: number;
  readonly samples: number;
  readonly directions: number;
}

/**
 * Central differences on one tensor (SPEC §5). The step actually taken is measured, not assumed:
 * θ_i ± ε is rounded when stored, so the element quotient divides by (θ_i + ε) − (θ_i − ε) as stored,
 * and the directional check compares with ⟨∇L, θ₊ − θ₋⟩ / 2ε over the stored endpoints. The values are
 * restored bit for bit after every evaluation pair, even if the loss throws.
 */
export function centralDifferences(
  subject: Subject,
  evaluate: () => Evaluation,
  centerSides: Int8Array | undefined,
  o: DifferenceSettings,
  rng: Rng,
): ElementCheck[] {
  const { values, analytic, cols } = subject;
  const saved = Float64Array.from(values);
  const checks: ElementCheck[] = [];
  // The kink rule of kinks.ts: any side change among θ − εe, θ, θ + εe makes the check inconclusive.
  const kinked = (plus: Evaluation, minus: Evaluation): boolean =>
    centerSides !== undefined && !(sameSides(centerSides, plus.sides!) && sameSides(centerSides, minus.sides!));
  try {
    if (o.mode === 'directional') {
      for (let d = 0; d < o.directions; d++) {
        const v = randomDirection(values.length, rng);
        for (let i = 0; i < values.length; i++) values[i] = saved[i]! + o.eps * v[i]!;
        const plus = evaluate();
        const thetaPlus = Float64Array.from(values);
        for (let i = 0; i < values.length; i++) values[i] = saved[i]! - o.eps * v[i]!;
        const minus = evaluate();
        let dot = 0; // ⟨∇L, θ₊ − θ₋⟩ over the stored endpoints
        for (let i = 0; i < values.length; i++) dot += analytic[i]! * (thetaPlus[i]! - values[i]!);
        values.set(saved);
        const numeric = (plus.loss - minus.loss) / (2 * o.eps);
        checks.push(compare({ kind: 'direction', index: d }, dot / (2 * o.eps), numeric, o, kinked(plus, minus)));
      }
      return checks;
    }
    for (const i of selectEntries(o.mode, analytic, o.samples, rng)) {
      const theta = saved[i]!;
      values[i] = theta + o.eps;
      const step = values[i]!;
      const plus = evaluate();
      values[i] = theta - o.eps;
      const h = step - values[i]!;
      const minus = evaluate();
      values[i] = theta;
      const row = Math.floor(i / cols);
      const at = { kind: 'element', index: i, row, col: i - row * cols } as const;
      checks.push(compare(at, analytic[i]!, (plus.loss - minus.loss) / h, o, kinked(plus, minus)));
    }
    return checks;
  } finally {
    values.set(saved);
  }
}
