import { BackpropError, brandErrorClass } from '../errors.js';
import type { FitResult } from './types.js';

/** Where a non-finite value first showed up in a step. */
export type DivergenceStage = 'forward' | 'loss' | 'gradient' | 'update';

/** The most likely reason, from the data's scale, the gradient-norm trend and η. */
export type DivergenceCause = 'unscaled-inputs' | 'exploding-gradient' | 'learning-rate';

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
  'exploding-gradient': 'the gradient norm exploded: clip it (clipNorm) or lower the learning rate',
  'learning-rate': 'the learning rate is probably too high: try 10× lower',
};

const STAGE_TEXT: Readonly<Record<DivergenceStage, (k: number | undefined) => string>> = {
  forward: (k) => `the forward pass (pre-activation a${k ?? ''} of layer ${k ?? '?'})`,
  loss: () => 'the loss (the forward pass was finite)',
  gradient: (k) => `the backward pass (∇W${k ?? ''} / ∇b${k ?? ''} of layer ${k ?? '?'})`,
  update: (k) => `the parameter update (layer ${k ?? '?'})`,
};

/** Picks the likely cause: inputs far outside the unit scale, then a fast-growing gradient norm, else η. */
export function likelyCause(inputScale: number, norms: readonly number[]): DivergenceCause {
  if (inputScale > 100) return 'unscaled-inputs';
  const finite = norms.filter(Number.isFinite);
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
  ) {
    super(
      'diverged',
      'training',
      'a finite loss and gradient',
      `${Number.isNaN(loss) ? 'NaN' : loss} at step ${step} (epoch ${epoch}), first non-finite in ${STAGE_TEXT[stage](layer)}, η = ${learningRate}`,
      `Likely cause: ${CAUSE_TEXT[likely]}. The weights are those of step ${step - 1}`,
    );
  }
}
