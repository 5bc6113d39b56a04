import type { LessonNet } from '../lesson-net.js';
import { col, live, mat, row } from '../tex.js';
import { edgesInto, type Lesson, type LessonStep, unitsOf } from '../types.js';
import { exercise, num, pick } from './common.js';

// Lesson 7, the other notation: AMA564 lecture 10's algorithm summary (seed 003) writes a ReLU network as
// a^[0] = x, z^[k] = W^[k] a^[k−1] + b^[k], a^[k] = ReLU(z^[k]), a^[r] = z^[r], and its gradients as
// δ^[k] = ∂J/∂z^[k]. This lesson maps those names onto ours (and CSC311's) on a live network.

const NAMES: readonly (readonly [string, string, string, string])[] = [
  ['\\text{input}', 'h_0 = x', 'a^{(0)}', 'a^{[0]} = x^{(i)}'],
  ['\\text{pre-activation}', 'a_k', 'z^{(m)}', 'z^{[k]}'],
  ['\\text{activation}', 'h_k = g(a_k)', 'a^{(m)} = \\sigma^{(m)}(z^{(m)})', 'a^{[k]} = \\mathrm{ReLU}(z^{[k]})'],
  ['\\text{output}', '\\hat{y} = O(a_L)', 'a^{(L)}', 'a^{[r]} = z^{[r]}'],
  ['\\text{layers}', 'L', 'L', 'r'],
  ['\\text{loss}', '\\mathcal{L}(\\theta)', 'C', 'J'],
  ['\\text{pre-activation gradient}', '\\nabla_{a_k}\\mathcal{L}(\\theta)', '\\partial C / \\partial z^{(m)}', '\\delta^{[k]} = \\partial J / \\partial z^{[k]}'],
  ['\\text{weight gradient}', '\\nabla_{a_k}\\mathcal{L}(\\theta)\\, h_{k-1}^{\\top}', '\\frac{\\partial C}{\\partial z_i^{(m)}} a_j^{(m-1)}', '\\delta^{[k]} a^{[k-1]\\top}'],
];

function namesStep(): LessonStep {
  return {
    title: 'Three courses, one set of numbers',
    tex: [`\\begin{array}{llll} & \\text{CS7015 (ours)} & \\text{CSC311} & \\text{AMA564} \\\\ \\hline ${NAMES.map((r) => r.join(' & ')).join(' \\\\ ')} \\end{array}`],
    text: [
      'Careful with the letter $a$: in CS7015 and on this page $a_k$ is the pre-activation; in CSC311 and AMA564 $a$ is the activation and $z$ the pre-activation.',
      'AMA564 puts the layer in square brackets, $W^{[k]}$, and calls the number of layers $r$; its $\\delta^{[k]}$ is our $\\nabla_{a_k}\\mathcal{L}(\\theta)$.',
    ],
    lit: { units: [], edges: [] },
  };
}

function forwardStep(n: LessonNet): LessonStep {
  const r = n.L;
  const lines = Array.from({ length: r }, (_, i) => {
    const k = i + 1;
    const zk = live(`z^{[${k}]}`, col(n.a(k)));
    const ak = k < r ? live(`a^{[${k}]}`, col(n.h(k))) : live(`a^{[${r}]}`, col(n.yHat()));
    return `${zk} = ${live(`W^{[${k}]}`, mat(n.W(k)))} ${live(`a^{[${k - 1}]}`, col(n.h(k - 1)))} + b^{[${k}]} \\;\\; (= a_{${k}}), \\quad ${ak} ${k < r ? `= \\mathrm{ReLU}(z^{[${k}]}) \\;\\; (= h_{${k}})` : `= z^{[${r}]} \\;\\; (= \\hat{y})`}`;
  });
  return {
    title: "AMA564's forward pass, on this network",
    tex: lines,
    text: [
      `Here $r = ${r}$: ${r - 1} ReLU layers and a linear last layer, as in the summary. Each $z^{[k]}$ is the engine's $a_k$, each $a^{[k]}$ its $h_k$.`,
      'A unit whose $z$ is negative outputs exactly 0 (here: the third unit of layer 1).',
    ],
    lit: { units: Array.from({ length: r + 1 }, (_, c) => unitsOf(n, c)).flat(), edges: Array.from({ length: r }, (_, i) => edgesInto(n, i + 1)).flat() },
  };
}

function outputDeltaStep(n: LessonNet): LessonStep {
  const r = n.L;
  const delta = n.yHat()[0]! - n.y[0]!;
  return {
    title: 'Step 3: the output δ, and a factor 2',
    tex: [
      `\\delta^{[${r}]} = z^{[${r}]} - y = ${num(n.yHat()[0]!)} - ${num(n.y[0]!)} = ${num(delta)} \\quad \\text{for } J = \\tfrac{1}{2}(z^{[${r}]} - y)^2`,
      `\\nabla_{a_{${r}}}\\mathcal{L}(\\theta) = 2(\\hat{y} - y) = ${num(n.gradA(r)[0]!)} \\quad \\text{for } \\mathcal{L}(\\theta) = (\\hat{y} - y)^2`,
    ],
    text: [
      "The summary's $\\delta^{[r]} = z^{[r]} - y$ is the derivative of a squared error with a factor ½. Our loss has no ½ (SPEC §1), so every gradient on this page is twice AMA564's; the factor changes no direction and no minimum.",
    ],
    lit: { units: unitsOf(n, r), edges: [] },
  };
}

function backwardStep(n: LessonNet): LessonStep {
  const r = n.L;
  const lines: string[] = [];
  for (let k = r; k >= 1; k--) {
    lines.push(`${live(`\\delta^{[${k}]}`, col(n.gradA(k)))} \\;\\; (= \\nabla_{a_{${k}}}), \\quad ${live(`\\frac{\\partial J}{\\partial W^{[${k}]}}`, mat(n.gradW(k)))} = \\delta^{[${k}]}\\, ${live(`a^{[${k - 1}]\\top}`, row(n.h(k - 1)))}`);
  }
  return {
    title: 'Steps 4–5: δ backwards, then the weights (with J = ℒ)',
    tex: [...lines, `\\delta^{[k]} = \\big(W^{[k+1]\\top} \\delta^{[k+1]}\\big) \\odot \\mathrm{ReLU}'(z^{[k]}) \\quad\\text{is our}\\quad \\nabla_{a_k}\\mathcal{L} = \\nabla_{h_k}\\mathcal{L} \\odot g'(a_k)`],
    text: [
      'Taking $J = \\mathcal{L}(\\theta)$, the δ sequence runs from $\\delta^{[r]}$ down to $\\delta^{[1]}$, and $\\partial J / \\partial W^{[k]} = \\delta^{[k]} a^{[k-1]\\top}$, $\\partial J / \\partial b^{[k]} = \\delta^{[k]}$: lesson 4\'s formulas in other letters.',
      "The summary names the δ sequence without writing its recursion; it is lesson 3's: transpose the weights, then multiply by ReLU′ (1 where $z > 0$, else 0). The dead unit gets δ = 0.",
    ],
    lit: { units: Array.from({ length: r + 1 }, (_, c) => unitsOf(n, c)).flat(), edges: Array.from({ length: r }, (_, i) => edgesInto(n, i + 1)).flat() },
  };
}

/** Lesson 7: AMA564's z, a, δ mapped onto ours. */
export const ama564Lesson: Lesson = {
  id: 'ama564',
  title: "AMA564's z, a and δ, mapped onto ours",
  seed: 'AMA564 lecture 10, appendix: summary of backpropagation for a multi-layer network',
  net: 'ama564',
  needsHidden: true,
  build(n) {
    return {
      steps: [namesStep(), forwardStep(n), outputDeltaStep(n), backwardStep(n)],
      exercise(v) {
        const r = Math.floor(v / 4);
        switch (v % 4) {
          case 0: {
            const i = pick(r, n.widths[2]!);
            return exercise(n, { kind: 'a', k: 2, i }, `z^{[2]}_{${i}}`, `In AMA564's notation, what is $z^{[2]}_{${i}}$ on this network?`, `$z^{[2]}$ is the pre-activation of layer 2, which this page calls $a_2$: row ${i} of $W^{[2]}$ times $a^{[1]}$, plus $b^{[2]}_{${i}}$.`);
          }
          case 1: {
            const i = pick(r, 2);
            return exercise(n, { kind: 'h', k: 1, i }, `a^{[1]}_{${i}}`, `What is AMA564's $a^{[1]}_{${i}}$?`, `$a^{[1]} = \\mathrm{ReLU}(z^{[1]})$ is our $h_1$ (not our $a_1$): $\\max(0, ${num(n.a(1)[i - 1]!)})$.`);
          }
          case 2: {
            const i = pick(r, n.widths[2]!);
            return exercise(n, { kind: 'gradA', k: 2, i }, `\\delta^{[2]}_{${i}}`, `Taking $J = \\mathcal{L}(\\theta)$ (no ½), what is $\\delta^{[2]}_{${i}}$?`, `$\\delta^{[2]} = \\partial J / \\partial z^{[2]}$ is our $\\nabla_{a_2}\\mathcal{L}$: $(W^{[3]\\top}\\delta^{[3]})_{${i}} \\cdot \\mathrm{ReLU}'(z^{[2]}_{${i}})$ with $\\delta^{[3]} = ${num(n.gradA(3)[0]!)}$.`);
          }
          default:
            return exercise(n, { kind: 'gradW', k: 2, i: 2, j: 1 }, `\\frac{\\partial J}{\\partial W^{[2]}_{21}}`, `With $J = \\mathcal{L}(\\theta)$, what is $\\partial J / \\partial W^{[2]}_{21}$?`, `$\\delta^{[2]}_2 \\, a^{[1]}_1 = (${num(n.gradA(2)[1]!)})(${num(n.h(1)[0]!)})$.`);
        }
      },
    };
  },
};
