import { type ActivationName, activations, Matrix, Network, type NetworkJSON, type Scaler } from '@backprop/core';

// The backprop step-through: the notes' forward_propagation and back_propagation (seeds 000/004,
// SPEC §1–§2) for ONE sample, line by line, with the live numbers of the user's network. Every number
// comes from the core's own forward/backward on a 1-row batch, so what is shown is what training does.

/** A small matrix shown beside a formula (column vectors are n × 1, as in the notes). */
export interface Shown {
  readonly label: string;
  readonly rows: number;
  readonly cols: number;
  /** Row-major values. */
  readonly data: readonly number[];
}

/** What the diagram lights up for a line: unit columns (0 = inputs … L = outputs) and the edges into layer k. */
export interface Lit {
  readonly columns: readonly number[];
  readonly edges: number | null;
}

/** One line of the algorithm. */
export interface Step {
  readonly id: string;
  readonly phase: 'forward' | 'loss' | 'backward' | 'update';
  /** The formula in the notes' notation with this line's k filled in (plain Unicode: a screen reader's and a tooltip's). */
  readonly formula: string;
  /** The same formula in TeX, typeset by KaTeX. */
  readonly tex: string;
  readonly values: readonly Shown[];
  /** What the numbers are, when they are not what the user's file holds (standardized inputs or targets). */
  readonly note?: string;
  readonly lit: Lit;
}

/** The whole walk for one sample, and the what-if of its update. */
export interface Walkthrough {
  readonly steps: readonly Step[];
  readonly lossBefore: number;
  /** Loss on the same sample after one plain gradient step θ ← θ − η∇θ. */
  readonly lossAfter: number;
  /** The network after that step (for the what-if boundary). */
  readonly updated: Network;
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** A number as Unicode subscript digits (k = 12 → ₁₂). */
export const sub = (n: number): string => String(n).replace(/\d/g, (d) => SUB[Number(d)]!);

const column = (label: string, values: ArrayLike<number>): Shown => ({ label, rows: values.length, cols: 1, data: Array.from(values) });
const matrix = (label: string, m: Matrix): Shown => ({ label, rows: m.rows, cols: m.cols, data: Array.from(m.data) });

const OUTPUT_GRADIENT: Readonly<Record<string, string>> = {
  'softmax/cross-entropy': '−(e(y) − ŷ)',
  'linear/squared-error': '2(ŷ − y)',
  'logistic/binary-cross-entropy': 'ŷ − y',
};

const OUTPUT_GRADIENT_TEX: Readonly<Record<string, string>> = {
  'softmax/cross-entropy': String.raw`-\bigl(e(y) - \hat y\bigr)`,
  'linear/squared-error': String.raw`2(\hat y - y)`,
  'logistic/binary-cross-entropy': String.raw`\hat y - y`,
};

const LOSS_TEX: Readonly<Record<string, string>> = {
  'cross-entropy': String.raw`\mathcal{L}(\theta) = -\sum_c y_c \log \hat y_c`,
  'squared-error': String.raw`\mathcal{L}(\theta) = \sum_j (\hat y_j - y_j)^2`,
  'binary-cross-entropy': String.raw`\mathcal{L}(\theta) = -\sum_j \bigl[y_j \log \hat y_j + (1 - y_j)\log(1 - \hat y_j)\bigr]`,
};

/** ∇ of the loss with respect to a TeX symbol. */
const grad = (v: string): string => String.raw`\nabla_{${v}}\mathcal{L}(\theta)`;

const LOSS_FORMULA: Readonly<Record<string, string>> = {
  'cross-entropy': 'ℒ(θ) = −Σ_c y_c log ŷ_c',
  'squared-error': 'ℒ(θ) = Σ_j (ŷ_j − y_j)²',
  'binary-cross-entropy': 'ℒ(θ) = −Σ_j [y_j log ŷ_j + (1 − y_j) log(1 − ŷ_j)]',
};

/** How a scaler is written: standard (x − mean) / sd, min-max (x − min) / (max − min). */
const SCALED = {
  standard: { verb: 'standardized', offset: 'mean', scale: 'sd', formula: (v: string) => `(${v} − mean) / sd` },
  'min-max': { verb: 'scaled', offset: 'min', scale: 'max − min', formula: (v: string) => `(${v} − min) / (max − min)` },
} as const;

/** The regression target as the user's file has it, and the scaler the network learns it through. */
export interface RawTarget {
  readonly raw: readonly number[];
  readonly scaler: Scaler;
}

/**
 * Walks forward, loss, backward and the update for one sample `x` (length n0, as the user's data has it:
 * the network's own input scaler, if any, standardizes it and the walk shows both) with target row `y`
 * (length n_L: one-hot, a 0/1 value, or regression targets as the network learns them; `target` gives
 * them in the file's units when the page standardized them) and learning rate η.
 */
export function walkthrough(json: NetworkJSON | string, x: readonly number[], y: readonly number[], learningRate: number, target?: RawTarget): Walkthrough {
  const net = Network.fromJSON(json);
  const scaler = net.preprocessing?.input;
  const X = new Matrix(1, x.length, Float32Array.from(x));
  const Y = new Matrix(1, y.length, Float32Array.from(y));
  const trace = net.forward(X);
  const grads = net.backward(trace, Y);
  const L = net.layers.length;
  const params = net.parameters();
  const weightOf = (k: number) => {
    const p = params.find((q) => q.name === `W${k}`)!;
    return new Matrix(p.shape[0], p.shape[1], p.values);
  };
  const b = (k: number) => params.find((q) => q.name === `b${k}`)!.values;
  const steps: Step[] = [];

  // The inputs as the file has them, the scaler's numbers, then h₀ as the first layer gets it.
  const s = scaler ? SCALED[scaler.kind] : undefined;
  const inputs = scaler && s ? [column('x (raw)', x), column(s.offset, scaler.offset), column(s.scale, scaler.scale)] : [];
  const h0 = s ? `h₀ = ${s.formula('x')}` : 'h₀';
  for (let k = 1; k <= L; k++) {
    const i = k - 1;
    steps.push({
      id: `fwd-a-${k}`,
      phase: 'forward',
      formula: `a${sub(k)} = b${sub(k)} + W${sub(k)} h${sub(k - 1)}`,
      tex: `a_{${k}} = b_{${k}} + W_{${k}}\\, h_{${k - 1}}`,
      values: [matrix(`W${sub(k)}`, weightOf(k)), ...(k === 1 ? inputs : []), column(k === 1 ? h0 : `h${sub(k - 1)}`, trace.h[i]!.data), column(`b${sub(k)}`, b(k)), column(`a${sub(k)}`, trace.a[i]!.data)],
      ...(k === 1 && s ? { note: `h₀ is not x as your data has it: the network ${s.verb === 'standardized' ? 'standardizes' : 'scales'} each input first, ${h0}, with the ${s.offset} and ${s.scale} of the training rows (shown), for every row it sees.` } : {}),
      lit: { columns: [k - 1, k], edges: k },
    });
    if (k < L) {
      const g = net.layers[i]!.activation;
      steps.push({
        id: `fwd-h-${k}`,
        phase: 'forward',
        formula: `h${sub(k)} = g(a${sub(k)})    g = ${g}`,
        tex: `h_{${k}} = g(a_{${k}}) \\qquad g = \\text{${g}}`,
        values: [column(`a${sub(k)}`, trace.a[i]!.data), column(`h${sub(k)}`, trace.h[k]!.data)],
        lit: { columns: [k], edges: null },
      });
    }
  }
  steps.push({
    id: 'fwd-yhat',
    phase: 'forward',
    formula: `ŷ = O(a${sub(L)})    O = ${net.output}`,
    tex: `\\hat y = O(a_{${L}}) \\qquad O = \\text{${net.output}}`,
    values: [column(`a${sub(L)}`, trace.a[L - 1]!.data), column('ŷ', trace.yHat.data)],
    lit: { columns: [L], edges: null },
  });
  const lossBefore = net.loss(X, Y);
  const t = target ? SCALED[target.scaler.kind] : undefined;
  steps.push({
    id: 'loss',
    phase: 'loss',
    formula: LOSS_FORMULA[net.lossName] ?? `ℒ(θ) = ${net.lossName}`,
    tex: LOSS_TEX[net.lossName] ?? `\\mathcal{L}(\\theta) = \\text{${net.lossName}}`,
    values: [
      column('ŷ', trace.yHat.data),
      ...(target && t ? [column('y (raw)', target.raw), column(t.offset, target.scaler.offset), column(t.scale, target.scaler.scale)] : []),
      column(net.lossName === 'cross-entropy' ? 'e(y)' : t ? `y = ${t.formula('y')}` : 'y', y),
      { label: 'ℒ', rows: 1, cols: 1, data: [lossBefore] },
    ],
    ...(t ? { note: `y and ŷ are ${t.verb}: the network learns ${t.formula('y')}, with the ${t.offset} and ${t.scale} of the training targets (shown); the page gives its predictions in your units.` } : {}),
    lit: { columns: [L], edges: null },
  });
  steps.push({
    id: 'bwd-aL',
    phase: 'backward',
    formula: `∇a${sub(L)} ℒ(θ) = ${OUTPUT_GRADIENT[`${net.output}/${net.lossName}`] ?? `J_O(a${sub(L)})ᵀ ∇ŷ ℒ(θ)`}`,
    tex: `${grad(`a_{${L}}`)} = ${OUTPUT_GRADIENT_TEX[`${net.output}/${net.lossName}`] ?? `J_O(a_{${L}})^\\top ${grad('\\hat y')}`}`,
    values: [column('ŷ', trace.yHat.data), column(`∇a${sub(L)}`, grads.gradA[L - 1]!.data)],
    lit: { columns: [L], edges: null },
  });
  for (let k = L; k >= 1; k--) {
    const i = k - 1;
    steps.push({
      id: `bwd-W-${k}`,
      phase: 'backward',
      formula: `∇W${sub(k)} ℒ(θ) = ∇a${sub(k)} ℒ(θ) h${sub(k - 1)}ᵀ`,
      tex: `${grad(`W_{${k}}`)} = ${grad(`a_{${k}}`)}\\, h_{${k - 1}}^\\top`,
      values: [column(`∇a${sub(k)}`, grads.gradA[i]!.data), { ...column(`h${sub(k - 1)}ᵀ`, trace.h[i]!.data), rows: 1, cols: trace.h[i]!.cols }, matrix(`∇W${sub(k)}`, grads.gradW[i]!)],
      lit: { columns: [k - 1, k], edges: k },
    });
    steps.push({
      id: `bwd-b-${k}`,
      phase: 'backward',
      formula: `∇b${sub(k)} ℒ(θ) = ∇a${sub(k)} ℒ(θ)`,
      tex: `${grad(`b_{${k}}`)} = ${grad(`a_{${k}}`)}`,
      values: [column(`∇b${sub(k)}`, grads.gradB[i]!)],
      lit: { columns: [k], edges: null },
    });
    steps.push({
      id: `bwd-h-${k - 1}`,
      phase: 'backward',
      formula: `∇h${sub(k - 1)} ℒ(θ) = W${sub(k)}ᵀ (∇a${sub(k)} ℒ(θ))`,
      tex: `${grad(`h_{${k - 1}}`)} = W_{${k}}^\\top \\bigl(${grad(`a_{${k}}`)}\\bigr)`,
      values: [matrix(`W${sub(k)}`, weightOf(k)), column(`∇a${sub(k)}`, grads.gradA[i]!.data), column(`∇h${sub(k - 1)}`, grads.gradH[i]!.data)],
      lit: { columns: [k - 1, k], edges: k },
    });
    if (k > 1) {
      const act = net.layers[k - 2]!.activation as ActivationName;
      const gPrime = Array.from(trace.a[k - 2]!.data, (z) => activations[act].gPrime(z));
      steps.push({
        id: `bwd-a-${k - 1}`,
        phase: 'backward',
        formula: `∇a${sub(k - 1)} ℒ(θ) = ∇h${sub(k - 1)} ℒ(θ) ⊙ [… g′(a${sub(k - 1)},j) …]`,
        tex: `${grad(`a_{${k - 1}}`)} = ${grad(`h_{${k - 1}}`)} \\odot \\bigl[\\dots\\, g'(a_{${k - 1},j}) \\,\\dots\\bigr]`,
        values: [column(`∇h${sub(k - 1)}`, grads.gradH[i]!.data), column(`g′(a${sub(k - 1)})`, gPrime), column(`∇a${sub(k - 1)}`, grads.gradA[k - 2]!.data)],
        lit: { columns: [k - 1], edges: null },
      });
    }
  }
  const updated = net.clone();
  for (let j = 0; j < updated.flat.length; j++) updated.flat[j] = updated.flat[j]! - learningRate * grads.flat[j]!;
  const lossAfter = updated.loss(X, Y);
  const W1after = updated.parameters().find((q) => q.name === 'W1')!;
  steps.push({
    id: 'update',
    phase: 'update',
    formula: `θ ← θ − η∇θ    η = ${learningRate}`,
    tex: `\\theta \\leftarrow \\theta - \\eta\\, ${grad('\\theta')} \\qquad \\eta = ${learningRate}`,
    values: [
      matrix('W₁ (new)', new Matrix(W1after.shape[0], W1after.shape[1], W1after.values)),
      { label: 'ℒ before', rows: 1, cols: 1, data: [lossBefore] },
      { label: 'ℒ after', rows: 1, cols: 1, data: [lossAfter] },
    ],
    lit: { columns: Array.from({ length: L + 1 }, (_, c) => c), edges: null },
  });
  return { steps, lossBefore, lossAfter, updated };
}
