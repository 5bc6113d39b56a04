import type { ActivationName, ForwardTrace, Network } from '@backprop/core';

// Training health, computed from the public forward trace and gradients: dead and saturated units,
// and a plain-language diagnosis a learner can act on.

/** Shares of dead and saturated hidden units on a batch. */
export interface UnitStats {
  /** Hidden units whose output is exactly 0 for every row (a dead ReLU never learns again). */
  readonly deadShare: number;
  /** Hidden (unit, row) pairs where g′ is nearly 0 (|h| > 0.99 for tanh, h < 0.01 or > 0.99 for logistic). */
  readonly saturatedShare: number;
}

const saturates = (act: ActivationName): ((h: number) => boolean) | undefined => {
  if (act === 'tanh') return (h) => Math.abs(h) > 0.99;
  if (act === 'logistic') return (h) => h < 0.01 || h > 0.99;
  return undefined;
};

/** Dead / saturated shares over the hidden layers of a trace of `net`. */
export function unitStats(net: Network, trace: ForwardTrace): UnitStats {
  let units = 0;
  let dead = 0;
  let pairs = 0;
  let saturated = 0;
  net.layers.forEach((layer, i) => {
    if (layer.kind !== 'hidden') return;
    const h = trace.h[i + 1]!;
    const act = layer.activation as ActivationName;
    const sat = saturates(act);
    const rectifier = act === 'relu';
    for (let j = 0; j < h.cols; j++) {
      let allZero = true;
      for (let r = 0; r < h.rows; r++) {
        const v = h.data[r * h.cols + j]!;
        if (v !== 0) allZero = false;
        if (sat?.(v)) saturated++;
      }
      units++;
      pairs += h.rows;
      if (rectifier && allZero) dead++;
    }
  });
  return { deadShare: units ? dead / units : 0, saturatedShare: pairs ? saturated / pairs : 0 };
}

/** What the diagnosis looks at. */
export interface HealthInputs {
  readonly diverged: boolean;
  readonly learningRate: number;
  readonly losses: readonly number[];
  readonly deadShare: number;
  readonly saturatedShare: number;
  /** Latest ‖∇W_k‖, k = 1 … L. */
  readonly norms: readonly number[];
  /** A CSV's columns go in unscaled (Standardize columns off, no scaler in the network): the likely cause of dead or saturated units. */
  readonly rawCsv?: boolean;
}

/** A short explanation of what is going wrong and what to try, or null when training looks healthy. */
export function diagnose(h: HealthInputs): string | null {
  const eta = `η = ${h.learningRate}`;
  if (h.diverged) {
    return `Training diverged: the loss or a weight became infinite or NaN, so training stopped. The steps θ ← θ − η∇θ were too large (${eta}); lower the learning rate (try ${h.learningRate / 10}) and reset.`;
  }
  const finite = h.losses.filter(Number.isFinite);
  if (finite.length >= 5) {
    const best = Math.min(...finite);
    const last = finite[finite.length - 1]!;
    if (last > 3 * best + 0.05) {
      return `The loss is climbing (now ${last.toFixed(3)}, best was ${best.toFixed(3)}): with ${eta} the updates overshoot the minimum. Lower the learning rate.`;
    }
  }
  const raw = 'The CSV\'s columns go in raw, far from −3 … 3: turn on Standardize columns (under Data).';
  if (h.deadShare >= 0.5) {
    const fix = h.rawCsv ? raw : 'Try a smaller learning rate, leaky-relu, or another seed.';
    return `${Math.round(h.deadShare * 100)} % of the ReLU units are dead: their output is 0 for every sample, so g′ = 0 and no gradient reaches their weights. ${fix}`;
  }
  if (h.saturatedShare >= 0.5) {
    const fix = h.rawCsv ? raw : 'Try smaller weights (another seed), a lower learning rate, or relu.';
    return `${Math.round(h.saturatedShare * 100)} % of tanh/logistic outputs are saturated (g′ ≈ 0), which slows learning. ${fix}`;
  }
  const n = h.norms;
  if (n.length >= 3 && n[n.length - 1]! > 1e-6 && n[0]! < 1e-12 * n[n.length - 1]!) {
    // Twelve orders of magnitude is not a product of small g′ factors over a few layers: nothing flows
    // back at all, which is what units dead (or fully saturated) for every sample do.
    return `No gradient reaches the first layer: ‖∇W_1‖ is ${n[0]!.toExponential(1)} against the last layer's ${n[n.length - 1]!.toExponential(1)}. Units between them are dead (a ReLU giving 0 for every sample) or saturated, so g′ = 0 blocks δ on its way back. Try a lower learning rate, another seed, or leaky-relu.`;
  }
  if (n.length >= 3 && n[n.length - 1]! > 1e-6 && n[0]! < 1e-4 * n[n.length - 1]!) {
    return `Vanishing gradients: ‖∇W_1‖ is ${n[0]!.toExponential(1)}, far below the last layer's ${n[n.length - 1]!.toExponential(1)}. The first layers barely learn; use fewer layers or relu.`;
  }
  return null;
}
