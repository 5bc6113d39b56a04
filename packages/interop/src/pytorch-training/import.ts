import {
  BackpropError,
  type BackpropErrorCode,
  type FitOptions,
  Network,
  type NetworkJSON,
  type TrainingStateJSON,
  createOptimizer,
} from '@backprop/core';
import { brandErrorClass, isBranded } from '../brand.js';
import { fromSafetensors } from '../safetensors.js';
import { TRAINING_FOLDER_FORMAT, type TrainingFolderJSON } from './folder.js';
import { paramLayout } from './layout.js';
import { ALL_TORCH_SLOTS, SLOT_NAMES } from './mapping.js';
import { readSafetensors } from './tensors.js';
import { asBytes, type Bytes } from '../bytes.js';

/**
 * An exported training folder that cannot come back: a missing file, training.json that is not one of ours,
 * optimizer state of another optimizer or of the wrong shape, files from different steps. `argument` names the
 * file and the field. Tensor-level problems (NaN, bad offsets) are the loaders' {@link SafetensorsError}.
 */
export class TrainingFolderError extends BackpropError {
  static {
    brandErrorClass(TrainingFolderError, 'TrainingFolderError');
  }

  /** True for errors of this class from any copy of `@backprop/interop` loaded in the program. */
  static override [Symbol.hasInstance]<T>(this: abstract new (...args: never) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class instanceof was asked about (a subclass too)
    return isBranded(this, value);
  }

  override readonly name: string = 'TrainingFolderError';
}

const fail = (code: BackpropErrorCode, argument: string, expected: string, actual: string): never => {
  throw new TrainingFolderError(code, argument, expected, actual);
};

/** What {@link fromPytorchTraining} gives back. */
export interface ImportedTraining {
  /** A checkpoint (`Network.fromJSON(checkpoint)` then `fit(…, { resume: true })` continues where PyTorch stopped). */
  readonly checkpoint: NetworkJSON;
  /** The run's options that the checkpoint does not store: pass them to `fit` with `resume: true` (plus the data and any validationData). */
  readonly fitOptions: Pick<FitOptions, 'epochs' | 'batchSize' | 'schedule' | 'regularization' | 'clipValue' | 'clipNorm' | 'shuffle' | 'earlyStopping'>;
  /** The epoch the run ends at (training.json's `epochs`; train.py's `--epochs` moves it), counted from the run's start. */
  readonly endEpoch: number;
  /** What `toPytorchTraining`'s `extra` carried, unchanged. */
  readonly extra: unknown;
}

const SQUARES: readonly string[] = ['sum', 'square_avg', 'exp_avg_sq'];

const REQUIRED = ['training.json', 'model.safetensors', 'optimizer.safetensors'] as const;

function readFolderJSON(bytes: Uint8Array): TrainingFolderJSON {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    fail('corrupt_model', 'training.json', 'UTF-8 JSON text (NaN and Infinity are not JSON)', `a parse error (${(e as Error).message})`);
  }
  const o = json as Partial<TrainingFolderJSON> | null;
  if (typeof o !== 'object' || o === null || o.format !== TRAINING_FOLDER_FORMAT) fail('corrupt_model', 'training.json.format', `'${TRAINING_FOLDER_FORMAT}'`, JSON.stringify(o?.format ?? null));
  if (o!.version !== 1) fail('unsupported_version', 'training.json.version', '1', JSON.stringify(o!.version));
  for (const key of ['architecture', 'schedule', 'training', 'epochs', 'shuffle'] as const) if (o![key] === undefined || o![key] === null) fail('corrupt_model', `training.json.${key}`, 'a value', 'none');
  return o as TrainingFolderJSON;
}

/**
 * Reads an exported training folder back (after train.py, or straight after {@link toPytorchTraining}): the
 * weights, torch.optim's state mapped onto the core's optimizer, the schedule, position, shuffling state and
 * history. `files` maps file names to bytes (a Uint8Array, an ArrayBuffer or a view of one: training.json, model.safetensors, optimizer.safetensors; others
 * are ignored). Everything is checked before anything is returned: a missing file, tensors of the wrong names
 * or shapes, another optimizer's state, non-finite values, or files written at different steps throw
 * {@link TrainingFolderError} / {@link SafetensorsError}.
 * @example const { checkpoint, fitOptions } = fromPytorchTraining(files);
 *          Network.fromJSON(checkpoint).fit(X, Y, { ...fitOptions, resume: true });
 * @prelude net.fit(X, y, { epochs: 1 }); const files = toPytorchTraining(net.checkpoint(), { epochs: 2 });
 */
export function fromPytorchTraining(files: Readonly<Record<string, Bytes>>): ImportedTraining {
  if (typeof files !== 'object' || files === null) fail('invalid_argument', 'files', 'an object of file name → bytes', String(files));
  const bytes: Record<string, Uint8Array> = {};
  for (const name of REQUIRED) {
    bytes[name] = asBytes(files[name], (actual) => fail('invalid_argument', name, `the folder's ${name} (a Uint8Array, an ArrayBuffer or a view of one)`, files[name] === undefined ? 'missing' : actual));
  }
  const folder = readFolderJSON(bytes['training.json']!);
  const t = folder.training;
  const net = fromSafetensors(bytes['model.safetensors']!);
  // `iteration` is the folder's step stamp (checked below), not the network's metadata.
  const { iteration: _stamp, ...kept } = net.metadata ?? {};
  net.setMetadata(Object.keys(kept).length > 0 ? kept : undefined);
  const arch = folder.architecture;
  const same =
    net.inputs === arch.inputs &&
    net.dtype === arch.dtype &&
    net.layers.length === arch.layers.length + 1 &&
    arch.layers.every((l, i) => net.layers[i]!.units === l.units && net.layers[i]!.activation === l.activation) &&
    net.outputs === arch.output.units &&
    net.output === arch.output.fn &&
    net.lossName === arch.output.loss;
  if (!same) fail('shape_mismatch', 'model.safetensors', `the architecture of training.json (${JSON.stringify(arch)})`, 'another network');
  const { tensors, metadata } = readSafetensors('optimizer.safetensors', bytes['optimizer.safetensors']!);
  const name = t.optimizer.name;
  if (metadata.optimizer !== name) fail('corrupt_model', 'optimizer.safetensors: __metadata__.optimizer', `'${name}' (training.json's optimizer)`, JSON.stringify(metadata.optimizer ?? null));
  const modelIteration = (readModelMetadata(bytes['model.safetensors']!) as Record<string, unknown>).iteration;
  for (const [file, stamp] of [['model.safetensors', modelIteration], ['optimizer.safetensors', metadata.iteration]] as const) {
    if (stamp !== String(t.iteration)) fail('corrupt_model', `${file}: __metadata__.iteration`, `${t.iteration} (training.json's step: the files were written at different steps)`, JSON.stringify(stamp ?? null));
  }
  const layout = paramLayout(net);
  const mine = SLOT_NAMES[name];
  const slots: Record<string, number[]> = {};
  const seen = new Set<string>();
  for (const [core, torch] of mine) {
    const present = layout.filter((p) => tensors.has(`${p.name}.${torch}`));
    if (present.length > 0 && present.length < layout.length) {
      const missing = layout.find((p) => !tensors.has(`${p.name}.${torch}`))!;
      fail('corrupt_model', `optimizer.safetensors: tensor "${missing.name}.${torch}"`, `${torch} for every parameter (or none)`, 'missing');
    }
    const flat = present.length === 0 ? [] : new Array<number>(layout.reduce((n, p) => n + p.size, 0));
    for (const p of present) {
      const key = `${p.name}.${torch}`;
      const tensor = tensors.get(key)!;
      if (tensor.shape.length !== p.shape.length || tensor.shape.some((d, i) => d !== p.shape[i])) {
        fail('shape_mismatch', `optimizer.safetensors: tensor "${key}".shape`, `[${p.shape.join(', ')}]`, `[${tensor.shape.join(', ')}]`);
      }
      // Sums and running means of g² are ≥ 0 by construction: a negative one would make √ NaN at the next step.
      const negative = SQUARES.includes(torch) ? tensor.values.findIndex((v) => v < 0) : -1;
      if (negative >= 0) fail('corrupt_model', `optimizer.safetensors: tensor "${key}"[${negative}]`, 'a value ≥ 0 (a sum or mean of squared gradients)', String(tensor.values[negative]));
      for (let i = 0; i < p.size; i++) flat[p.offset + i] = tensor.values[i]!;
      seen.add(key);
    }
    slots[core] = flat;
  }
  for (const key of tensors.keys()) {
    if (seen.has(key)) continue;
    const slot = key.slice(key.lastIndexOf('.') + 1);
    const other = (ALL_TORCH_SLOTS as readonly string[]).includes(slot) && !mine.some(([, s]) => s === slot);
    fail('corrupt_model', `optimizer.safetensors: tensor "${key}"`, `only ${name}'s state (${mine.map(([, s]) => s).join(', ')} per parameter)`, other ? `the state of another optimizer (${slot})` : 'an unexpected tensor');
  }
  const { torch: _torch, ...optimizer } = t.optimizer;
  const training: TrainingStateJSON = { ...t, optimizer: { ...optimizer, slots } };
  try {
    createOptimizer({ name, ...optimizer.hyperparameters } as never).restore(training.optimizer);
  } catch (e) {
    if (e instanceof BackpropError) fail(e.code, `training.json: training.optimizer (${e.argument})`, e.expected, e.actual);
    throw e;
  }
  const checkpoint: NetworkJSON = { ...net.toJSON(), seed: folder.seed, training };
  Network.fromJSON(checkpoint).dispose(); // the core's own checks of the whole checkpoint (ModelFormatError naming the field)
  net.dispose();
  const c = folder.schedule.config;
  const r = folder.regularization;
  return {
    checkpoint,
    fitOptions: {
      // fit's epochs are the new full epochs of the call, after finishing an interrupted one: what is left of the run.
      epochs: t.position > 0 ? Math.max(folder.epochs - t.epoch - 1, 0) : Math.max(folder.epochs - t.epoch, 1),
      batchSize: t.batchSize,
      // A state with its run settings keeps its schedule itself (files again, a different-looking config would restart it).
      ...(t.settings ? {} : { schedule: c }),
      shuffle: folder.shuffle,
      ...(r ? { regularization: { layers: r.l1.map((l1, i) => ({ l1, l2: r.l2[i]! })) } } : {}),
      ...(folder.clipValue !== null ? { clipValue: folder.clipValue } : {}),
      ...(folder.clipNorm !== null ? { clipNorm: folder.clipNorm } : {}),
      ...(folder.earlyStopping ? { earlyStopping: folder.earlyStopping } : {}),
    },
    endEpoch: folder.epochs,
    extra: folder.extra,
  };
}

function readModelMetadata(bytes: Uint8Array): unknown {
  return readSafetensors('model.safetensors', bytes).metadata;
}
