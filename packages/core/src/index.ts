/**
 * @backprop/core: feedforward neural networks trained by backpropagation, as SPEC.md writes them.
 * Zero dependencies; the same numbers in Node and in browsers.
 * @packageDocumentation
 */

export { Network } from './network.js';
export type { Param, LayerInfo } from './network.js';
export type { NetworkSpec, HiddenLayerSpec, OutputLayerSpec, ResolvedSpec, ResolvedLayer } from './spec.js';
export type { ForwardTrace } from './forward.js';
export type { Gradients } from './backward.js';
export type { FitOptions, FitResult, EpochEvent, StopReason } from './train.js';
export type { NetworkJSON, LayerJSON, OutputJSON } from './serialize.js';
export { MODEL_FORMAT, MODEL_VERSION } from './serialize.js';

export { Matrix } from './matrix.js';
export type { DType, FloatArray } from './matrix.js';
export type { Targets } from './targets.js';

export { activations, activationNames, sigmoid, LEAKY_RELU_ALPHA } from './activations.js';
export type { Activation, ActivationName } from './activations.js';
export { outputNames } from './outputs.js';
export type { OutputName } from './outputs.js';
export { lossNames, naturalLoss } from './losses.js';
export type { LossName } from './losses.js';
export { initNames } from './init.js';
export type { InitName } from './init.js';
export { optimizerNames } from './optimizers.js';
export type { OptimizerName } from './optimizers.js';
export { backendNames } from './kernels/index.js';
export type { BackendName } from './kernels/index.js';

export { createRng, shuffleInPlace } from './random.js';
export type { Rng } from './random.js';
export { BackpropError, ModelFormatError } from './errors.js';
export type { BackpropErrorCode } from './errors.js';
