import { lessonNet, type LessonNet } from '../lesson-net.js';
import { kink } from '../presets.js';
import { centralDifference, lossWithWeight } from '../quantity.js';
import type { Lesson, LessonStep } from '../types.js';
import { exercise, num, pick } from './common.js';

// Lesson 8, why a gradient check proves backprop right (SPEC §5). The notes define every partial
// ∂ℒ(θ)/∂θ_i; a central difference estimates the same number from the forward pass alone, so agreement
// on every parameter checks every line of the backward pass at this θ. At a kink the derivative does not
// exist, and a difference that straddles it disagrees by design.

/** Steps ε of the accuracy table. */
export const STEPS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7] as const;

/** The largest |backprop − central difference| / max(1, |backprop|) over every weight and bias, ε = 1e-6. */
export function worstRelativeError(n: LessonNet): { error: number; count: number } {
  let error = 0;
  let count = 0;
  const eps = 1e-6;
  const theta = n.net.flat;
  const net = n.net.clone();
  for (let t = 0; t < theta.length; t++) {
    const loss = (delta: number) => {
      net.flat[t] = theta[t]! + delta;
      return net.loss([n.x], [n.y]);
    };
    const numeric = (loss(eps) - loss(-eps)) / (2 * eps);
    net.flat[t] = theta[t]!;
    const analytic = n.grads.flat[t]!;
    error = Math.max(error, Math.abs(analytic - numeric) / Math.max(1, Math.abs(analytic)));
    count++;
  }
  return { error, count };
}

function differenceStep(n: LessonNet): LessonStep {
  const eps = 1e-5;
  const c = centralDifference(n, 1, 1, 1, eps);
  const bp = n.gradW(1)[0]![0]!;
  return {
    title: 'A second, independent way to get $\\partial\\mathcal{L}/\\partial\\theta_i$',
    tex: [
      `\\frac{\\partial \\mathcal{L}(\\theta)}{\\partial \\theta_i} \\approx \\frac{\\mathcal{L}(\\theta + \\varepsilon e_i) - \\mathcal{L}(\\theta - \\varepsilon e_i)}{2\\varepsilon}`,
      `\\theta_i = W_{1,11},\\; \\varepsilon = 10^{-5}:\\quad \\frac{${c.plus.toPrecision(12)} - ${c.minus.toPrecision(12)}}{2 \\times 10^{-5}} = ${c.value.toPrecision(9)}`,
      `\\text{backprop: } \\frac{\\partial \\mathcal{L}(\\theta)}{\\partial W_{1,11}} = ${bp.toPrecision(9)}`,
    ],
    text: [
      'Nudge one parameter up and down, run only the forward pass, and divide the change in the loss by the size of the nudge. No formula of lessons 2–5 is used.',
      'If any line of the backward pass were wrong, some parameter would disagree by about the size of its gradient. Agreement on every parameter, to many digits, means backpropagation computed the true gradient at this θ.',
    ],
    lit: { units: [[0, 0], [1, 0]], edges: [[1, 0, 0]] },
  };
}

function accuracyStep(n: LessonNet): LessonStep {
  const bp = n.gradW(1)[0]![0]!;
  const rows = STEPS.map((eps) => {
    const central = centralDifference(n, 1, 1, 1, eps).value;
    const forward = (lossWithWeight(n, 1, 1, 1, eps) - n.loss) / eps;
    return `10^{${Math.round(Math.log10(eps))}} & ${num(Math.abs(forward - bp))} & ${num(Math.abs(central - bp))}`;
  });
  return {
    title: 'Why the central difference, and which ε',
    tex: [
      `\\mathcal{L}(\\theta \\pm \\varepsilon e_i) = \\mathcal{L}(\\theta) \\pm \\varepsilon\\, \\partial_i \\mathcal{L} + \\tfrac{\\varepsilon^2}{2} \\partial_i^2 \\mathcal{L} \\pm \\tfrac{\\varepsilon^3}{6} \\partial_i^3 \\mathcal{L} + \\dots`,
      `\\begin{array}{rcc} \\varepsilon & |\\text{one-sided} - \\text{backprop}| & |\\text{central} - \\text{backprop}| \\\\ \\hline ${rows.join(' \\\\ ')} \\end{array}`,
    ],
    text: [
      'Subtracting the two expansions cancels the $\\varepsilon^2$ term: the central difference is off by $O(\\varepsilon^2)$, the one-sided $(\\mathcal{L}(\\theta + \\varepsilon e_i) - \\mathcal{L}(\\theta))/\\varepsilon$ by $O(\\varepsilon)$. The table shows both errors for $W_{1,11}$.',
      'Too small an ε loses to rounding: float64 keeps about 16 digits of ℒ, and dividing by ε magnifies that error by 1/ε. Around ε = 10⁻⁵ the two effects balance.',
    ],
    lit: { units: [[0, 0], [1, 0]], edges: [[1, 0, 0]] },
  };
}

function everyParameterStep(n: LessonNet): LessonStep {
  const { error, count } = worstRelativeError(n);
  return {
    title: 'Every parameter',
    tex: [`\\max_{i = 1 \\dots ${count}} \\frac{|\\text{backprop}_i - \\text{central}_i|}{\\max(1, |\\text{backprop}_i|)} = ${num(error)} \\quad (\\varepsilon = 10^{-6},\\ \\text{float64})`],
    text: [
      `All ${count} weights and biases of this network agree with the central difference to about ${Math.max(1, Math.round(-Math.log10(Math.max(error, 1e-16))))} digits.`,
      'The check is only as wide as its point: it proves the gradient at this θ and this sample. Run it at a few random θ and on a batch, as the Check mode does.',
    ],
    lit: { units: [], edges: [] },
  };
}

function kinkStep(): LessonStep {
  const k = lessonNet(kink.json, kink.x, kink.y);
  const eps = 1e-6;
  const c = centralDifference(k, 2, 1, 1, eps);
  const bias = (delta: number) => {
    const net = k.net.clone();
    net.parameters().find((p) => p.name === 'b1')!.values[0]! += delta;
    return net.loss([k.x], [k.y]);
  };
  const numeric = (bias(eps) - bias(-eps)) / (2 * eps);
  return {
    title: 'What a kink does',
    tex: [
      `a_1 = ${num(k.a(1)[0]!)}, \\quad h_1 = \\max(0, a_1), \\quad \\varepsilon = 10^{-6}`,
      `\\frac{\\partial \\mathcal{L}}{\\partial b_1}:\\quad \\text{backprop } ${num(k.gradB(1)[0]!)} \\qquad \\text{central difference } ${num(numeric)}`,
    ],
    text: [
      'This one-unit ReLU network has $a_1$ closer to 0 than ε. Moving $b_1$ up keeps the unit on; moving it down switches it off. The central difference averages two different slopes.',
      `Backprop uses the slope on the side where $a_1$ is ($g'(a_1) = 1$); the difference quotient sees a corner, so they disagree although nothing is wrong. A gradient checker reports such kinks instead of failing (SPEC §5). (Away from it, $\\partial\\mathcal{L}/\\partial W_2$ still agrees: $${num(c.value)}$ vs $${num(k.gradW(2)[0]![0]!)}$.)`,
    ],
    lit: { units: [], edges: [] },
  };
}

/** Lesson 8: the gradient check, ending in the Check mode. */
export const gradcheckLesson: Lesson = {
  id: 'gradcheck',
  title: 'Why a gradient check proves backprop right',
  seed: 'SPEC §5, on the partial derivatives the notes define (CS7015 Module 4.4)',
  net: 'yours',
  needsHidden: false,
  build(n) {
    return {
      steps: [differenceStep(n), accuracyStep(n), everyParameterStep(n), kinkStep()],
      exercise(v) {
        const k = v % 2 === 0 ? n.L : 1;
        const i = pick(Math.floor(v / 2), n.widths[k]!);
        const j = pick(Math.floor(v / 2) + 1, n.widths[k - 1]!);
        const eps = 1e-3;
        const c = centralDifference(n, k, i, j, eps);
        return exercise(
          n,
          { kind: 'central', k, i, j, eps },
          `\\frac{\\mathcal{L}^{+} - \\mathcal{L}^{-}}{2\\varepsilon}`,
          `With $\\varepsilon = 10^{-3}$ on $W_{${k},${i}${j}}$: $\\mathcal{L}(\\theta + \\varepsilon e) = ${c.plus.toPrecision(10)}$ and $\\mathcal{L}(\\theta - \\varepsilon e) = ${c.minus.toPrecision(10)}$. What is the central difference?`,
          `Subtract, then divide by $2\\varepsilon = 0.002$: $(${c.plus.toPrecision(10)} - ${c.minus.toPrecision(10)}) / 0.002$. It should be close to backprop's $${num(n.gradW(k)[i - 1]![j - 1]!)}$.`,
        );
      },
    };
  },
};
