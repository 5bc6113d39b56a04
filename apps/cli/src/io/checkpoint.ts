import type { Network, NetworkJSON } from '@backprop/core';
import type { TrainConfig } from '../commands/train-config.js';
import { CliError } from '../errors.js';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { datasetForFile, datasetFromFile, pathForFile, pathFromFile, withDataset } from './dataset-path.js';
import { networkFromJSON, readJSONFile, writeFileAtomic } from './model-file.js';

/** The `format` tag of a checkpoint file. */
export const CHECKPOINT_FORMAT = 'backprop-checkpoint';

/**
 * A training checkpoint: core's `net.checkpoint()` (weights plus optimizer, RNG, schedule, position and
 * history) and the CLI's config (data set, seed, hyperparameters), so `resume` rebuilds the same data
 * and continues on exactly the same trajectory.
 */
export interface Checkpoint {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly version: 1;
  readonly model: NetworkJSON;
  readonly config: TrainConfig;
}

/**
 * Epochs of per-epoch history a checkpoint keeps: the most recent ones (the dashboard's charts and the
 * end line need no more). Without a bound a long toy run's checkpoint grows without end (1.4 MB for a
 * 354-parameter net after 23k epochs); 1000 epochs of five metrics is at most ≈ 100 kB.
 */
export const CHECKPOINT_HISTORY = 1000;

/** The last `keep` entries of each history series. */
export function trimHistory<T extends object>(history: T, keep = CHECKPOINT_HISTORY): T {
  return Object.fromEntries(Object.entries(history as Record<string, readonly number[]>).map(([k, v]) => [k, v.length > keep ? v.slice(v.length - keep) : v])) as T;
}

/**
 * Writes a checkpoint atomically (history bounded to the last {@link CHECKPOINT_HISTORY} epochs); a data set
 * file and `--save`'s model file are recorded relative to `path`'s directory, so `resume` and `eval` find them from anywhere.
 */
export function saveCheckpoint(path: string, net: Network, config: TrainConfig): void {
  const here = (d: string) => datasetForFile(d, path);
  const model = net.checkpoint();
  const training = model.training ? { ...model.training, history: trimHistory(model.training.history) } : undefined;
  const metadata = model.metadata && withDataset(model.metadata, here);
  const stored = { ...model, ...(training ? { training } : {}), ...(metadata ? { metadata } : {}) };
  const checkpoint: Checkpoint = { format: CHECKPOINT_FORMAT, version: 1, model: stored, config: { ...config, data: withDataset(config.data, here), ...(config.save !== undefined ? { save: pathForFile(config.save, path) } : {}) } };
  writeFileAtomic(path, `${JSON.stringify(checkpoint)}\n`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a checkpoint; every problem names the file and the field. */
export function loadCheckpoint(path: string): { config: TrainConfig; net: Network; epoch: number } {
  const json = readJSONFile(path);
  if (!isObject(json)) throw new CliError(`${path}: not a checkpoint (expected a JSON object)`);
  if (json.format !== CHECKPOINT_FORMAT) {
    const hint = json.format === 'backprop-network' ? ' (it is a model file without a training config)' : '';
    throw new CliError(`${path}: not a checkpoint: format is ${JSON.stringify(json.format ?? null)}, expected "${CHECKPOINT_FORMAT}"${hint}`);
  }
  const config = json.config;
  if (!isObject(config) || !isObject(config.data) || typeof config.data.dataset !== 'string') {
    throw new CliError(`${path}: corrupt checkpoint: "config" (the data set and hyperparameters) is missing or incomplete`);
  }
  if (!isObject(json.model)) throw new CliError(`${path}: corrupt checkpoint: "model" is missing or not an object`);
  const net = networkFromJSON(path, json.model);
  if (!isObject(json.model.training)) throw new CliError(`${path}: corrupt checkpoint: the model has no training state ("model.training")`);
  const epoch = net.checkpoint().training?.epoch ?? 0;
  // Paths back to ones from the working directory (older checkpoints recorded them from train's directory).
  const fromHere = (d: string) => datasetFromFile(d, path);
  if (net.metadata) net.setMetadata(withDataset(net.metadata, fromHere));
  const saved = config as unknown as TrainConfig;
  // An output file: the older reading when only its directory exists from here.
  const save = saved.save === undefined ? {} : { save: pathFromFile(saved.save, path, (p) => existsSync(dirname(p))) };
  return { config: { ...saved, data: withDataset(saved.data, fromHere), ...save }, net, epoch };
}
