import { sigmoid } from '@backprop/core';
import type { LessonNet } from '../lesson-net.js';
import { edgesInto, type Lesson, type LessonStep, unitsOf } from '../types.js';
import { exercise, num, pick } from './common.js';

// Lesson 6, CSC311's 3-layer example (seed 001, "The Backpropagation Algorithm"): every derivative
// written without vectors, in CSC311's names: z^(m) pre-activation, a^(m) activation, σ logistic,
// C = C(a^(3), t) = (a^(3) − t)². Every number is the engine's: z^(m) is our a_m, a^(m) our h_m.

const d = (top: string, bottom: string) => `\\frac{\\partial ${top}}{\\partial ${bottom}}`;
const z = (m: number, i?: number | string) => (i === undefined ? `z^{(${m})}` : `z_{${i}}^{(${m})}`);
const a = (m: number, i?: number) => (i === undefined ? `a^{(${m})}` : `a_{${i}}^{(${m})}`);
/** CSC311 writes the single output unit's weights as a vector w^(3); the others as W^(m)_ij. */
const w = (m: number, i: number, j: number) => (m === 3 ? `w_{${j}}^{(3)}` : `W_{${i}${j}}^{(${m})}`);

/** σ′(z_i^(m)) = σ(z)(1 − σ(z)) at the engine's pre-activation (every layer here is logistic, the output too). */
function sp(n: LessonNet, m: number, i: number): number {
  const s = sigmoid(n.a(m)[i - 1]!);
  return s * (1 - s);
}

function forwardStep(n: LessonNet): LessonStep {
  const lines: string[] = [];
  for (let m = 1; m <= 3; m++) {
    const W = n.W(m);
    const prev = n.h(m - 1);
    for (let i = 1; i <= W.length; i++) {
      const zi = m === 3 ? z(3) : z(m, i);
      const sum = W[i - 1]!.map((wij, j) => `(${num(wij)})(${num(prev[j]!)})`).join(' + ');
      const act = m === 3 ? n.yHat()[0]! : n.h(m)[i - 1]!;
      const bias = n.b(m)[i - 1]!;
      lines.push(`${zi} &= ${sum} ${bias < 0 ? '-' : '+'} ${num(Math.abs(bias))} = ${num(n.a(m)[i - 1]!)}, & ${m === 3 ? a(3) : a(m, i)} &= \\sigma(${zi}) = ${num(act)}`);
    }
  }
  lines.push(`C &= (${a(3)} - t)^2 = (${num(n.yHat()[0]!)} - ${num(n.y[0]!)})^2 = ${num(n.loss)} & &`);
  return {
    title: 'The forward pass, unit by unit',
    tex: [`\\begin{aligned} ${lines.join(' \\\\ ')} \\end{aligned}`],
    text: [
      `Inputs $a^{(0)} = x = (${n.x.map(num).join(', ')})$, target $t = ${num(n.y[0]!)}$. Each $z_i^{(m)} = \\sum_j W_{ij}^{(m)} a_j^{(m-1)} + b_i^{(m)}$, then $a_i^{(m)} = \\sigma(z_i^{(m)})$.`,
      'CSC311 leaves the cost generic, $C(a^{(3)}, t)$; here it is the squared error $(a^{(3)} - t)^2$, so $\\partial C / \\partial a^{(3)} = 2(a^{(3)} - t)$.',
    ],
    lit: { units: [0, 1, 2, 3].flatMap((m) => unitsOf(n, m)), edges: [1, 2, 3].flatMap((m) => edgesInto(n, m)) },
  };
}

function outputStep(n: LessonNet): LessonStep {
  const dz3 = n.gradA(3)[0]!;
  return {
    title: 'Step 1: the output layer',
    tex: [
      `\\begin{aligned} ${d('C', z(3))} &= ${d('C', a(3))} \\cdot \\sigma'(${z(3)}) = 2(${num(n.yHat()[0]!)} - ${num(n.y[0]!)}) \\cdot ${num(sp(n, 3, 1))} = ${num(dz3)} \\\\ ${[1, 2]
        .map((i) => `${d('C', w(3, 1, i))} &= ${d('C', z(3))} \\cdot ${a(2, i)} = (${num(dz3)})(${num(n.h(2)[i - 1]!)}) = ${num(n.gradW(3)[0]![i - 1]!)}`)
        .join(' \\\\ ')} \\\\ ${d('C', 'b^{(3)}')} &= ${d('C', z(3))} \\cdot 1 = ${num(n.gradB(3)[0]!)} \\end{aligned}`,
    ],
    text: [
      '$\\sigma\'(z) = \\sigma(z)(1 - \\sigma(z))$, read from the forward pass.',
      '$z^{(3)} = w_1^{(3)} a_1^{(2)} + w_2^{(3)} a_2^{(2)} + b^{(3)}$: each weight multiplies one activation, so its derivative is that activation; the bias\'s is 1.',
    ],
    lit: { units: [...unitsOf(n, 2), ...unitsOf(n, 3)], edges: edgesInto(n, 3) },
  };
}

function hidden2Step(n: LessonNet): LessonStep {
  const dz3 = n.gradA(3)[0]!;
  const rows: string[] = [];
  for (let i = 1; i <= 2; i++) {
    rows.push(`${d('C', z(2, i))} &= ${d('C', z(3))} \\cdot ${w(3, 1, i)} \\cdot \\sigma'(${z(2, i)}) = (${num(dz3)})(${num(n.W(3)[0]![i - 1]!)})(${num(sp(n, 2, i))}) = ${num(n.gradA(2)[i - 1]!)}`);
  }
  for (let i = 1; i <= 2; i++) {
    for (let j = 1; j <= 3; j++) rows.push(`${d('C', w(2, i, j))} &= ${d('C', z(2, i))} \\cdot ${a(1, j)} = (${num(n.gradA(2)[i - 1]!)})(${num(n.h(1)[j - 1]!)}) = ${num(n.gradW(2)[i - 1]![j - 1]!)}`);
  }
  rows.push(`${d('C', 'b_{i}^{(2)}')} &= ${d('C', z(2, 1))},\\; ${d('C', z(2, 2))} = ${num(n.gradB(2)[0]!)},\\; ${num(n.gradB(2)[1]!)}`);
  return {
    title: 'Step 2: hidden layer 2',
    tex: [`\\begin{aligned} ${rows.join(' \\\\ ')} \\end{aligned}`],
    text: [
      '$a_i^{(2)}$ reaches $C$ through one unit only, $z^{(3)}$: one path, three factors. Each $\\partial C / \\partial z_i^{(2)}$ reuses $\\partial C / \\partial z^{(3)}$ from step 1.',
      'Then every weight into layer 2 is "its unit\'s $\\partial C / \\partial z$" times "the activation it carries".',
    ],
    lit: { units: [...unitsOf(n, 1), ...unitsOf(n, 2), ...unitsOf(n, 3)], edges: [...edgesInto(n, 2), ...edgesInto(n, 3)] },
  };
}

function hidden1Step(n: LessonNet): LessonStep {
  const rows: string[] = [];
  for (let j = 1; j <= 3; j++) {
    const terms = [1, 2].map((i) => `(${num(n.gradA(2)[i - 1]!)})(${num(n.W(2)[i - 1]![j - 1]!)})`).join(' + ');
    rows.push(`${d('C', z(1, j))} &= \\Big(\\sum_{i=1}^{2} ${d('C', z(2, 'i'))} W_{i${j}}^{(2)}\\Big) \\sigma'(${z(1, j)}) = (${terms})(${num(sp(n, 1, j))}) = ${num(n.gradA(1)[j - 1]!)}`);
  }
  for (let i = 1; i <= 3; i++) {
    for (let j = 1; j <= 3; j++) rows.push(`${d('C', w(1, i, j))} &= ${d('C', z(1, i))} \\cdot ${a(0, j)} = (${num(n.gradA(1)[i - 1]!)})(${num(n.x[j - 1]!)}) = ${num(n.gradW(1)[i - 1]![j - 1]!)}`);
  }
  return {
    title: 'Step 3: hidden layer 1',
    tex: [`\\begin{aligned} ${rows.join(' \\\\ ')} \\end{aligned}`],
    text: [
      '$a_j^{(1)}$ feeds both units of layer 2, so the multivariate chain rule sums over them before the factor $\\sigma\'(z_j^{(1)})$.',
      'The biases repeat the pattern: $\\partial C / \\partial b_i^{(1)} = \\partial C / \\partial z_i^{(1)}$.',
    ],
    lit: { units: [0, 1, 2].flatMap((m) => unitsOf(n, m)), edges: [...edgesInto(n, 1), ...edgesInto(n, 2)] },
  };
}

function reuseStep(n: LessonNet): LessonStep {
  return {
    title: 'Why backpropagation is fast: reuse',
    tex: [
      `${d('C', w(2, 1, 2))} = \\underbrace{${d('C', a(3))} ${d(a(3), z(3))}}_{${d('C', z(3))} \\,=\\, ${num(n.gradA(3)[0]!)}} ${d(z(3), a(2, 1))} ${d(a(2, 1), z(2, 1))} ${d(z(2, 1), w(2, 1, 2))}`,
      `${d('C', w(1, 2, 3))} = \\Big(\\sum_{i} \\underbrace{${d('C', z(2, 'i'))}}_{\\text{uses } ${d('C', z(3))}} ${d(`z_i^{(2)}`, a(1, 2))}\\Big) ${d(a(1, 2), z(1, 2))} ${d(z(1, 2), w(1, 2, 3))}`,
    ],
    text: [
      'Written out one weight at a time, the same factors appear again and again: $\\partial C / \\partial z^{(3)}$ is inside every derivative of this network.',
      'Backpropagation computes each $\\partial C / \\partial z$ once, from the layer above, and reuses it for all weights below (dynamic programming). In our notation $z^{(m)} = a_m$ and $a^{(m)} = h_m$, so these are the engine\'s $\\nabla_{a_m}$ and $\\nabla_{W_m}$.',
    ],
    lit: { units: [[1, 1], [2, 0], [3, 0]], edges: [[3, 0, 0], [2, 0, 1], [1, 1, 2]] },
  };
}

/** Lesson 6: CSC311's three-layer network with every partial derivative written out. */
export const csc311Lesson: Lesson = {
  id: 'csc311',
  title: 'CSC311: a 3-layer network, one partial at a time',
  seed: 'CSC311 "The Backpropagation Algorithm" (Gao and Tawfik), the 3-layer example',
  net: 'csc311',
  needsHidden: true,
  build(n) {
    return {
      steps: [forwardStep(n), outputStep(n), hidden2Step(n), hidden1Step(n), reuseStep(n)],
      exercise(v) {
        switch (v % 4) {
          case 0:
            return exercise(n, { kind: 'gradW', k: 2, i: 1, j: 2 }, d('C', w(2, 1, 2)), `The slides' first exercise: compute $${d('C', w(2, 1, 2))}$.`, `$${d('C', z(3))} \\cdot w_1^{(3)} \\cdot \\sigma'(z_1^{(2)}) \\cdot a_2^{(1)} = (${num(n.gradA(3)[0]!)})(${num(n.W(3)[0]![0]!)})(${num(sp(n, 2, 1))})(${num(n.h(1)[1]!)})$.`);
          case 1:
            return exercise(n, { kind: 'gradW', k: 1, i: 2, j: 3 }, d('C', w(1, 2, 3)), `The slides' second exercise: compute $${d('C', w(1, 2, 3))}$.`, `$${d('C', z(1, 2))} = ${num(n.gradA(1)[1]!)}$ (step 3) times $a_3^{(0)} = x_3 = ${num(n.x[2]!)}$.`);
          case 2: {
            const i = pick(Math.floor(v / 4), 2);
            return exercise(n, { kind: 'gradA', k: 2, i }, d('C', z(2, i)), `Compute $${d('C', z(2, i))}$.`, `$${d('C', z(3))} = ${num(n.gradA(3)[0]!)}$, $w_${i}^{(3)} = ${num(n.W(3)[0]![i - 1]!)}$, $\\sigma'(z_${i}^{(2)}) = ${num(sp(n, 2, i))}$: multiply the three.`);
          }
          default:
            return exercise(n, { kind: 'gradB', k: 3, i: 1 }, d('C', 'b^{(3)}'), `Compute $${d('C', 'b^{(3)}')}$.`, `$2(a^{(3)} - t) \\cdot \\sigma'(z^{(3)})$ with $a^{(3)} = ${num(n.yHat()[0]!)}$, $t = ${num(n.y[0]!)}$, $\\sigma'(z^{(3)}) = ${num(sp(n, 3, 1))}$.`);
        }
      },
    };
  },
};
