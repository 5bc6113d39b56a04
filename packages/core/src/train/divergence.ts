import { BackpropError, brandErrorClass } from '../errors.js';
import type { OptimizerState } from '../optimizers.js';
import type { FitResult } from './types.js';

/** Where a non-finite value first showed up in a step. */
export type DivergenceStage = 'forward' | 'loss' | 'gradient' | 'update';

/** The most likely reason, from the data's scale, the gradient-norm trend and η. */
export type DivergenceCause = 'unscaled-inputs' | 'optimizer-state' | 'exploding-gradient' | 'learning-rate';

/** What a failed step reports to the training loop. */
export interface StepFailure {
  readonly stage: DivergenceStage;
  /** Layer k (1 … L) where the first non-finite value appeared; undefined when not attributable. */
  readonly layer: number | undefined;
  readonly loss: number;
  readonly gradNorm: number;
}

const CAUSE_TEXT: Readonly<Record<DivergenceCause, string>> = {
  'unscaled-inputs': 'the inputs are not scaled: standardise them (fitScaler(X, "standard") and setPreprocessing)',
  'optimizer-state':
    "the optimizer's state (its velocity or moment buffers) holds values no gradient of this run explains (largest |value| {largest}): it came with the checkpoint or from an earlier run; check the file, or continue without it (fit without resume, or load the weights alone)",
  'exploding-gradient': 'the gradient norm exploded: clip it (clipNorm) or lower the learning rate',
  'learning-rate': 'the learning rate is probably too high: try 10× lower',
};

const STAGE_TEXT: Readonly<Record<DivergenceStage, (k: number | undefined) => string>> = {
  forward: (k) => `the forward pass (pre-activation a${k ?? ''} of layer ${k ?? '?'})`,
  loss: () => 'the loss (the forward pass was finite)',
  gradient: (k) => `the backward pass (∇W${k ?? ''} / ∇b${k ?? ''} of layer ${k ?? '?'})`,
  update: (k) => `the parameter update (layer ${k ?? '?'})`,
};

/** The largest |value| in an optimizer's buffers (NaN when one is NaN; 0 when it has none). */
export function largestStateValue(state: OptimizerState): number {
  let largest = 0;
  for (const slot of Object.values(state.slots)) for (const v of slot) largest = Number.isNaN(v) ? Number.NaN : Math.max(largest, Math.abs(v));
  return largest;
}

/**
 * The gradient norms of the latest {@link RecentNorms.capacity} steps, which {@link likelyCause} reads. A fixed
 * float64 ring: a fresh `[]` per run, pushed and shifted every step, changed its hidden class at its first
 * fractional entry, which threw away the training loop V8 had optimised for the previous run's array.
 */
export class RecentNorms {
  static readonly capacity = 20;
  readonly #ring = new Float64Array(RecentNorms.capacity);
  #count = 0;

  /** Records one step's ‖∇θ‖, forgetting the oldest beyond the capacity. */
  push(norm: number): void {
    this.#ring[this.#count++ % RecentNorms.capacity] = norm;
  }

  /** The recorded norms, oldest first, with `last` (the failing step's norm) appended. */
  withLast(last: number): number[] {
    const n = Math.min(this.#count, RecentNorms.capacity);
    const out: number[] = [];
    for (let i = this.#count - n; i < this.#count; i++) out.push(this.#ring[i % RecentNorms.capacity]!);
    out.push(last);
    return out;
  }
}

/**
 * Picks the likely cause: inputs far outside the unit scale; then optimizer buffers far larger than the
 * recent gradient norms G allow (momentum keeps |v| ≤ G/(1 − μ), Adam and RMSprop ≤ max(G, G²): 10⁶ times
 * that is no trajectory's doing); then a fast-growing gradient norm; else η.
 */
export function likelyCause(inputScale: number, norms: readonly number[], largestState = 0): DivergenceCause {
  if (inputScale > 100) return 'unscaled-inputs';
  const finite = norms.filter(Number.isFinite);
  let G = 1;
  for (const n of finite) G = Math.max(G, n);
  if (!(largestState <= 1e6 * G * G)) return 'optimizer-state';
  if (finite.length >= 2 && (finite[finite.length - 1]! > 1e3 || finite[finite.length - 1]! > 100 * Math.max(finite[0]!, 1e-12))) return 'exploding-gradient';
  return 'learning-rate';
}

/**
 * Training produced a non-finite loss, gradient or parameter (code `diverged`). The parameters are
 * those after the last good step; `result` holds the history up to it.
 */
export class TrainingDivergedError extends BackpropError {
  static {
    brandErrorClass(TrainingDivergedError, 'TrainingDivergedError'); // instanceof across copies of the core
  }

  override readonly name: string = 'TrainingDivergedError';
  constructor(
    /** The failing update step, 1-based, counted over the whole run (as `iteration` in events). */
    readonly step: number,
    /** 1-based epoch of the failing step. */
    readonly epoch: number,
    /** Where the first non-finite value appeared. */
    readonly stage: DivergenceStage,
    /** Layer k (1 … L) of the first non-finite value, when known. */
    readonly layer: number | undefined,
    /** The likely cause. */
    readonly likely: DivergenceCause,
    /** Training so far; `stopReason` is `diverged`. */
    readonly result: FitResult,
    learningRate: number,
    loss: number,
    /** The largest |value| in the optimizer's buffers, named when they are the likely cause. */
    largestState?: number,
  ) {
    super(
      'diverged',
      'training',
      'a finite loss and gradient',
      // A finite loss is not what went wrong in the backward pass or the update: say what did, then the loss.
      Number.isFinite(loss)
        ? `a non-finite value in ${STAGE_TEXT[stage](layer)} at step ${step} (epoch ${epoch}), after a finite loss of ${loss}, η = ${learningRate}`
        : `${Number.isNaN(loss) ? 'NaN' : loss} at step ${step} (epoch ${epoch}), first non-finite in ${STAGE_TEXT[stage](layer)}, η = ${learningRate}`,
      `Likely cause: ${CAUSE_TEXT[likely].replace('{largest}', String(largestState))}. The weights are those of step ${step - 1}`,
    );
  }
}
