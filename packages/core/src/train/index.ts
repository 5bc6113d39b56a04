// The training loop, split by concept: options (validation, defaults), data (split, batches), step (one
// update), divergence (the typed error), run (the step function), fit (sync drivers), session (async).
export { fitNetwork, splitTrainArgs, trainingSteps, type TrainingSteps } from './fit.js';
export { startSession, type TrainingSession, type SessionStatus } from './session.js';
export { TrainingDivergedError, type DivergenceCause, type DivergenceStage } from './divergence.js';
export { evaluateSet, taskOf, classesOf } from './data.js';
export { type TrainingStateJSON, setTrainingState, trainingStateOf } from './state.js';
export type * from './types.js';
