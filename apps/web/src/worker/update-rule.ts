import { createOptimizer, type Optimizer, type OptimizerName } from '@backprop/core';

// The update θ ← step(θ, ∇θ, η) is the core's optimizer. Settings change live: a new momentum keeps
// the velocity buffers (setHyperparameters); only a different optimizer starts fresh buffers.

/** Creates the core optimizer for a name; `momentum` applies to momentum and Nesterov. */
export function createUpdateRule(name: OptimizerName, momentum: number): Optimizer {
  return createOptimizer(name === 'momentum' || name === 'nesterov' ? { name, momentum } : { name });
}

/** Applies new settings to a running optimizer: same name → hyperparameters only, else a new one. */
export function retune(current: Optimizer, name: OptimizerName, momentum: number): Optimizer {
  if (current.name !== name) return createUpdateRule(name, momentum);
  if ((name === 'momentum' || name === 'nesterov') && current.hyperparameters.momentum !== momentum) current.setHyperparameters({ momentum });
  return current;
}
