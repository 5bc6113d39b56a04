import type { FloatArray } from './matrix.js';

/** Optimizer names. Plain gradient descent is the notes' algorithm (SPEC §4); the rest are refinements. */
export type OptimizerName = 'sgd';

/** Every optimizer name. */
export const optimizerNames: readonly OptimizerName[] = ['sgd'];

/**
 * The update rule θ ← step(θ, ∇θ, η): a small pluggable piece of the training loop. `theta` and `grad`
 * are the network's flat parameters and the aligned flat gradient.
 */
export interface Optimizer {
  readonly name: OptimizerName;
  /** Updates θ in place from ∇θ with learning rate η. */
  step(theta: FloatArray, grad: FloatArray, learningRate: number): void;
}

/** θ ← θ − η ∇θ (SPEC §4). */
export function sgd(): Optimizer {
  return {
    name: 'sgd',
    step(theta, grad, learningRate) {
      for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! - learningRate * grad[i]!;
    },
  };
}
