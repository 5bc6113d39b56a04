import { Matrix } from '@backprop/core';
import type { LessonNet } from '../lesson-net.js';
import { grad, live, mat } from '../tex.js';
import { edgesInto, type Lesson, type LessonStep, unitsOf } from '../types.js';
import { exercise, liveCol, liveGrad, num, outputGradient, pick } from './common.js';

// Lesson 5, the whole algorithm: CS7015 lecture 4, Module 4.8's pseudo-code (seeds 000 and 002) and its
// lecture (seed 004), then one step θ ← θ − η∇θ on this sample and what it does to the loss.

/** The notes' three procedures, one TeX line each (the output gradient is the learner's pair's). */
export function pseudoCode(n: LessonNet): string[] {
  return [
    '\\textbf{gradient\\_descent}():\\; t \\leftarrow 0;\\; \\text{initialise } \\theta_0 = [W_1^0, \\dots, W_L^0, b_1^0, \\dots, b_L^0]',
    '\\quad \\textbf{while } t{+}{+} < max\\_iterations \\textbf{ do}',
    '\\qquad h_1, \\dots, h_{L-1}, a_1, \\dots, a_L, \\hat{y} = forward\\_propagation(\\theta_t)',
    '\\qquad \\nabla\\theta_t = backward\\_propagation(h_1, \\dots, h_{L-1}, a_1, \\dots, a_L, \\hat{y})',
    '\\qquad \\theta_{t+1} \\leftarrow \\theta_t - \\eta \\nabla\\theta_t',
    '\\textbf{forward\\_propagation}(\\theta):\\; \\textbf{for } k = 1 \\textbf{ to } L - 1 \\textbf{ do}',
    '\\qquad a_k = b_k + W_k h_{k-1};\\quad h_k = g(a_k)',
    '\\quad a_L = b_L + W_L h_{L-1};\\quad \\hat{y} = O(a_L)',
    `\\textbf{backward\\_propagation}:\\; ${grad('a_L')} = ${outputGradient(n)}`,
    '\\quad \\textbf{for } k = L \\textbf{ to } 1 \\textbf{ do}',
    `\\qquad ${grad('W_k')} = ${grad('a_k')}\\, h_{k-1}^{\\top};\\quad ${grad('b_k')} = ${grad('a_k')}`,
    `\\qquad ${grad('h_{k-1}')} = W_k^{\\top} (${grad('a_k')})`,
    `\\qquad ${grad('a_{k-1}')} = ${grad('h_{k-1}')} \\odot [\\dots, g'(a_{k-1,j}), \\dots] \\quad (k > 1)`,
  ];
}

/** The network after one plain gradient step θ − η∇θ, and the loss on the same sample before and after. */
export function oneStep(n: LessonNet, eta: number): { before: number; after: number; W: (k: number) => number[][] } {
  const next = n.net.clone();
  for (let t = 0; t < next.flat.length; t++) next.flat[t] = next.flat[t]! - eta * n.grads.flat[t]!;
  const after = next.loss(Matrix.from([n.x], 'float64'), Matrix.from([n.y], 'float64'));
  // biome-ignore lint/correctness/noComponentHookFactories: W is the notes' weight matrix, not a React component
  const W = (k: number) => {
    const p = next.parameters().find((q) => q.name === `W${k}`)!;
    return new Matrix(p.shape[0], p.shape[1], p.values).toArray();
  };
  return { before: n.loss, after, W };
}

/** Lesson 5: the pseudo-code, run line by line, then one update. */
export const algorithmLesson: Lesson = {
  id: 'algorithm',
  title: 'The whole algorithm, and one update',
  seed: 'CS7015 lecture 4, Module 4.8 (pseudo-code and its lecture)',
  net: 'yours',
  needsHidden: false,
  build(n, eta) {
    const L = n.L;
    const lines = pseudoCode(n);
    const code = (current: number[]) => ({ lines, current });
    const all = Array.from({ length: L + 1 }, (_, c) => unitsOf(n, c)).flat();
    const steps: LessonStep[] = [
      {
        title: 'forward_propagation: keep every a_k and h_k',
        tex: [Array.from({ length: L }, (_, i) => liveCol(`a_{${i + 1}}`, n.a(i + 1))).join('\\;') + `\\; ${liveCol('\\hat{y}', n.yHat())}`],
        text: [
          'The forward pass is only matrix-vector products and element-wise functions; no derivative is taken. It runs once per sample and stores what the backward pass will read.',
        ],
        lit: { units: all, edges: Array.from({ length: L }, (_, i) => edgesInto(n, i + 1)).flat() },
        code: code([2, 5, 6, 7]),
      },
      {
        title: 'The output gradient',
        tex: [`${liveGrad(`a_{${L}}`, n.gradA(L))} = ${outputGradient(n)}`],
        text: ['Computed once, outside the loop, from $\\hat{y}$ and the target (lesson 2).'],
        lit: { units: unitsOf(n, L), edges: [] },
        code: code([3, 8]),
      },
    ];
    for (let k = L; k >= 1; k--) {
      steps.push({
        title: `Loop, k = ${k}`,
        tex: [
          `${live(grad(`W_{${k}}`), mat(n.gradW(k)))} \\quad ${liveGrad(`b_{${k}}`, n.gradB(k))} \\quad ${liveGrad(`h_{${k - 1}}`, n.gradH(k - 1))}${k > 1 ? ` \\quad ${liveGrad(`a_{${k - 1}}`, n.gradA(k - 1))}` : ''}`,
        ],
        text:
          k > 1
            ? [`Everything on these lines uses $\\nabla_{a_{${k}}}$ (just computed), $h_{${k - 1}}$ and $a_{${k - 1}}$ (kept by the forward pass) and $W_{${k}}$. The last line hands $\\nabla_{a_{${k - 1}}}$ to the next turn of the loop.`]
            : [
                'At $k = 1$ there is no $a_0$: the last line is skipped (SPEC §2 runs it for $k > 1$). $\\nabla_{h_0}\\mathcal{L}(\\theta)$ is the gradient with respect to the input itself; it comes for free.',
                'In the lecture the loop is said to run from $L - 1$; either way every layer\'s $\\nabla W_k$ and $\\nabla b_k$ is computed once, each from numbers already at hand.',
              ],
        lit: { units: [...unitsOf(n, k - 1), ...unitsOf(n, k)], edges: edgesInto(n, k) },
        code: code(k > 1 ? [9, 10, 11, 12] : [9, 10, 11]),
      });
    }
    const s = oneStep(n, eta);
    steps.push({
      title: 'One gradient-descent step',
      tex: [
        `${live(`W_{${L}}^{t+1}`, mat(s.W(L)))} = ${live(`W_{${L}}^{t}`, mat(n.W(L)))} - ${num(eta)}\\, ${live(grad(`W_{${L}}`), mat(n.gradW(L)))}`,
        `\\mathcal{L}(\\theta_t) = ${num(s.before)} \\;\\longrightarrow\\; \\mathcal{L}(\\theta_{t+1}) = ${num(s.after)}`,
      ],
      text: [
        `Every parameter moves against its gradient, scaled by $\\eta = ${num(eta)}$ (here: the playground's learning rate).`,
        s.after < s.before
          ? `On this sample the loss falls by $${num(s.before - s.after)}$: $-\\nabla\\theta$ is the direction of steepest descent, and a small enough step goes downhill.`
          : 'Here the loss did not fall: the gradient is only the slope at $\\theta_t$, and this step is too long for it. Try a smaller $\\eta$.',
        'Training repeats this, averaging the gradient over a batch of samples (SPEC §3).',
      ],
      lit: { units: all, edges: Array.from({ length: L }, (_, i) => edgesInto(n, i + 1)).flat() },
      code: code([4]),
    });
    return {
      steps,
      exercise(v) {
        const r = Math.floor(v / 2);
        const k = v % 2 === 0 ? L : 1;
        const i = pick(r, n.widths[k]!);
        const j = pick(r + 1, n.widths[k - 1]!);
        const w = n.W(k)[i - 1]![j - 1]!;
        return exercise(
          n,
          { kind: 'W-after', k, i, j, eta },
          `W_{${k},${i}${j}}^{t+1}`,
          `After one step with $\\eta = ${num(eta)}$, what is the new weight $W_{${k},${i}${j}}^{t+1}$?`,
          `$W^{t+1} = W^{t} - \\eta\\, \\partial\\mathcal{L}/\\partial W$: here $${num(w)} - ${num(eta)} \\times (${num(n.gradW(k)[i - 1]![j - 1]!)})$ (unrounded values give the answer to 3 digits).`,
        );
      },
    };
  },
};


