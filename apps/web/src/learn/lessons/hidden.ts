import type { LessonNet } from '../lesson-net.js';
import { col, live, mat, partial } from '../tex.js';
import { edgesInto, type Lesson, type LessonStep, unitsOf } from '../types.js';
import { exercise, G, liveGrad, num, pick, products } from './common.js';

// Lesson 3, a hidden unit: CS7015 lecture 4, Module 4.6 (seed 002). ∂ℒ/∂h_ij is a sum over every path
// from h_ij to the loss (the chain rule along multiple paths), which is the column W_(i+1),·,j dotted
// with ∇a_(i+1); stacked, ∇h_i = W_(i+1)ᵀ ∇a_(i+1); and through g, ∇a_i = ∇h_i ⊙ g′(a_i).

/** The hidden layer the lesson works on (the last one) and the unit j (1-based) for a variant. */
const focus = (n: LessonNet, v: number) => ({ k: n.L - 1, j: pick(v, n.widths[n.L - 1]!) });

function pathsStep(n: LessonNet, k: number, j: number): LessonStep {
  const up = n.gradA(k + 1);
  const Wc = n.W(k + 1).map((r) => r[j - 1]!);
  const terms = up.map((g, m) => [g, Wc[m]!] as const);
  return {
    title: `Unit ${j} of layer ${k}: every path to the loss`,
    tex: [
      `${partial(`h_{${k},${j}}`)} = \\sum_{m=1}^{${up.length}} ${partial(`a_{${k + 1},m}`)} \\frac{\\partial a_{${k + 1},m}}{\\partial h_{${k},${j}}} = \\sum_{m} ${partial(`a_{${k + 1},m}`)}\\, W_{${k + 1},m,${j}}`,
      `= ${products(terms)} = ${num(n.gradH(k)[j - 1]!)}`,
    ],
    text: [
      `$h_{${k},${j}}$ reaches the loss through every unit of layer ${k + 1}: moving it by a little moves each $a_{${k + 1},m}$ by $W_{${k + 1},m,${j}}$ times as much, and each of those moves $\\mathcal{L}$.`,
      'The chain rule along multiple paths adds the effects: one product per path (per lit edge), summed.',
      `The factors $\\partial\\mathcal{L}/\\partial a_{${k + 1},m}$ are already known when we get here: the output gradient of lesson 2${k + 1 < n.L ? ', or the layer above' : ''}. Backpropagation works downwards so that it always is.`,
    ],
    lit: { units: [[k, j - 1], ...unitsOf(n, k + 1)], edges: up.map((_, m) => [k + 1, m, j - 1] as [number, number, number]) },
  };
}

function vectorStep(n: LessonNet, k: number): LessonStep {
  return {
    title: `All of layer ${k} at once`,
    tex: [`${liveGrad(`h_{${k}}`, n.gradH(k))} = ${live(`W_{${k + 1}}^{\\top}`, mat(transpose(n.W(k + 1))))}\\, ${liveGrad(`a_{${k + 1}}`, n.gradA(k + 1))}`],
    text: [
      `Entry $j$ of $W_{${k + 1}}^{\\top} \\nabla_{a_{${k + 1}}}\\mathcal{L}(\\theta)$ is column $j$ of $W_{${k + 1}}$ dotted with $\\nabla_{a_{${k + 1}}}\\mathcal{L}(\\theta)$: the sum over paths of the last step, for every unit in one product.`,
      'The weights that carried $h_{' + k + '}$ up in the forward pass carry the gradient down, transposed.',
    ],
    lit: { units: [...unitsOf(n, k), ...unitsOf(n, k + 1)], edges: edgesInto(n, k + 1) },
  };
}

function activationStep(n: LessonNet, k: number): LessonStep {
  const g = n.g[k - 1]!;
  return {
    title: `Through the activation of layer ${k}`,
    tex: [
      `${liveGrad(`a_{${k}}`, n.gradA(k))} = ${liveGrad(`h_{${k}}`, n.gradH(k))} \\odot ${live(`g'(a_{${k}})`, col(n.gPrime(k)))}`,
      `${G[g].gPrime}`,
    ],
    text: [
      `$h_{${k},j} = g(a_{${k},j})$ depends on $a_{${k},j}$ alone, so there is a single path and a single factor $g'(a_{${k},j})$: an element-wise product, no sum.`,
      g === 'logistic'
        ? "For the logistic function $g' = g(1 - g) \\le 1/4$ (Module 4.9): every layer passed on the way down shrinks the gradient."
        : g === 'relu'
          ? "For ReLU $g'$ is 1 or 0: a unit with $a \\le 0$ passes no gradient at all."
          : g === 'tanh'
            ? "For tanh $g' = 1 - g^2 \\le 1$, and close to 0 where the unit is saturated."
            : `For ${g}, $g'$ is set out in SPEC table 1.`,
    ],
    lit: { units: unitsOf(n, k), edges: [] },
  };
}

const transpose = (m: readonly (readonly number[])[]): number[][] => m[0]!.map((_, j) => m.map((r) => r[j]!));

/** Lesson 3: the gradient at a hidden unit, then for the whole layer. */
export const hiddenLesson: Lesson = {
  id: 'hidden',
  title: 'A hidden unit: the chain rule over paths',
  seed: 'CS7015 lecture 4, Module 4.6',
  net: 'yours',
  needsHidden: true,
  build(n) {
    const { k, j } = focus(n, 0);
    const steps = [pathsStep(n, k, j), vectorStep(n, k), activationStep(n, k)];
    if (k > 1) {
      steps.push({
        ...vectorStep(n, k - 1),
        title: `The same two lines, one layer down (layer ${k - 1})`,
        tex: [...vectorStep(n, k - 1).tex, activationStep(n, k - 1).tex[0]!],
        text: ['Nothing new happens further down: $\\nabla_{h}$ from the layer above through $W^{\\top}$, then $\\odot\\, g\'$. The loop of lesson 5 is these two lines.'],
      });
    }
    return {
      steps,
      exercise(v) {
        const kind = v % 3;
        const f = focus(n, Math.floor(v / 3));
        const up = n.gradA(f.k + 1);
        if (kind === 0) {
          const m = pick(Math.floor(v / 3) + 1, up.length);
          return exercise(
            n,
            { kind: 'path', k: f.k, m, j: f.j },
            `${partial(`a_{${f.k + 1},${m}}`)} W_{${f.k + 1},${m},${f.j}}`,
            `One path: from $h_{${f.k},${f.j}}$ through $a_{${f.k + 1},${m}}$ to the loss. What is its product $\\frac{\\partial \\mathcal{L}}{\\partial a_{${f.k + 1},${m}}} W_{${f.k + 1},${m},${f.j}}$?`,
            `$\\partial\\mathcal{L}/\\partial a_{${f.k + 1},${m}} = ${num(up[m - 1]!)}$ (in $\\nabla_{a_{${f.k + 1}}}$) and $W_{${f.k + 1},${m},${f.j}} = ${num(n.W(f.k + 1)[m - 1]![f.j - 1]!)}$ (row ${m}, column ${f.j} of $W_{${f.k + 1}}$).`,
          );
        }
        if (kind === 1) {
          return exercise(
            n,
            { kind: 'gradH', k: f.k, i: f.j },
            partial(`h_{${f.k},${f.j}}`),
            `Sum over every path: what is $\\partial\\mathcal{L}(\\theta) / \\partial h_{${f.k},${f.j}}$?`,
            `Add one product per unit $m$ of layer ${f.k + 1}: $${products(up.map((g, m) => [g, n.W(f.k + 1)[m]![f.j - 1]!] as const))}$.`,
          );
        }
        return exercise(
          n,
          { kind: 'gradA', k: f.k, i: f.j },
          partial(`a_{${f.k},${f.j}}`),
          `Through the activation: what is $\\partial\\mathcal{L}(\\theta) / \\partial a_{${f.k},${f.j}}$?`,
          `$\\partial\\mathcal{L}/\\partial h_{${f.k},${f.j}} = ${num(n.gradH(f.k)[f.j - 1]!)}$ times $g'(a_{${f.k},${f.j}}) = ${num(n.gPrime(f.k)[f.j - 1]!)}$.`,
        );
      },
    };
  },
};
