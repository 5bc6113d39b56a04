/**
 * @backprop/core: feedforward neural networks trained by backpropagation, as SPEC.md writes them.
 * Zero dependencies; the same numbers in Node and in browsers.
 * @packageDocumentation
 */

export { Network } from './network.js';
export type { Param, LayerInfo } from './network.js';
/** The total-parameter ceiling every network spec is checked against (2^28). */
export { MAX_PARAMETERS } from './spec.js';
export type { NetworkSpec, HiddenLayerSpec, OutputLayerSpec, ResolvedSpec, ResolvedLayer } from './spec.js';
export type { ForwardTrace } from './forward.js';
export type { Gradients } from './backward.js';
/** ∇θ over chosen rows of data validated once ({@link Network.rowGradient}): the per-step call of data-parallel training. */
export type { RowGradient } from './train/row-gradient.js';
/** Training: options, events, results (see Network.fit / train / steps). */
export type {
  FitOptions,
  FitResult,
  FitHistory,
  StopReason,
  TrainEvent,
  BatchEvent,
  EpochEvent,
  EndEvent,
  Progress,
  TrainCallbacks,
  CallbackReturn,
  EarlyStoppingOptions,
  OptionChange,
  AbortSignalLike,
  TrainingSession,
  SessionStatus,
  TrainingSteps,
  DivergenceCause,
  DivergenceStage,
} from './train/index.js';
/** Data: what `@backprop/datasets` returns ({@link Dataset}), and what every training call takes ({@link TrainingData}). */
export type { Dataset, ClassificationDataset, RegressionDataset, TrainingData, Inputs, Sample, TrainTargets } from './dataset.js';
/** Thrown (code `diverged`) when training meets a non-finite loss or gradient; says where and why. */
export { TrainingDivergedError } from './train/index.js';
export { acquireTraining } from './train/busy.js';
export { prepareTrainingData } from './train/prepare.js';
export type { PreparedTrainingData, PrepareTrainingDataOptions } from './train/prepare.js';
/** The model file's optional `training` key: a run's full state, for exact resume. */
export type { TrainingStateJSON, RunSettings, LastOptions } from './train/state.js';
export type { NetworkJSON, LayerJSON, OutputJSON } from './serialize.js';
/** The model file's optional `metadata`: a small flat record (the data set a model was trained on, …), validated. */
export { METADATA_LIMITS, isMetadataKey } from './metadata.js';
export type { ModelMetadata, MetadataValue } from './metadata.js';
export { MODEL_FORMAT, MODEL_VERSION } from './serialize.js';

export { Matrix } from './matrix.js';
export type { DType, FloatArray, Row } from './matrix.js';
export type { Targets } from './targets.js';

export { activations, activationNames, sigmoid, LEAKY_RELU_ALPHA } from './activations.js';
export type { Activation, ActivationName } from './activations.js';
export { outputNames } from './outputs.js';
export type { OutputName } from './outputs.js';
export { lossNames, naturalLoss } from './losses.js';
export type { LossName } from './losses.js';
export { initNames } from './init.js';
export type { InitName } from './init.js';
/** Optimizers (SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW) as small stateful objects. */
export { optimizerNames, optimizerDefaults, createOptimizer } from './optimizers.js';
export type { OptimizerName, OptimizerConfig, Optimizer, OptimizerState, Hyperparameters } from './optimizers.js';
/** Learning-rate schedules (constant, step, exponential, cosine with restarts, reduce-on-plateau). */
export { scheduleNames, monitorNames, createSchedule } from './schedules.js';
export type { ScheduleName, ScheduleConfig, Schedule, ScheduleState, Monitor } from './schedules.js';
/** L1 / L2 weight penalties (fit's `regularization`, and `loss` / `backward` / `evaluate`'s last argument). */
export type { Regularization, LayerRegularization, ResolvedRegularization } from './regularization.js';
/** Metrics: accuracy, confusion matrix, precision / recall / F1; MSE, MAE, RMSE, R². */
export { accuracy, confusionMatrix, classificationReport, regressionReport, mse, mae, rmse, r2 } from './metrics.js';
export type { Labels, ClassMetrics, ClassificationReport, RegressionReport, Evaluation, MultiLabelReport } from './metrics.js';
/** What the regression metrics (`mse`, `mae`, `rmse`, `r2`, `regressionReport`) accept as targets and predictions. */
export type { Values as RegressionValues } from './metrics.js';
/** Preprocessing saved with the model: scalers and class names. */
export { fitScaler, applyScaler, fitLabels, encodeLabels, scalerKinds } from './preprocessing.js';
export type { Scaler, ScalerKind, Preprocessing } from './preprocessing.js';
/** Kernel sets (STYLE §4): the loops behind every network, usable directly for raw products (the GEMM benchmark). */
export { backendNames, kernelsFor, ready } from './kernels/index.js';
export type { BackendName } from './kernels/index.js';
export type { Kernels } from './kernels/kernels.js';
export type { NetworkHandle } from './handle.js';

/**
 * Deterministic math: same bits in every JavaScript engine. `exp`, `expm1`, `log`, `log1p`, `tanh`, `sin`,
 * `cos` (fdlibm ports, < 1 ulp, Math.*'s special values) and `powi` (integer powers); the core uses them
 * wherever Math.* would be implementation-approximated, and so should seeded code built on it (datasets).
 * @example detMath.exp(1) // 2.718281828459045 in Node, Chromium, Firefox and Safari alike
 */
export * as detMath from './math.js';
export { createRng, epochOrder, shuffleInPlace } from './random.js';
export type { Rng } from './random.js';
export { BackpropError, ModelFormatError } from './errors.js';
export type { BackpropErrorCode } from './errors.js';
