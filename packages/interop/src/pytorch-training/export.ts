import {
  BackpropError,
  type Inputs,
  MODEL_FORMAT,
  Matrix,
  Network,
  type NetworkJSON,
  type Regularization,
  type ScheduleConfig,
  type ScheduleName,
  type TrainTargets,
  type TrainingStateJSON,
  encodeLabels,
} from '@backprop/core';
import { checkOptions } from '../options.js';
import { type ParamSlot, paramLayout } from './layout.js';
import { SLOT_NAMES, resolveRegularization, resolveSchedule, torchOptimizer, torchScheduler } from './mapping.js';
import { TRAINING_FOLDER_FORMAT, type TrainingFolderJSON } from './folder.js';
import { folderReadme } from './readme.js';
import { type NamedTensor, writeNpy, writeSafetensors } from './tensors.js';
import { TRAIN_PY } from './train-py.js';

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
  /** The training rows as `fit` received them (raw: the stored scaler is applied by train.py), written as X.npy / Y.npy. */
  readonly data?: { readonly X: Inputs; readonly Y: TrainTargets };
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

/** X.npy (raw inputs, float64) and Y.npy (targets: N × n_L, or one class index per row), validated by the network itself. */
function dataFiles(net: Network, data: NonNullable<PytorchTrainingOptions['data']>, samples: number): { x: Uint8Array; y: Uint8Array } {
  checkOptions('options.data', data, ['X', 'Y']);
  net.loss(data.X as Matrix, data.Y as never); // the core's checks: shapes, finite values, class indices / names
  const X = data.X instanceof Matrix ? data.X : Matrix.from(data.X as number[][], 'float64');
  if (X.rows !== samples) fail('options.data.X', `the ${samples} training rows the run was trained on`, `${X.rows} rows`);
  let Y = data.Y as unknown;
  if (Array.isArray(Y) && typeof Y[0] === 'string') Y = Array.from(encodeLabels(net.preprocessing?.labels ?? [], Y as string[], 'options.data.Y'));
  const y = Y instanceof Matrix ? Y : ArrayBuffer.isView(Y) || !Array.isArray((Y as unknown[])[0]) ? Matrix.from(Array.from(Y as ArrayLike<number>, (c) => [c]), 'float64') : Matrix.from(Y as number[][], 'float64');
  return { x: writeNpy(X.data, X.rows, X.cols), y: writeNpy(y.data, y.rows, y.cols) };
}

/**
 * Exports a checkpoint (`net.checkpoint()`, or a network that has trained) as a self-contained folder that
 * continues the run in PyTorch: `model.safetensors`, `optimizer.safetensors`, `training.json`, `train.py`,
 * `README.md` and, with `options.data`, `X.npy` / `Y.npy`. Returns file name → bytes (nothing is written).
 * train.py takes the same batches, loss and update as the core, so k steps there equal k more steps here;
 * {@link fromPytorchTraining} brings the folder back. Early stopping and validation-monitored schedules are
 * not carried (train.py evaluates no validation set): they throw `invalid_option`.
 * @example const files = toPytorchTraining(net.checkpoint(), { epochs: 50, schedule: 'cosine', data: { X, Y } });
 *          for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
 */
export function toPytorchTraining(checkpoint: NetworkJSON | Network, options: PytorchTrainingOptions = {}): Record<string, Uint8Array> {
  checkOptions('options', options, ['epochs', 'schedule', 'regularization', 'clipValue', 'clipNorm', 'shuffle', 'data', 'columns', 'extra']);
  const json = checkpoint instanceof Network ? checkpoint.checkpoint() : checkpoint;
  const net = Network.fromJSON(json);
  const training = (json as NetworkJSON).training;
  if (!training) return fail('checkpoint.training', 'a checkpoint with a training state (net.checkpoint() after fit)', 'none');
  if (training.earlyStopping !== null) fail('checkpoint.training.earlyStopping', 'a run without early stopping (train.py evaluates no validation set)', 'early stopping on');
  const positive = (key: 'clipValue' | 'clipNorm', v: unknown): number | null => {
    if (v === undefined) return null;
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new BackpropError('invalid_option', `options.${key}`, 'a finite number > 0', String(v));
    return v;
  };
  const epochs = options.epochs ?? training.epoch + 1;
  if (!Number.isInteger(epochs) || epochs < 1) throw new BackpropError('invalid_option', 'options.epochs', 'an integer ≥ 1', String(options.epochs));
  if (options.shuffle !== undefined && typeof options.shuffle !== 'boolean') throw new BackpropError('invalid_option', 'options.shuffle', 'a boolean', String(options.shuffle));
  const schedule = resolveSchedule(options.schedule, options.epochs);
  // A run with a validation set: plateau's default monitor there was val-loss, which train.py does not evaluate.
  const plateau = options.schedule as { monitor?: unknown } | undefined;
  if (schedule.name === 'plateau' && training.history.valLoss.length > 0 && (typeof plateau !== 'object' || plateau.monitor === undefined)) {
    throw new BackpropError('invalid_option', 'options.schedule.monitor', "'loss' or 'accuracy', given explicitly (this run had a validation set: its plateau watched val-loss)", 'none');
  }
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
    const { x, y } = dataFiles(net, options.data, training.samples);
    files['X.npy'] = x;
    files['Y.npy'] = y;
  }
  return files;
}
