import type { LessonNet } from '../lesson-net.js';
import { col, live } from '../tex.js';
import { type Lesson, type LessonStep, unitsOf } from '../types.js';
import { exercise, FUSED, gradYHat, LOSS, liveCol, liveGrad, num, outputGradient, pairOf, pick } from './common.js';

// Lesson 2, the loss and the gradient at the output: CS7015 lecture 4, Module 4.3 (output functions and
// losses) and Module 4.5 (∇_{a_L} ℒ(θ) = −(e(ℓ) − ŷ) for softmax + cross-entropy), seed 002; the other
// pairs as SPEC §2 writes them.

function lossStep(n: LessonNet): LessonStep {
  const L = n.L;
  const ce = n.lossName === 'cross-entropy' && n.label !== undefined;
  const l = (n.label ?? 0) + 1;
  return {
    title: 'The loss',
    tex: [
      LOSS[n.lossName]!,
      ce
        ? `\\mathcal{L}(\\theta) = -\\log \\hat{y}_{\\ell} = -\\log ${num(n.yHat()[l - 1]!)} = ${num(n.loss)}, \\quad \\ell = ${l}`
        : `${liveCol('\\hat{y}', n.yHat())}, \\; ${liveCol('y', n.y)} \\;\\Rightarrow\\; \\mathcal{L}(\\theta) = ${num(n.loss)}`,
    ],
    text: ce
      ? [
          'Both $y$ (one-hot: all its mass on the true class $\\ell$) and $\\hat{y}$ are probability distributions, and cross-entropy measures how far apart they are.',
          `Only the true class's term survives: $\\mathcal{L}(\\theta) = -\\log \\hat{y}_{\\ell}$. Minimising it pushes $\\hat{y}_{\\ell}$, the probability of class $\\ell = ${l}$, towards 1 (it maximises the log-likelihood).`,
          `Classes are counted from 1, as in the notes: the plot's class ${l - 1} is $\\ell = ${l}$.`,
        ]
      : [
          n.lossName === 'squared-error'
            ? 'For real-valued outputs the squared error adds up how far each output is from its target (our loss has no ½; SPEC §1).'
            : 'Binary cross-entropy treats each output as the probability of a yes/no event.',
          `The loss is a function of θ through $\\hat{y}$, and of $\\hat{y}$ only through $a_{${L}}$.`,
        ],
    lit: { units: unitsOf(n, L), edges: [] },
  };
}

function softmaxSteps(n: LessonNet): LessonStep[] {
  const L = n.L;
  const l = n.label! + 1;
  const e = n.y;
  return [
    {
      title: 'Through the softmax',
      tex: [
        `\\frac{\\partial \\mathcal{L}(\\theta)}{\\partial a_{L,i}} = -\\frac{1}{\\hat{y}_{\\ell}} \\frac{\\partial \\hat{y}_{\\ell}}{\\partial a_{L,i}} = -\\frac{1}{\\hat{y}_{\\ell}}\\, \\hat{y}_{\\ell} \\left(\\mathbb{1}_{(\\ell = i)} - \\hat{y}_i\\right) = -\\left(\\mathbb{1}_{(\\ell = i)} - \\hat{y}_i\\right)`,
      ],
      text: [
        '$-\\log \\hat{y}_{\\ell}$ depends on every $a_{L,i}$, because the softmax divides by a sum over all of them.',
        'The quotient rule gives $\\partial \\hat{y}_{\\ell} / \\partial a_{L,i} = \\hat{y}_{\\ell} (\\mathbb{1}_{(\\ell = i)} - \\hat{y}_i)$, and the factor $\\hat{y}_{\\ell}$ cancels against $-1/\\hat{y}_{\\ell}$.',
        "(The slide's final line prints $\\hat{y}_{\\ell}$ where the derivation gives $\\hat{y}_i$; the vector form below is right.)",
      ],
      lit: { units: unitsOf(n, L), edges: [] },
    },
    {
      title: 'The output gradient as a vector',
      tex: [`${liveGrad(`a_{${L}}`, n.gradA(L))} = -\\big(${live(`e(${l})`, col(e))} - ${liveCol('\\hat{y}', n.yHat())}\\big)`],
      text: [
        `Stack the $k$ partials: $\\nabla_{a_L}\\mathcal{L}(\\theta) = -(e(\\ell) - \\hat{y})$, where $e(\\ell)$ is 1 at the true class and 0 elsewhere.`,
        `So the gradient is the prediction minus the target: negative at class ${l} (raise $a_{L,${l}}$), positive at every other class (lower it), and 0 only when $\\hat{y} = e(\\ell)$.`,
      ],
      lit: { units: unitsOf(n, L), edges: [] },
    },
  ];
}

function otherPairStep(n: LessonNet): LessonStep {
  const L = n.L;
  const fused = FUSED[pairOf(n)] !== undefined;
  return {
    title: fused ? 'Your output gradient' : 'Your pair goes through the Jacobian of O',
    tex: fused
      ? [`${liveGrad(`a_{${L}}`, n.gradA(L))} = ${outputGradient(n)}, \\quad ${liveCol('\\hat{y}', n.yHat())}, \\; ${liveCol('y', n.y)}`]
      : [`${liveGrad(`a_{${L}}`, n.gradA(L))} = J_O(a_{${L}})^{\\top} ${liveGrad('\\hat{y}', gradYHat(n))}`],
    text: fused
      ? [`${n.output} output with ${n.lossName} is a natural pair: the derivative of $O$ cancels the one of the loss, and what is left is the error $\\hat{y} - y$${n.lossName === 'squared-error' ? ' (times 2, as our squared error has no ½)' : ''}.`]
      : [`${n.output} output with ${n.lossName} is not a natural pair: first the loss's gradient with respect to $\\hat{y}$, then multiply by the transposed Jacobian of $O$ (SPEC §2).`],
    lit: { units: unitsOf(n, L), edges: [] },
  };
}

function pairsStep(n: LessonNet): LessonStep {
  const rows = [
    ['softmax', 'cross-entropy', FUSED['softmax/cross-entropy']!],
    ['linear', 'squared-error', FUSED['linear/squared-error']!],
    ['logistic', 'binary-cross-entropy', FUSED['logistic/binary-cross-entropy']!],
    ['any other', '', "J_O(a_L)^{\\top}\\, \\nabla_{\\hat{y}}\\mathcal{L}(\\theta)"],
  ] as const;
  const natural = FUSED[pairOf(n)] !== undefined;
  // The learner's own pair is set in bold (the last row when it is not a natural pair).
  const cell = (text: string, own: boolean) => (own ? `\\textbf{${text}}` : `\\text{${text}}`);
  const table = rows.map(([o, l, g]) => {
    const own = natural ? `${o}/${l}` === pairOf(n) : o === 'any other';
    return `${cell(o, own)} & ${cell(l.replace(/-/g, ' '), own)} & ${g}`;
  });
  return {
    title: 'Other output functions and losses',
    tex: [
      `\\begin{array}{lll} O & \\text{loss} & \\nabla_{a_L}\\mathcal{L}(\\theta) \\\\ \\hline ${table.join(' \\\\ ')} \\end{array}`,
    ],
    text: [
      'Module 4.3 pairs a linear output with the squared error for real values, and softmax with cross-entropy for probabilities. Each natural pair gives the same shape of gradient: prediction minus target.',
      'The notes write the squared error with a factor ½ in some places; ours has none (SPEC §1), so linear + squared error gives $2(\\hat{y} - y)$.',
    ],
    lit: { units: unitsOf(n, n.L), edges: [] },
  };
}

/** Lesson 2: the loss and the gradient at the output. */
export const outputLesson: Lesson = {
  id: 'output',
  title: 'The loss and the output gradient',
  seed: 'CS7015 lecture 4, Modules 4.3 and 4.5',
  net: 'yours',
  needsHidden: false,
  build(n) {
    const L = n.L;
    const softmax = pairOf(n) === 'softmax/cross-entropy' && n.label !== undefined;
    const steps = [lossStep(n), ...(softmax ? softmaxSteps(n) : [otherPairStep(n)]), pairsStep(n)];
    return {
      steps,
      exercise(v) {
        if (v % 3 === 2) {
          return exercise(n, { kind: 'loss' }, '\\mathcal{L}(\\theta)', 'What is the loss on this sample?', softmax ? `$\\mathcal{L}(\\theta) = -\\log \\hat{y}_{\\ell}$ with $\\hat{y}_{\\ell} = ${num(n.yHat()[n.label!]!)}$ (natural log).` : `${LOSS[n.lossName]!.replace('\\mathcal{L}(\\theta) = ', '$\\mathcal{L}(\\theta) = ')}$ with $\\hat{y} = (${n.yHat().map(num).join(', ')})$ and $y = (${n.y.map(num).join(', ')})$.`);
        }
        const i = pick(v === 0 ? n.label ?? 0 : v, n.widths[L]!);
        const hint = softmax
          ? `$\\partial\\mathcal{L}/\\partial a_{L,${i}} = -(\\mathbb{1}_{(\\ell = ${i})} - \\hat{y}_{${i}})$ with $\\hat{y}_{${i}} = ${num(n.yHat()[i - 1]!)}$ and $\\ell = ${n.label! + 1}$.`
          : FUSED[pairOf(n)]
            ? `$\\nabla_{a_L}\\mathcal{L}(\\theta) = ${outputGradient(n)}$: take entry ${i}, with $\\hat{y}_{${i}} = ${num(n.yHat()[i - 1]!)}$ and $y_{${i}} = ${num(n.y[i - 1]!)}$.`
            : `Entry ${i} of $J_O^{\\top}\\nabla_{\\hat{y}}\\mathcal{L}$, with $\\nabla_{\\hat{y}}\\mathcal{L} = (${gradYHat(n).map(num).join(', ')})$.`;
        return exercise(n, { kind: 'gradA', k: L, i }, `\\frac{\\partial \\mathcal{L}(\\theta)}{\\partial a_{${L},${i}}}`, `Entry ${i} of the output gradient: what is $\\partial \\mathcal{L}(\\theta) / \\partial a_{${L},${i}}$?`, hint);
      },
    };
  },
};
