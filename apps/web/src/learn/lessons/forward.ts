import type { LessonNet } from '../lesson-net.js';
import { live, mat } from '../tex.js';
import { edgesInto, type Lesson, type LessonStep, unitsOf } from '../types.js';
import { exercise, G, liveCol, num, OUTPUT, pick, products } from './common.js';

// Lesson 1, the forward pass: CS7015 lecture 4, Module 4.1 (a_i = b_i + W_i h_(i−1), h_i = g(a_i),
// f(x) = O(a_L)) and the forward_propagation of Module 4.8 (seeds 002, 000).

function layerStep(n: LessonNet, k: number): LessonStep {
  const g = n.g[k - 1]!;
  return {
    title: `Layer ${k}: pre-activation, then activation`,
    tex: [
      `${liveCol(`a_{${k}}`, n.a(k))} = ${liveCol(`b_{${k}}`, n.b(k))} + ${live(`W_{${k}}`, mat(n.W(k)))}\\, ${liveCol(`h_{${k - 1}}`, n.h(k - 1))}`,
      `${liveCol(`h_{${k}}`, n.h(k))} = g(a_{${k}}), \\quad g(z) = ${G[g].g}`,
    ],
    text: [
      k === 1 ? 'The input is layer 0: $h_0 = x$.' : `$h_{${k - 1}}$ is what layer ${k - 1} handed up.`,
      `Unit $i$ of layer ${k} adds its bias to a weighted sum of the layer below, $a_{${k},i} = b_{${k},i} + \\sum_j W_{${k},ij}\\, h_{${k - 1},j}$: one row of $W_{${k}}$ times the column $h_{${k - 1}}$. So $W_{${k}}$ has one row per unit of layer ${k} and one column per unit below.`,
      `Then $g$ (here ${g}) acts on each entry alone, so $h_{${k}}$ has the size of $a_{${k}}$.`,
    ],
    lit: { units: [...unitsOf(n, k - 1), ...unitsOf(n, k)], edges: edgesInto(n, k) },
  };
}

function outputStep(n: LessonNet): LessonStep {
  const L = n.L;
  return {
    title: 'The output layer',
    tex: [
      `${liveCol(`a_{${L}}`, n.a(L))} = ${liveCol(`b_{${L}}`, n.b(L))} + ${live(`W_{${L}}`, mat(n.W(L)))}\\, ${liveCol(`h_{${L - 1}}`, n.h(L - 1))}`,
      `${liveCol('\\hat{y}', n.yHat())} = O(a_{${L}}), \\quad ${OUTPUT[n.output]}`,
    ],
    text: [
      `Layer $L = ${L}$ computes its pre-activation like every other layer, but uses its own output function $O$ instead of $g$: $\\hat{y} = f(x) = O(a_L)$.`,
      n.output === 'softmax'
        ? 'Softmax makes the scores positive and divides by their sum, so $\\hat{y}$ is a probability distribution over the classes.'
        : n.output === 'logistic'
          ? 'The logistic function puts each output between 0 and 1: a probability for each output on its own.'
          : 'A linear output leaves $a_L$ unbounded: the right choice for real-valued targets.',
      'The forward pass keeps every $a_k$ and $h_k$. The backward pass will need all of them.',
    ],
    lit: { units: [...unitsOf(n, L - 1), ...unitsOf(n, L)], edges: edgesInto(n, L) },
  };
}

/** Lesson 1: the forward pass. */
export const forwardLesson: Lesson = {
  id: 'forward',
  title: 'The forward pass',
  seed: 'CS7015 lecture 4, Module 4.1 and forward_propagation in Module 4.8',
  net: 'yours',
  needsHidden: false,
  build(n) {
    const steps = [...Array.from({ length: n.L - 1 }, (_, i) => layerStep(n, i + 1)), outputStep(n)];
    return {
      steps,
      exercise(v) {
        const kind = v % 3;
        const hidden = n.L > 1;
        if (kind === 0 || (kind === 1 && !hidden)) {
          const i = pick(Math.floor(v / 3), n.widths[1]!);
          const terms = n.W(1)[i - 1]!.map((w, j) => [w, n.x[j]!] as const);
          return exercise(
            n,
            { kind: 'a', k: 1, i },
            `a_{1,${i}}`,
            `Compute the pre-activation of unit ${i} in layer 1, $a_{1,${i}}$, from $W_1$, $b_1$ and $h_0 = x$.`,
            `$a_{1,${i}} = b_{1,${i}} + \\sum_j W_{1,${i}j}\\, x_j = ${num(n.b(1)[i - 1]!)} + ${products(terms)}$: row ${i} of $W_1$ times $x$, plus the bias.`,
          );
        }
        if (kind === 1) {
          const i = pick(Math.floor(v / 3), n.widths[1]!);
          return exercise(
            n,
            { kind: 'h', k: 1, i },
            `h_{1,${i}}`,
            `Apply the activation: what is $h_{1,${i}} = g(a_{1,${i}})$?`,
            `$a_{1,${i}} = ${num(n.a(1)[i - 1]!)}$ and $g(z) = ${G[n.g[0]!].g}$: put $z = ${num(n.a(1)[i - 1]!)}$ into $g$.`,
          );
        }
        const i = pick(Math.floor(v / 3), n.widths[n.L]!);
        return exercise(
          n,
          { kind: 'yHat', i },
          `\\hat{y}_{${i}}`,
          `What probability (or value) does the network output at $\\hat{y}_{${i}}$?`,
          n.output === 'softmax'
            ? `$\\hat{y}_{${i}} = e^{a_{L,${i}}} / \\sum_j e^{a_{L,j}}$ with $a_L = (${n.a(n.L).map(num).join(', ')})$.`
            : `$\\hat{y} = O(a_L)$ with $a_{L,${i}} = ${num(n.a(n.L)[i - 1]!)}$ and O = ${n.output}.`,
        );
      },
    };
  },
};
