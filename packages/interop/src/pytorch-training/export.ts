import {
  BackpropError,
  type EarlyStoppingOptions,
  type Inputs,
  MODEL_FORMAT,
  Matrix,
  Network,
  type NetworkJSON,
  type Regularization,
  type ScheduleConfig,
  type ScheduleName,
  type TrainTargets,
  type TrainingData,
  type TrainingStateJSON,
  encodeLabels,
  monitorNames,
} from '@backprop/core';
import { checkOptions } from '../options.js';
import { type ParamSlot, paramLayout } from './layout.js';
import { SLOT_NAMES, resolveRegularization, resolveSchedule, torchOptimizer, torchScheduler } from './mapping.js';
import { TRAINING_FOLDER_FORMAT, type TrainingFolderJSON } from './folder.js';
import { folderReadme } from './readme.js';
import { type NamedTensor, writeNpy, writeSafetensors } from './tensors.js';
import { TRAIN_PY } from './train-py.js';
import { metadataEntries } from '../user-metadata.js';

/**
 * The fit options of the run being exported that a checkpoint does not store — give the ones you passed to
 * `fit` (they are what `fit(…, { resume: true })` would need again). Plus the data and what to carry along.
 */
export interface PytorchTrainingOptions {
  /** The epoch the run ends at (train.py's default `--epochs`; cosine's default period). Default: the current epoch + 1. */
  readonly epochs?: number;
  readonly schedule?: ScheduleName | ScheduleConfig;
  readonly regularization?: Regularization;
  readonly clipValue?: number;
  readonly clipNorm?: number;
  /** Reshuffle every epoch (default true, as fit). */
  readonly shuffle?: boolean;
  /**
   * The training rows as `fit` received them (raw: the stored scaler is applied by train.py), in any form fit
   * takes: a `Dataset` (`@backprop/datasets`), `{ X, y }` or `{ X, Y }`; written as X.npy / Y.npy.
   */
  readonly data?: TrainingData;
  /** The validation set (as fit's `validationData`, in the same forms), written as Xval.npy / Yval.npy: train.py evaluates it after every epoch. */
  readonly validationData?: TrainingData;
  /** Early stopping as passed to fit (defaults as fit's: monitor val-loss with a validation set, patience 10, best weights restored). */
  readonly earlyStopping?: boolean | EarlyStoppingOptions;
  /** CSV column names train.py's `--csv` reads (default x1 … xn and y1 … ym, or `label` for one class per row). */
  readonly columns?: { readonly inputs: readonly string[]; readonly targets: readonly string[] };
  /** JSON carried through training.json unchanged and handed back by {@link fromPytorchTraining} (the CLI keeps its run config here). */
  readonly extra?: unknown;
}

const fail = (argument: string, expected: string, actual: string): never => {
  throw new BackpropError('invalid_argument', argument, expected, actual);
};

/** The weights as nn.Sequential tensors, metadata as toSafetensors writes it plus the step count. */
function modelTensors(net: Network, layout: readonly ParamSlot[], iteration: number): Uint8Array {
  const flat = net.flat;
  const tensors: NamedTensor[] = layout.map((p) => ({ name: p.name, shape: p.shape, values: flat.subarray(p.offset, p.offset + p.size) }));
  const L = net.layers.length;
  const architecture = {
    inputs: net.inputs,
    layers: net.layers.slice(0, L - 1).map((l) => ({ units: l.units, activation: l.activation })),
    output: { units: net.outputs, fn: net.output, loss: net.lossName },
  };
  const metadata: Record<string, string> = { format: MODEL_FORMAT, architecture: JSON.stringify(architecture), iteration: String(iteration) };
  if (net.preprocessing) metadata.preprocessing = JSON.stringify(net.preprocessing);
  for (const [key, value] of metadataEntries(net.metadata, ['format', 'architecture', 'preprocessing', 'iteration'])) metadata[key] = value;
  return writeSafetensors(tensors, net.dtype, metadata);
}

/** The optimizer's buffers as torch.optim state: `0.weight.exp_avg`, … (none before the first step, or for plain SGD), F64. */
function optimizerTensors(state: TrainingStateJSON['optimizer'], layout: readonly ParamSlot[], iteration: number): Uint8Array {
  const tensors: NamedTensor[] = [];
  const plain = torchOptimizer(state.name, state.hyperparameters).kwargs.momentum === 0 && SLOT_NAMES[state.name][0]![1] === 'momentum_buffer';
  for (const [core, torch] of SLOT_NAMES[state.name]) {
    const values = state.slots[core] ?? [];
    if (values.length === 0 || plain) continue;
    for (const p of layout) tensors.push({ name: `${p.name}.${torch}`, shape: p.shape, values: values.slice(p.offset, p.offset + p.size) });
  }
  // F64 whatever the network's dtype: the core keeps its buffers in float64, so they round-trip exactly.
  return writeSafetensors(tensors, 'float64', { optimizer: state.name, iteration: String(iteration) });
}

/** Early stopping as the core resolves it (monitor default: val-loss with a validation set, else loss); null when off. */
function resolveEarlyStopping(value: PytorchTrainingOptions['earlyStopping'], hadValidation: boolean, hasValidation: boolean): TrainingFolderJSON['earlyStopping'] {
  if (value === undefined || value === false) return null;
  const e = value === true ? {} : value;
  checkOptions('options.earlyStopping', e, ['monitor', 'patience', 'minDelta', 'restoreBestWeights']);
  const monitor = e.monitor ?? (hadValidation ? 'val-loss' : 'loss');
  if (!monitorNames.includes(monitor)) throw new BackpropError('invalid_option', 'options.earlyStopping.monitor', `one of ${monitorNames.join(', ')}`, String(monitor));
  if (monitor.startsWith('val-') && !hasValidation) throw new BackpropError('invalid_option', 'options.validationData', `the validation set (early stopping watches ${monitor})`, 'none');
  const patience = e.patience ?? 10;
  const minDelta = e.minDelta ?? 0;
  if (!Number.isInteger(patience) || patience < 0) throw new BackpropError('invalid_option', 'options.earlyStopping.patience', 'an integer ≥ 0', String(patience));
  if (!(minDelta >= 0) || !Number.isFinite(minDelta)) throw new BackpropError('invalid_option', 'options.earlyStopping.minDelta', 'a finite number ≥ 0', String(minDelta));
  return { monitor, patience, minDelta, restoreBestWeights: e.restoreBestWeights ?? true };
}

// A Dataset's own keys (@backprop/datasets), besides X and its targets.
const DATASET_KEYS = ['task', 'name', 'classes', 'classNames', 'featureNames', 'targetNames'];

/** Rows and targets of data in any form fit takes: a Dataset (classes y, or targets Y), `{ X, y }` or `{ X, Y }`. */
function unpack(argument: string, data: unknown): { X: Inputs; Y: TrainTargets } {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || data instanceof Matrix || !('X' in data)) {
    fail(argument, 'data as fit takes it: a Dataset, { X, y } or { X, Y }', data === null ? 'null' : Array.isArray(data) || data instanceof Matrix ? 'inputs without targets' : typeof data);
  }
  const d = data as Record<string, unknown>;
  checkOptions(argument, d, ['X', 'Y', 'y', ...(d.task === undefined ? [] : DATASET_KEYS)]);
  if ((d.Y === undefined) === (d.y === undefined)) fail(`${argument}.Y`, 'targets as either y (class indices) or Y, exactly one', d.Y === undefined ? 'neither' : 'both');
  return { X: d.X as Inputs, Y: (d.Y ?? d.y) as TrainTargets };
}

/** X.npy (raw inputs, float64) and Y.npy (targets: N × n_L, or one class index per row), validated by the network itself. */
function dataFiles(net: Network, argument: string, given: TrainingData, samples?: number): { x: Uint8Array; y: Uint8Array } {
  const data = unpack(argument, given);
  net.loss(data.X as Matrix, data.Y as never); // the core's checks: shapes, finite values, class indices / names
  const X = data.X instanceof Matrix ? data.X : Matrix.from(data.X as number[][], 'float64');
  if (samples !== undefined && X.rows !== samples) fail(`${argument}.X`, `the ${samples} training rows the run was trained on`, `${X.rows} rows`);
  let Y = data.Y as unknown;
  if (Array.isArray(Y) && typeof Y[0] === 'string') Y = Array.from(encodeLabels(net.preprocessing?.labels ?? [], Y as string[], `${argument}.Y`));
  const y = Y instanceof Matrix ? Y : ArrayBuffer.isView(Y) || !Array.isArray((Y as unknown[])[0]) ? Matrix.from(Array.from(Y as ArrayLike<number>, (c) => [c]), 'float64') : Matrix.from(Y as number[][], 'float64');
  return { x: writeNpy(X.data, X.rows, X.cols), y: writeNpy(y.data, y.rows, y.cols) };
}

/**
 * Exports a checkpoint (`net.checkpoint()`, or a network that has trained) as a self-contained folder that
 * continues the run in PyTorch: `model.safetensors`, `optimizer.safetensors`, `training.json`, `train.py`,
 * `README.md` and, with `options.data`, `X.npy` / `Y.npy`. Returns file name → bytes (nothing is written).
 * train.py takes the same batches, loss and update as the core, so k steps there equal k more steps here;
 * {@link fromPytorchTraining} brings the folder back. With `validationData`, train.py evaluates it after every epoch
 * (history, early stopping, reduce-on-plateau on val-loss); a monitor on a validation set not given throws `invalid_option`.
 * @example const files = toPytorchTraining(net.checkpoint(), { epochs: 50, schedule: 'cosine', data: { X, Y } });
 *          for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
 * @prelude net.fit(X, y, { epochs: 1 }); const dir = mkdtempSync('run-');
 */
export function toPytorchTraining(checkpoint: NetworkJSON | Network, options: PytorchTrainingOptions = {}): Record<string, Uint8Array> {
  checkOptions('options', options, ['epochs', 'schedule', 'regularization', 'clipValue', 'clipNorm', 'shuffle', 'data', 'validationData', 'earlyStopping', 'columns', 'extra']);
  const json = checkpoint instanceof Network ? checkpoint.checkpoint() : checkpoint;
  const net = Network.fromJSON(json);
  const training = (json as NetworkJSON).training;
  if (!training) return fail('checkpoint.training', 'a checkpoint with a training state (net.checkpoint() after fit)', 'none');
  // The run had a validation set when its history has validation losses: the core's monitors then default to val-loss.
  const hadValidation = training.history.valLoss.length > 0 || options.validationData !== undefined;
  const earlyStopping = resolveEarlyStopping(options.earlyStopping, hadValidation, options.validationData !== undefined);
  if ((training.earlyStopping === null) !== (earlyStopping === null)) {
    throw new BackpropError('invalid_option', 'options.earlyStopping', `the run's setting (early stopping ${training.earlyStopping ? 'on' : 'off'})`, earlyStopping ? 'on' : 'off');
  }
  const positive = (key: 'clipValue' | 'clipNorm', v: unknown): number | null => {
    if (v === undefined) return null;
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new BackpropError('invalid_option', `options.${key}`, 'a finite number > 0', String(v));
    return v;
  };
  const epochs = options.epochs ?? training.epoch + 1;
  if (!Number.isInteger(epochs) || epochs < 1) throw new BackpropError('invalid_option', 'options.epochs', 'an integer ≥ 1', String(options.epochs));
  if (options.shuffle !== undefined && typeof options.shuffle !== 'boolean') throw new BackpropError('invalid_option', 'options.shuffle', 'a boolean', String(options.shuffle));
  if (training.classWeight) fail('checkpoint.training.classWeight', 'a run without class weights (train.py does not weight the loss)', 'class weights');
  if (training.sampleWeight) fail('checkpoint.training.sampleWeight', 'a run without sample weights (train.py does not weight the loss)', 'sample weights');
  // The run's own settings (saved since continuing fits keep them; cosine's period pinned) win over the option.
  const schedule = resolveSchedule(training.settings?.schedule ?? options.schedule, options.epochs, earlyStopping?.monitor ?? (hadValidation ? 'val-loss' : 'loss'), options.validationData !== undefined);
  if (schedule.name !== training.schedule.name) throw new BackpropError('invalid_option', 'options.schedule', `the run's schedule '${training.schedule.name}'`, schedule.name);
  const layout = paramLayout(net);
  const L = net.layers.length;
  const classes = net.output === 'logistic' && net.outputs === 1 ? 1 : net.outputs;
  const columns = options.columns ?? {
    inputs: Array.from({ length: net.inputs }, (_, i) => `x${i + 1}`),
    targets: net.output === 'softmax' || net.preprocessing?.labels ? ['label'] : Array.from({ length: classes }, (_, i) => `y${i + 1}`),
  };
  const { slots: _slots, ...optimizer } = training.optimizer;
  const folder: TrainingFolderJSON = {
    format: TRAINING_FOLDER_FORMAT,
    version: 1,
    architecture: {
      inputs: net.inputs,
      dtype: net.dtype,
      layers: net.layers.slice(0, L - 1).map((l) => ({ units: l.units, activation: l.activation })),
      output: { units: net.outputs, fn: net.output, loss: net.lossName },
    },
    seed: json.seed,
    preprocessing: json.preprocessing ?? null,
    epochs,
    schedule: { config: schedule, state: training.schedule, torch: torchScheduler(schedule, training.epoch, training.schedule) },
    regularization: resolveRegularization(options.regularization, L) ?? null,
    clipValue: positive('clipValue', options.clipValue),
    clipNorm: positive('clipNorm', options.clipNorm),
    shuffle: options.shuffle ?? true,
    data: options.data ? { x: 'X.npy', y: 'Y.npy' } : null,
    validation: options.validationData ? { x: 'Xval.npy', y: 'Yval.npy' } : null,
    earlyStopping,
    columns,
    training: { ...training, optimizer: { ...optimizer, torch: torchOptimizer(training.optimizer.name, training.optimizer.hyperparameters) } },
    ...(options.extra !== undefined ? { extra: options.extra } : {}),
  };
  const text = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    'model.safetensors': modelTensors(net, layout, training.iteration),
    'optimizer.safetensors': optimizerTensors(training.optimizer, layout, training.iteration),
    'training.json': text.encode(`${JSON.stringify(folder, null, 1)}\n`),
    'train.py': text.encode(TRAIN_PY),
    'README.md': text.encode(folderReadme(folder)),
  };
  if (options.data) {
    const { x, y } = dataFiles(net, 'options.data', options.data, training.samples);
    files['X.npy'] = x;
    files['Y.npy'] = y;
  }
  if (options.validationData) {
    const { x, y } = dataFiles(net, 'options.validationData', options.validationData);
    files['Xval.npy'] = x;
    files['Yval.npy'] = y;
  }
  return files;
}
