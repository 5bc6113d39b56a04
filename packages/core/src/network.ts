import { type Gradients, backwardPass } from './backward.js';
import { BackpropError, describe } from './errors.js';
import { type ForwardTrace, forwardPass } from './forward.js';
import { initWeights } from './init.js';
import { type BackendName, networkKernels } from './kernels/index.js';
import { type LossName, lossValue } from './losses.js';
import { type DType, type FloatArray, Matrix, allocate } from './matrix.js';
import type { OutputName } from './outputs.js';
import type { LayerInfo, Param } from './network-types.js';
import { checkSingleLabel, layersOf, probabilitiesByName, summaryText } from './readout.js';
import { createRng } from './random.js';
import { type NetworkSpec, type ResolvedSpec, resolveSpec } from './spec.js';
import type { Targets } from './targets.js';
import { type NetworkJSON, decodeNetwork, encodeNetwork } from './serialize.js';
import { type Evaluation, type MultiLabelReport, multiLabelReport, thresholdLabels } from './metrics.js';
import { evaluateNetwork } from './evaluate.js';
import { type Preprocessing, attachPreprocessing, checkPreprocessing, classCount, prepareInput, prepareTargets, preprocessingOf } from './preprocessing.js';
import { type Regularization, addPenaltyGradient, penaltyValue, resolveRegularization } from './regularization.js';
import type { Inputs, Sample, TrainTargets, TrainingData } from './dataset.js';
import {
  type FitOptions, type FitResult, type TrainingSession, type TrainingSteps, classesOf, fitNetwork,
  setTrainingState, splitTrainArgs as splitArgs, startSession, trainingStateOf, trainingSteps,
} from './train/index.js';
import { gradientInto } from './train/gradient.js';
import { type RowGradient, createRowGradient } from './train/row-gradient.js';
import { createWorkspace } from './workspace.js';
import { type ModelMetadata, attachMetadata, checkMetadata, metadataOf } from './metadata.js';
import { checkForwardFinite } from './finite.js';
import { type NetworkInternals, attachInternals, disposedError, internalsOf, parameterCount, releaseInternals, viewsOf } from './internals.js';

export type { NetworkInternals } from './internals.js';

export type { Param, LayerInfo } from './network-types.js';

let construct: (spec: ResolvedSpec, flat: FloatArray) => Network;

/** Builds a network around given parameter values (used by the serializer and clone; not exported from the package). */
export function networkFromParameters(spec: ResolvedSpec, values: ArrayLike<number>): Network {
  const flat = networkKernels(spec.backend, spec.dtype).allocate(parameterCount(spec), spec.dtype);
  flat.set(values);
  return construct(spec, flat);
}

/**
 * A feedforward network exactly as SPEC.md: L − 1 hidden layers with activations g_k, an output
 * function O and a loss. Parameters live in one flat typed array ({@link Network.flat}) with named
 * views ({@link Network.parameters}).
 */
export class Network {
  readonly #flat: FloatArray;
  readonly #spec: ResolvedSpec;
  readonly #params: readonly Param[];
  #disposed = false;

  private constructor(spec: ResolvedSpec, flat: FloatArray) {
    this.#spec = spec;
    this.#flat = flat;
    const { W, b } = attachInternals(this, spec, flat, networkKernels(spec.backend, spec.dtype)).model;
    this.#params = [
      ...W.map((m, i) => ({ name: `W${i + 1}` as const, layer: i + 1, kind: 'W' as const, shape: [m.rows, m.cols] as const, values: m.data })),
      ...b.map((v, i) => ({ name: `b${i + 1}` as const, layer: i + 1, kind: 'b' as const, shape: [v.length, 1] as const, values: v })),
    ];
  }

  /** The internals, or the typed `disposed` error naming `call`. */
  #use(call: string): NetworkInternals {
    if (this.#disposed) throw disposedError(`net.${call}`);
    return internalsOf(this);
  }

  /** All parameters θ = [W_1 … W_L, b_1 … b_L] in one array (row-major W). Writable: optimizers and gradcheck write here. */
  get flat(): FloatArray {
    this.#use('flat');
    return this.#flat;
  }

  /** True once {@link Network.dispose} has run. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /**
   * Gives the network's memory back (θ, gradients and workspaces in the WebAssembly kernels' memory) so
   * later networks reuse it; call it when done with a network (the web playground on reset, a trainer
   * per fit). Idempotent. Afterwards every method and `flat` throw `BackpropError` (code `disposed`);
   * views obtained before (`flat`, {@link Network.parameters} values) are stale: they may alias another
   * network's weights, so drop them (copy first, or `clone()`, to keep the numbers). A network that is
   * only garbage-collected frees its gradients and workspaces but not θ, since such views may outlive it.
   * The `reference` and `blocked` backends hold ordinary arrays: dispose only marks the network.
   * @example const net = Network.create(spec); net.fit(X, y); const saved = net.toJSON(); net.dispose();
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    releaseInternals(this);
  }

  /**
   * Creates a network with seeded initial weights (biases zero). Same spec and seed → same weights,
   * in Node and browsers. Throws `BackpropError` naming the bad field of `spec`.
   * @example Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 1, fn: 'logistic' }, seed: 7 })
   */
  static create(spec: NetworkSpec): Network {
    const resolved = resolveSpec(spec);
    const flat = networkKernels(resolved.backend, resolved.dtype).allocate(parameterCount(resolved), resolved.dtype);
    const rng = createRng(resolved.seed);
    const { W } = viewsOf(resolved, flat);
    resolved.layers.forEach((l, i) => {
      initWeights(W[i]!.data, l.fanIn, l.units, l.init, rng);
    });
    return new Network(resolved, flat);
  }

  static {
    construct = (spec, flat) => new Network(spec, flat);
  }

  /**
   * Loads a saved model (a {@link NetworkJSON} object or its JSON text), validating every field.
   * Throws `ModelFormatError` naming the JSON path of the first bad field.
   */
  static fromJSON(json: string | NetworkJSON): Network {
    const { spec, values, preprocessing, training, metadata } = decodeNetwork(json);
    const net = networkFromParameters(spec, values);
    attachPreprocessing(net, preprocessing); attachMetadata(net, metadata);
    if (training) setTrainingState(net, () => training);
    return net;
  }

  /** The model as versioned JSON (`JSON.stringify(net)` uses this), preprocessing included. Loading it back is exact. */
  toJSON(): NetworkJSON {
    this.#use('toJSON');
    return encodeNetwork(this.#spec, this.#flat, { preprocessing: preprocessingOf(this), metadata: metadataOf(this) });
  }

  /**
   * The model plus its training state (optimizer buffers, RNG state, epoch, position, history): load
   * it with {@link Network.fromJSON} and `fit(…, { resume: true })` continues on exactly the same
   * trajectory. Without a training state (never trained) it equals {@link Network.toJSON}.
   */
  checkpoint(): NetworkJSON {
    this.#use('checkpoint');
    return encodeNetwork(this.#spec, this.#flat, { preprocessing: preprocessingOf(this), training: trainingStateOf(this), metadata: metadataOf(this) });
  }

  /**
   * Trains synchronously to the end (mini-batch gradient descent, SPEC §4, and its refinements) and
   * says why it stopped. Throws `BackpropError` (`invalid_option` …) before training for bad options,
   * `TrainingDivergedError` (code `diverged`) if the loss or gradient becomes non-finite.
   * @example net.fit(X, labels, { epochs: 200, batchSize: 4, learningRate: 0.5 })
   * @example net.fit({ X, Y: labels }, { optimizer: 'adam', validationSplit: 0.2, earlyStopping: true })
   */
  fit(X: Inputs, Y: TrainTargets, options?: FitOptions): FitResult;
  fit(data: TrainingData, options?: FitOptions): FitResult;
  fit(a: Inputs | TrainingData, b?: TrainTargets | FitOptions, c?: FitOptions): FitResult {
    const [data, o] = splitArgs(this, a, b, c);
    return fitNetwork(this, this.#use('fit'), data, o);
  }

  /**
   * Trains in the background of the event loop, yielding to it so a UI never freezes: the session is
   * an async iterable of {@link TrainEvent}s with pause / resume / stop / setLearningRate and a
   * `result` promise. Options are validated now (bad ones throw synchronously).
   * @example for await (const e of net.train(X, y, { epochs: 20 })) if (e.type === 'epoch') console.log(e.loss);
   */
  train(X: Inputs, Y: TrainTargets, options?: FitOptions): TrainingSession;
  train(data: TrainingData, options?: FitOptions): TrainingSession;
  train(a: Inputs | TrainingData, b?: TrainTargets | FitOptions, c?: FitOptions): TrainingSession {
    const [data, o] = splitArgs(this, a, b, c, 'train');
    return startSession(this, this.#use('train'), data, o);
  }

  /**
   * Training as a synchronous step function: each `next()` of the returned iterator performs one
   * update step and returns its event. For drivers that schedule steps themselves (a worker, a TUI).
   */
  steps(X: Inputs, Y: TrainTargets, options?: FitOptions): TrainingSteps;
  steps(data: TrainingData, options?: FitOptions): TrainingSteps;
  steps(a: Inputs | TrainingData, b?: TrainTargets | FitOptions, c?: FitOptions): TrainingSteps {
    const [data, o] = splitArgs(this, a, b, c, 'steps');
    return trainingSteps(this, this.#use('steps'), data, o);
  }

  /**
   * Loss and the task's metrics on a dataset: accuracy, confusion matrix and per-class precision /
   * recall / F1 for classifiers (softmax, single logistic output); per-label scores for several logistic
   * outputs (`multiLabel`); MSE, MAE, RMSE and R² for linear outputs.
   */
  evaluate(X: Inputs, Y: TrainTargets, regularization?: Regularization): Evaluation;
  evaluate(data: TrainingData, regularization?: Regularization): Evaluation;
  evaluate(a: Inputs | TrainingData, b?: TrainTargets | Regularization, c?: Regularization): Evaluation {
    return evaluateNetwork(this, a, b, c);
  }

  /**
   * Attaches preprocessing fitted on training data (see {@link fitScaler}, {@link fitLabels}); from then
   * on every method takes raw inputs (and class names as targets), and it is saved with the model.
   * Pass undefined to remove it.
   * @example net.setPreprocessing({ input: fitScaler(Xtrain), labels: ['cat', 'dog'] })
   */
  setPreprocessing(preprocessing: Preprocessing | undefined): this {
    const p = preprocessing === undefined ? undefined : checkPreprocessing(preprocessing, this.inputs, classCount(this), 'preprocessing');
    attachPreprocessing(this, p);
    return this;
  }

  /** The attached preprocessing (undefined when inputs go straight in). */
  get preprocessing(): Preprocessing | undefined {
    return preprocessingOf(this);
  }

  /** Sets the {@link ModelMetadata} saved with the model (undefined removes it); a bad key or value throws `BackpropError` naming it. */
  setMetadata(metadata: ModelMetadata | undefined): this {
    attachMetadata(this, metadata === undefined ? undefined : checkMetadata(metadata, 'metadata'));
    return this;
  }
  /** The {@link ModelMetadata} saved with the model (frozen; undefined when none): `net.setMetadata({ dataset: 'iris.csv' }).metadata?.dataset`. */
  get metadata(): ModelMetadata | undefined {
    return metadataOf(this);
  }

  /** The validated spec with every default filled in. */
  get spec(): ResolvedSpec {
    return this.#spec;
  }
  /** n0, the input width. */
  get inputs(): number {
    return this.#spec.inputs;
  }
  /** n_L, the output width. */
  get outputs(): number {
    return this.#spec.layers[this.#spec.layers.length - 1]!.units;
  }
  /** Element type of parameters and activations. */
  get dtype(): DType {
    return this.#spec.dtype;
  }
  /** The output function O. */
  get output(): OutputName {
    return this.#spec.output;
  }
  /** The loss. */
  get lossName(): LossName {
    return this.#spec.loss;
  }
  /** The kernel set running this network: `spec.backend` resolved, but `blocked` for float64 on the WebAssembly sets (float32 only). */
  get backend(): BackendName {
    return internalsOf(this).model.kernels.name as BackendName;
  }
  /** Layers 1 … L with widths, activations and parameter counts. */
  get layers(): readonly LayerInfo[] {
    return layersOf(this.#spec);
  }

  /** Every parameter tensor as a named live view: W1 … WL, then b1 … bL. */
  parameters(): readonly Param[] {
    this.#use('parameters');
    return this.#params;
  }

  /**
   * The forward pass (SPEC §1): every a_k, h_k and ŷ for a batch X (N × n0, one sample per row). The
   * trace owns fresh buffers, so it stays valid after later calls.
   */
  forward(X: Inputs | Sample): ForwardTrace {
    const x = prepareInput(this, 'X', X);
    const ws = createWorkspace(this.inputs, this.#spec.layers, x.rows, this.dtype, allocate);
    ws.h[0] = x;
    return forwardPass(this.#use('forward').model, ws);
  }

  /**
   * The forward pass in the cached workspace for N rows: valid only until the next call (predict, loss).
   * With `check`, a non-finite ŷ is a typed `non_finite` error naming the row and layer (predict, classify,
   * evaluate); `loss` returns NaN instead, the signal gradcheck and hand-written loops watch for.
   */
  #forwardReused(x: Matrix, call: string, check = true): ForwardTrace {
    const inner = this.#use(call);
    const ws = inner.workspace(x.rows);
    ws.h[0]!.data.set(x.data);
    const trace = forwardPass(inner.model, ws);
    if (check) checkForwardFinite(trace);
    return trace;
  }

  /**
   * The backward pass (SPEC §2, §3) for a trace of this network and targets Y (an N × n_L matrix, or
   * N class indices). Returns every ∇a_k, ∇h_k, ∇W_k, ∇b_k and ∇X in fresh buffers. With
   * `regularization`, ∇W_k includes the penalty's gradient (the objective of {@link Network.loss} with it).
   * ∇X is with respect to the network's input, after any preprocessing.
   */
  backward(trace: ForwardTrace, Y: Targets | readonly string[], regularization?: Regularization): Gradients {
    const { model } = this.#use('backward');
    const L = this.#spec.layers.length;
    if (!trace || !Array.isArray(trace.a) || trace.a.length !== L || !(trace.yHat instanceof Matrix)) {
      throw new BackpropError('invalid_argument', 'trace', `a ForwardTrace of this network (${L} layers)`, describe(trace));
    }
    const N = trace.yHat.rows;
    trace.a.forEach((m, i) => {
      if (m.rows !== N || m.cols !== this.#spec.layers[i]!.units) {
        throw new BackpropError('shape_mismatch', `trace.a[${i}]`, `${N} × ${this.#spec.layers[i]!.units}`, `${m.rows} × ${m.cols}`);
      }
    });
    const reg = resolveRegularization(regularization, L, 'regularization');
    const target = prepareTargets(this, 'Y', Y, N);
    const ws = createWorkspace(this.inputs, this.#spec.layers, N, this.dtype, allocate);
    const flat = allocate(this.#flat.length, this.dtype);
    const views = viewsOf(this.#spec, flat);
    backwardPass(model, trace, target, ws, { flat, W: views.W, b: views.b }, true);
    if (reg) addPenaltyGradient(model.W.map((w) => w.data), views.W.map((w) => w.data), reg);
    return { gradA: ws.gradA, gradH: ws.gradH, gradW: views.W, gradB: views.b, gradInput: ws.gradH[0]!, flat };
  }

  /** ∇θ of the mean loss over X's rows × `scale` into `out` (θ's flat order), θ unchanged; returns that loss. No allocation once warm
   * for matrix X, Y (N × n_L). Data parallelism: shards of a batch with scale = rows / batch rows sum to the batch gradient. */
  gradient(X: Matrix, Y: Targets, out: FloatArray, scale = 1): number {
    const inner = this.#use('gradient');
    const x = prepareInput(this, 'X', X);
    if (out.length !== this.#flat.length) throw new BackpropError('shape_mismatch', 'out', `${this.#flat.length} entries`, `${out.length}`);
    return gradientInto(inner, x, prepareTargets(this, 'Y', Y, x.rows), out, scale);
  }

  /**
   * {@link Network.gradient} over chosen rows of data validated once: `compute(rows, out, scale)` gathers
   * the rows straight into the workspace (for data-parallel training and hand-written loops; see {@link RowGradient}).
   * @example const g = net.rowGradient(X, labels); const loss = g.compute([0, 3, 5], out, 0.5);
   * @prelude const out = new Float32Array(net.flat.length);
   */
  rowGradient(X: Inputs, Y: TrainTargets): RowGradient {
    return createRowGradient(this, (call) => this.#use(call), X, Y);
  }

  /**
   * The mean loss over the batch (SPEC §1: sum over outputs, mean over samples, no ½), plus the
   * penalty Ω(θ) when `regularization` is given (see {@link Regularization}).
   * @example net.loss(X, y, { l2: 1e-3 })   // the objective fit minimises with regularization { l2: 1e-3 }
   */
  loss(X: Inputs, Y: Targets | readonly string[], regularization?: Regularization): number {
    const reg = resolveRegularization(regularization, this.#spec.layers.length, 'regularization');
    const trace = this.#forwardReused(prepareInput(this, 'X', X), 'loss', false);
    const target = prepareTargets(this, 'Y', Y, trace.yHat.rows);
    const penalty = reg ? penaltyValue(internalsOf(this).model.W.map((w) => w.data), reg) : 0;
    return lossValue(this.output, this.lossName, trace.a[trace.a.length - 1]!, trace.yHat, target) + penalty;
  }

  /** ŷ for a batch, or one sample given flat (`[6.1, 2.8, 4.7, 1.2]`, a Float32Array): N × n_L (class probabilities for softmax / logistic outputs). */
  predict(X: Inputs | Sample): Matrix {
    return this.#forwardReused(prepareInput(this, 'X', X), 'predict').yHat.clone();
  }

  /** The most probable class of each row (argmax of ŷ; for a single logistic output, ŷ ≥ 0.5); only for classifiers. */
  classify(X: Inputs | Sample): Int32Array {
    checkSingleLabel(this, 'classify');
    return classesOf(this.#forwardReused(prepareInput(this, 'X', X), 'classify').yHat);
  }

  /** The class name of each row's most probable class (needs `labels` preprocessing). */
  classifyLabels(X: Inputs | Sample): string[] {
    const labels = preprocessingOf(this)?.labels;
    if (!labels) throw new BackpropError('invalid_argument', 'preprocessing.labels', 'class names (setPreprocessing({ labels }))', 'none');
    return Array.from(this.classify(X), (c) => labels[c]!);
  }

  /**
   * Class probabilities by class name, one record per row (scikit-learn's `predict_proba`, keyed): names from
   * the `labels` preprocessing (a Dataset's `classNames` after fit), else "0", "1", ….
   * @example net.setPreprocessing({ labels: ['cat', 'dog'] }).predictProba([0.9, 0.1])[0]   // { cat: 0.07, dog: 0.93 }
   */
  predictProba(X: Inputs | Sample): Record<string, number>[] {
    return probabilitiesByName(this, this.predict(X));
  }

  /** Multi-label classification (logistic outputs): per row, label j is on (1) when ŷ_j ≥ `threshold` (default 0.5). */
  classifyMultiLabel(X: Inputs | Sample, threshold = 0.5): Uint8Array[] {
    if (this.output !== 'logistic') throw new BackpropError('invalid_argument', 'net.output', "'logistic' outputs (one yes / no per label)", `'${this.output}'`);
    return thresholdLabels(this.predict(X), threshold);
  }

  /** Per-label precision / recall / F1, subset accuracy and Hamming loss of {@link Network.classifyMultiLabel} against 0 / 1 targets. */
  evaluateMultiLabel(X: Inputs | Sample, Y: Targets, threshold = 0.5): MultiLabelReport {
    const predicted = this.classifyMultiLabel(X, threshold);
    return multiLabelReport(prepareTargets(this, 'Y', Y, predicted.length), predicted, threshold);
  }

  /** A printable table (Keras's `model.summary()`): layers, W / b shapes, parameters, functions, dtype, backend. */
  summary(): string {
    this.#use('summary');
    return summaryText(this, this.backend);
  }

  /** A deep copy, optionally in another dtype (gradcheck checks a float32 network on a float64 copy). */
  clone(options: { readonly dtype?: DType } = {}): Network {
    const dtype = options.dtype ?? this.dtype;
    if (dtype !== 'float32' && dtype !== 'float64') throw new BackpropError('invalid_argument', 'options.dtype', "'float32' or 'float64'", describe(dtype));
    this.#use('clone');
    const copy = networkFromParameters({ ...this.#spec, dtype }, this.#flat);
    attachPreprocessing(copy, preprocessingOf(this)); attachMetadata(copy, metadataOf(this));
    return copy;
  }
}
