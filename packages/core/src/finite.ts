import { BackpropError } from './errors.js';
import type { ForwardTrace } from './forward.js';
import type { Matrix } from './matrix.js';

// predict / classify / loss / evaluate never hand back a non-finite value silently: a model file with
// finite but extreme numbers (weights of 1e308, a scaler offset of 1e308) overflows in the forward pass,
// and argmax over NaN would otherwise read as a normal-looking class 0.

/**
 * The index of the first non-finite entry of `d`, or −1. Scans of whole data sets go through this small
 * function rather than a loop inline: a long loop inside a larger function is compiled on the stack, and
 * the engine then deoptimised and recompiled that function at every call (traced: toTargetMatrix at every
 * training run), taking a core from data-parallel ranks.
 */
export function firstNonFiniteIn(d: ArrayLike<number>): number {
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return i;
  return -1;
}

function firstNonFinite(m: Matrix): number {
  return firstNonFiniteIn(m.data);
}

/**
 * Throws `non_finite` when ŷ has a non-finite entry, naming the row of X and the place in the forward
 * pass where the first non-finite value appeared: the scaled input (preprocessing), a_k (layer k's
 * pre-activation), h_k (its activation) or ŷ. One pass over ŷ when all is well.
 */
export function checkForwardFinite(trace: ForwardTrace, argument = 'X'): void {
  if (firstNonFinite(trace.yHat) < 0) return;
  const { a, h, yHat } = trace;
  // Values are computed input → h_0 → a_1 → h_1 → … → a_L → ŷ: the first non-finite one in that order is where it started.
  const order: [Matrix, string][] = [[h[0]!, 'the input after preprocessing (h0)']];
  a.forEach((ak, i) => {
    order.push([ak, `a${i + 1}, the pre-activation of layer ${i + 1}`]);
    if (i + 1 < h.length) order.push([h[i + 1]!, `h${i + 1}, the activation of layer ${i + 1}`]);
  });
  order.push([yHat, `ŷ, the output of layer ${a.length}`]);
  for (const [m, where] of order) {
    const i = firstNonFinite(m);
    if (i < 0) continue;
    const row = Math.floor(i / m.cols);
    throw new BackpropError(
      'non_finite',
      `${argument}[${row}]`,
      'an input whose forward pass stays finite',
      `${m.data[i]} in ${where}, unit ${i - row * m.cols}`,
      'The model holds extreme values (check its weights and preprocessing) or the input is far outside the training range',
    );
  }
}
