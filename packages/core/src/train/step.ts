import { backwardPass } from '../backward.js';
import { forwardPass } from '../forward.js';
import { lossGradient, lossValue } from '../losses.js';
import type { FloatArray, Matrix } from '../matrix.js';
import type { NetworkHandle } from '../handle.js';
import type { NetworkInternals } from '../internals.js';
import type { Optimizer } from '../optimizers.js';
import { type ResolvedRegularization, addPenaltyGradient, clipByNorm, clipByValue, norm2, penaltyValue } from '../regularization.js';
import { countCorrect } from './data.js';
import type { StepFailure } from './divergence.js';
import { scaleRows, weightedLoss } from './weights.js';

/** What one update step needs besides the batch; built once per run. */
export interface StepContext {
  readonly net: NetworkHandle;
  readonly inner: NetworkInternals;
  readonly optimizer: Optimizer;
  readonly regularization: ResolvedRegularization | undefined;
  readonly clipValue: number | undefined;
  readonly clipNorm: number | undefined;
  readonly classify: boolean;
  /** Class × sample weight of each row of the current batch (undefined: unweighted, the plain mean loss). */
  readonly weights: Float64Array | undefined;
  /** θ before the update, to undo a step whose result is not finite. */
  readonly backup: FloatArray;
  /** ‖∇W_k‖ of the latest step, index k − 1 (written by the step). */
  readonly gradNorms: Float64Array;
  /** Loss and correct count from the fused softmax + cross-entropy kernel (2 entries). */
  readonly stats: Float64Array;
  /** The latest finished step (reused, so a warm step allocates nothing). */
  readonly result: StepResult;
}

/** A finished step: the batch's loss (+ penalty) and correct count, both before the update, and ‖∇θ‖. */
export interface StepResult {
  loss: number;
  correct: number;
  gradNorm: number;
}

function firstNonFinite(values: FloatArray): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return i;
  return -1;
}

/**
 * One update step on the batch already in `inner.workspace(Yb.rows).h[0]`: forward, loss, backward,
 * penalty gradient, clipping, update (SPEC §4). A step with a non-finite loss, gradient or result is
 * refused — θ stays at the last good step — and reported with the layer where it started.
 */
export function trainStep(ctx: StepContext, Yb: Matrix, learningRate: number): StepResult | StepFailure {
  const { net, inner, regularization: reg } = ctx;
  const { model, grads } = inner;
  const L = model.W.length;
  const ws = inner.workspace(Yb.rows);
  const { output, loss: lossName } = model.spec;
  const { kernels } = model;
  // Softmax + cross-entropy: ŷ, the loss, ∇a_L and the correct count in one kernel pass (SPEC §2's fused pair).
  const fused = output === 'softmax' && lossName === 'cross-entropy';
  const trace = forwardPass(model, ws, !fused);
  if (fused) kernels.softmaxCrossEntropy(trace.a[L - 1]!, Yb, ws.yHat, ws.gradA[L - 1]!, ws.logSumExp, ctx.stats);
  const w = ctx.weights;
  const dataLoss = w ? weightedLoss(output, lossName, trace.a[L - 1]!, trace.yHat, Yb, w) : fused ? ctx.stats[0]! : lossValue(output, lossName, trace.a[L - 1]!, trace.yHat, Yb);
  const loss = dataLoss + (reg ? penaltyValue(model.W.map((w) => w.data), reg) : 0);
  if (!Number.isFinite(loss)) {
    // Forward values are computed layer 1 → L: the first non-finite a_k is where it started.
    const i = trace.a.findIndex((a) => firstNonFinite(a.data) >= 0);
    return { stage: i >= 0 ? 'forward' : 'loss', layer: i >= 0 ? i + 1 : L, loss, gradNorm: Number.NaN };
  }
  const correct = !ctx.classify ? 0 : fused ? ctx.stats[1]! : countCorrect(trace.yHat, Yb);
  if (w) {
    // Class / sample weights: ∇a_L of (1/N) Σ w_r ℓ_r is the unweighted gradient with row r times w_r (train/weights.ts).
    if (!fused) lossGradient(output, lossName, trace.a[L - 1]!, trace.yHat, Yb, ws.gradA[L - 1]!);
    scaleRows(ws.gradA[L - 1]!, w);
  }
  backwardPass(model, trace, Yb, ws, grads, false, fused || w !== undefined);
  if (reg) addPenaltyGradient(model.W.map((w) => w.data), grads.W.map((g) => g.data), reg);
  let sumSquares = 0;
  for (let i = 0; i < L; i++) {
    const sw = kernels.sumSquares(grads.W[i]!.data);
    ctx.gradNorms[i] = Math.sqrt(sw);
    sumSquares += sw + kernels.sumSquares(grads.b[i]!);
  }
  const gradNorm = Math.sqrt(sumSquares);
  if (!Number.isFinite(gradNorm)) {
    // Gradients are computed layer L → 1: the highest layer with a non-finite entry is where it started.
    let k: number | undefined;
    for (let i = L - 1; i >= 0 && k === undefined; i--) if (firstNonFinite(grads.W[i]!.data) >= 0 || firstNonFinite(grads.b[i]!) >= 0) k = i + 1;
    return { stage: 'gradient', layer: k, loss, gradNorm };
  }
  if (ctx.clipValue !== undefined) clipByValue(grads.flat, ctx.clipValue);
  if (ctx.clipNorm !== undefined) clipByNorm(grads.flat, ctx.clipNorm, ctx.clipValue === undefined ? gradNorm : norm2(grads.flat));
  // Plain SGD checks and updates in place; the general path copies θ, steps, and checks (the same outcome).
  if (ctx.optimizer.stepIfFinite?.(net.flat, grads.flat, learningRate, kernels.sgdStep)) return finish(ctx.result, loss, correct, gradNorm);
  ctx.backup.set(net.flat);
  ctx.optimizer.step(net.flat, grads.flat, learningRate);
  if (firstNonFinite(net.flat) >= 0) {
    const k = model.W.findIndex((w, i) => firstNonFinite(w.data) >= 0 || firstNonFinite(model.b[i]!) >= 0);
    net.flat.set(ctx.backup);
    return { stage: 'update', layer: k >= 0 ? k + 1 : undefined, loss, gradNorm };
  }
  return finish(ctx.result, loss, correct, gradNorm);
}

function finish(out: StepResult, loss: number, correct: number, gradNorm: number): StepResult {
  out.loss = loss;
  out.correct = correct;
  out.gradNorm = gradNorm;
  return out;
}
