import type { LessonNet } from '../lesson-net.js';
import { grad, live, mat, partial, row } from '../tex.js';
import { edgesInto, type Lesson, type LessonStep, unitsOf } from '../types.js';
import { exercise, liveGrad, num, pick } from './common.js';

// Lesson 4, weights and biases: CS7015 lecture 4, Module 4.7 (seed 002). a_ki = b_ki + Σ_j W_kij h_(k−1),j,
// so ∂ℒ/∂W_kij = ∂ℒ/∂a_ki · h_(k−1),j and ∂ℒ/∂b_ki = ∂ℒ/∂a_ki; as matrices ∇W_k = ∇a_k h_(k−1)ᵀ, ∇b_k = ∇a_k.

function oneWeight(n: LessonNet, k: number): LessonStep {
  const gi = n.gradA(k)[0]!;
  const hj = n.h(k - 1)[0]!;
  return {
    title: `One weight: $W_{${k},11}$`,
    tex: [
      `a_{${k},i} = b_{${k},i} + \\sum_{j} W_{${k},ij}\\, h_{${k - 1},j} \\quad\\Rightarrow\\quad \\frac{\\partial a_{${k},i}}{\\partial W_{${k},ij}} = h_{${k - 1},j}`,
      `${partial(`W_{${k},11}`)} = ${partial(`a_{${k},1}`)}\\, h_{${k - 1},1} = (${num(gi)})(${num(hj)}) = ${num(n.gradW(k)[0]![0]!)}`,
    ],
    text: [
      `$W_{${k},ij}$ appears in one place only: the sum that makes $a_{${k},i}$, where it multiplies $h_{${k - 1},j}$. So one path, and one factor from the forward pass.`,
      `The weight's gradient is "how much the loss wants $a_{${k},i}$ to change" times "how much input came along this edge".`,
    ],
    lit: { units: [[k - 1, 0], [k, 0]], edges: [[k, 0, 0]] },
  };
}

function matrixStep(n: LessonNet, k: number, first: boolean): LessonStep {
  return {
    title: first ? `The whole of $\\nabla_{W_{${k}}}$: an outer product` : 'Layer 1: the input is $h_0 = x$',
    tex: [`${live(grad(`W_{${k}}`), mat(n.gradW(k)))} = ${liveGrad(`a_{${k}}`, n.gradA(k))}\\, ${live(`h_{${k - 1}}^{\\top}`, row(n.h(k - 1)))}`],
    text: first
      ? [
          `Entry $(i, j)$ of the column $\\nabla_{a_{${k}}}\\mathcal{L}(\\theta)$ times the row $h_{${k - 1}}^{\\top}$ is $\\frac{\\partial \\mathcal{L}}{\\partial a_{${k},i}} h_{${k - 1},j}$: every weight's gradient in one product.`,
          `Its shape is $n_{${k}} \\times n_{${k - 1}}$, the shape of $W_{${k}}$, as it must be to take a step $W_{${k}} - \\eta \\nabla_{W_{${k}}}\\mathcal{L}(\\theta)$.`,
        ]
      : [
          `The same formula with $h_0 = x$: $\\nabla_{W_1}\\mathcal{L}(\\theta) = \\nabla_{a_1}\\mathcal{L}(\\theta)\\, x^{\\top}$.`,
          'An input feature that is 0 gives its whole column of $W_1$ no gradient on this sample: that weight did not take part in the mistake.',
        ],
    lit: { units: [...unitsOf(n, k - 1), ...unitsOf(n, k)], edges: edgesInto(n, k) },
  };
}

function biasStep(n: LessonNet, k: number): LessonStep {
  return {
    title: `Biases: $\\nabla_{b_{${k}}} = \\nabla_{a_{${k}}}$`,
    tex: [`\\frac{\\partial a_{${k},i}}{\\partial b_{${k},i}} = 1 \\quad\\Rightarrow\\quad ${liveGrad(`b_{${k}}`, n.gradB(k))} = ${liveGrad(`a_{${k}}`, n.gradA(k))}`],
    text: ['A bias is a weight on an input that is always 1, so its gradient is the pre-activation\'s gradient itself.'],
    lit: { units: unitsOf(n, k), edges: [] },
  };
}

/** Lesson 4: gradients of the weights and biases. */
export const paramsLesson: Lesson = {
  id: 'params',
  title: 'Weights and biases',
  seed: 'CS7015 lecture 4, Module 4.7',
  net: 'yours',
  needsHidden: false,
  build(n) {
    const L = n.L;
    const steps = [oneWeight(n, L), matrixStep(n, L, true), biasStep(n, L)];
    if (L > 1) steps.push(matrixStep(n, 1, false));
    return {
      steps,
      exercise(v) {
        const kind = v % 3;
        const r = Math.floor(v / 3);
        const k = kind === 1 ? 1 : L;
        if (kind === 2) {
          const i = pick(r, n.widths[L]!);
          return exercise(n, { kind: 'gradB', k: L, i }, partial(`b_{${L},${i}}`), `What is the bias gradient $\\partial\\mathcal{L}(\\theta) / \\partial b_{${L},${i}}$?`, `$\\nabla_{b_k}\\mathcal{L}(\\theta) = \\nabla_{a_k}\\mathcal{L}(\\theta)$: read entry ${i} of $\\nabla_{a_{${L}}}$.`);
        }
        const i = pick(r + 1, n.widths[k]!);
        const j = pick(r, n.widths[k - 1]!);
        return exercise(
          n,
          { kind: 'gradW', k, i, j },
          partial(`W_{${k},${i}${j}}`),
          `Compute $\\partial\\mathcal{L}(\\theta) / \\partial W_{${k},${i}${j}}$, the gradient of the weight from unit ${j} of layer ${k - 1} to unit ${i} of layer ${k}.`,
          `$\\frac{\\partial\\mathcal{L}}{\\partial a_{${k},${i}}} = ${num(n.gradA(k)[i - 1]!)}$ times $h_{${k - 1},${j}} = ${num(n.h(k - 1)[j - 1]!)}$.`,
        );
      },
    };
  },
};


