import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BackpropError, type NetworkJSON } from '@backprop/core';
import { type PytorchTrainingOptions, fromPytorchTraining, toPytorchTraining } from '@backprop/interop';
import { loadData } from '../data.js';
import { CliError, fileProblem, usageError } from '../errors.js';
import { CHECKPOINT_FORMAT, type Checkpoint } from '../io/checkpoint.js';
import { datasetFromFile, pathForFile, pathFromFile, rebaseDataset, withDataset } from '../io/dataset-path.js';
import { readJSONFile, writeFileAtomic } from '../io/model-file.js';
import { PYTHON_CANDIDATES, continueLine, findTorchPython } from '../io/python.js';
import type { Runtime } from '../runtime.js';
import type { TrainConfig } from './train-config.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A loader's typed error as one line naming the file (exit 1). */
function asCliError(path: string, what: string, error: unknown): never {
  if (error instanceof BackpropError) throw new CliError(`${path}: ${what}: ${error.message}`);
  throw error;
}

/**
 * The paths a run records (its data set, `--save`'s file) are relative to the file that records them
 * (io/dataset-path.ts). A run carried from one file to another (checkpoint → the folder's training.json and
 * model.safetensors, and back) is rebased, so the folder names the same CSV from wherever it is written.
 */
function rebaseConfig(config: TrainConfig, from: string, to: string): TrainConfig {
  const save = config.save === undefined ? {} : { save: pathForFile(pathFromFile(config.save, from, (p) => existsSync(dirname(p))), to) };
  return { ...config, data: withDataset(config.data, (d) => rebaseDataset(d, from, to)), ...save };
}

/** A model's metadata with its recorded data set rebased from `from` to `to` (as {@link rebaseConfig}). */
function rebaseModel(model: NetworkJSON, from: string, to: string): NetworkJSON {
  return model.metadata ? { ...model, metadata: withDataset(model.metadata, (d) => rebaseDataset(d, from, to)) } : model;
}

/** The fit options a CLI run used (`config`, paths from the working directory), as toPytorchTraining takes them, with the training rows; `recorded` is carried along as `extra.cli`. */
async function cliRun(config: TrainConfig, recorded: TrainConfig): Promise<PytorchTrainingOptions> {
  const data = await loadData(config.data);
  const train = data.train;
  const regularization = config.l1 || config.l2 ? { ...(config.l1 ? { l1: config.l1 } : {}), ...(config.l2 ? { l2: config.l2 } : {}) } : undefined;
  const targets = (d: typeof train) => (d.task === 'classification' ? d.y : d.Y);
  const validation = data.validation;
  return {
    epochs: config.epochs,
    ...(config.schedule ? { schedule: config.schedule } : {}),
    ...(regularization ? { regularization } : {}),
    ...(config.clipNorm !== undefined ? { clipNorm: config.clipNorm } : {}),
    // As the CLI's session: early stopping on the validation loss when --patience was given.
    ...(config.patience !== undefined && validation ? { earlyStopping: { patience: config.patience, restoreBestWeights: true } } : {}),
    data: { X: train.X, Y: targets(train) },
    ...(validation ? { validationData: { X: validation.X, Y: targets(validation) } } : {}),
    columns: { inputs: train.featureNames, targets: train.task === 'classification' ? ['label'] : train.targetNames },
    extra: { cli: recorded },
  };
}

/** Writes the files into a fresh folder: a temporary sibling first, renamed into place when complete. */
function writeFolder(out: string, files: Record<string, Uint8Array>): void {
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) throw usageError(`${out}: exists and is not an empty folder; choose another --out`);
  const tmp = join(dirname(resolve(out)), `.${basename(out)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tmp, name), bytes);
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(tmp, out);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw fileProblem(out, error);
  }
}

/**
 * `backprop export checkpoint.json --format pytorch --out DIR`: the run as a folder PyTorch continues
 * (train.py, one process or DistributedDataParallel). A CLI checkpoint brings its data set along (X.npy, Y.npy,
 * and the validation split as Xval.npy, Yval.npy). The command it prints names a Python that has PyTorch
 * (the first of `pythons` that imports it), or says what is needed when none does.
 */
export async function exportPytorchCommand(file: string, out: string, rt: Runtime, pythons: readonly string[] = PYTHON_CANDIDATES): Promise<number> {
  const json = readJSONFile(file);
  let model: unknown = json;
  let options: PytorchTrainingOptions = {};
  // The folder's files record paths relative to the folder, as the checkpoint did relative to itself.
  const inFolder = join(out, 'training.json');
  if (isObject(json) && json.format === CHECKPOINT_FORMAT) {
    if (!isObject(json.config) || !isObject(json.config.data) || typeof json.config.data.dataset !== 'string') throw new CliError(`${file}: corrupt checkpoint: "config" is missing or incomplete`);
    model = json.model;
    const config = json.config as unknown as TrainConfig;
    const fromHere = { ...config, data: withDataset(config.data, (d) => datasetFromFile(d, file)) };
    options = await cliRun(fromHere, rebaseConfig(config, file, inFolder));
  }
  if (!isObject(model) || !isObject(model.training)) throw new CliError(`${file}: has no training state to continue (export a checkpoint: backprop train --checkpoint FILE)`);
  let files: Record<string, Uint8Array>;
  try {
    files = toPytorchTraining(rebaseModel(model as unknown as NetworkJSON, file, inFolder), options);
  } catch (error) {
    asCliError(file, 'cannot continue this run in PyTorch', error);
  }
  writeFolder(out, files);
  const t = (model as unknown as NetworkJSON).training!;
  rt.stdout.write(`${file}: epoch ${t.epoch}, step ${t.iteration}, ${t.optimizer.name} → wrote ${out}/ (${Object.keys(files).sort().join(', ')})\n`);
  // A run that has reached its last epoch continues only with a later end (train.py would refuse: nothing to train).
  const end = options.epochs ?? t.epoch + 1;
  const more = t.epoch >= end ? Math.max(end + 1, 2 * t.epoch) : undefined;
  const args = `${options.data ? '' : ' --x X.npy --y Y.npy'}${more ? ` --epochs ${more}` : ''} --processes 2`;
  const python = findTorchPython(pythons);
  const note = more ? `its ${end} epochs are done: --epochs sets the new end` : undefined;
  rt.stdout.write(`continue:   ${continueLine(out, args, python, note)}\ncome back:  backprop import ${out} --out checkpoint.json\n`);
  return 0;
}

/** True when `path` is a folder (the training-folder form of `backprop import`). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `backprop import DIR --out checkpoint.json`: a folder PyTorch trained (or just exported) back into a
 * checkpoint; `backprop resume` continues it. Everything is checked before the one atomic write.
 */
export async function importPytorchCommand(dir: string, out: string, rt: Runtime): Promise<number> {
  const files: Record<string, Uint8Array> = {};
  for (const name of ['training.json', 'model.safetensors', 'optimizer.safetensors']) {
    const path = join(dir, name);
    if (!existsSync(path)) throw new CliError(`${dir}: not a training folder: ${name} is missing (export one with backprop export CHECKPOINT --format pytorch --out DIR)`);
    try {
      files[name] = new Uint8Array(readFileSync(path));
    } catch (error) {
      throw fileProblem(path, error);
    }
  }
  let imported: ReturnType<typeof fromPytorchTraining>;
  try {
    imported = fromPytorchTraining(files);
  } catch (error) {
    asCliError(dir, 'not a usable training folder', error);
  }
  // training.json and model.safetensors record paths relative to the folder; the checkpoint, relative to itself.
  const inFolder = join(dir, 'training.json');
  const { endEpoch, extra } = imported;
  const checkpoint = rebaseModel(imported.checkpoint, inFolder, out);
  const cli = isObject(extra) && isObject(extra.cli) && isObject(extra.cli.data) ? rebaseConfig(extra.cli as unknown as TrainConfig, inFolder, out) : undefined;
  const t = checkpoint.training!;
  if (cli) {
    const saved: Checkpoint = { format: CHECKPOINT_FORMAT, version: 1, model: checkpoint, config: { ...cli, epochs: Math.max(endEpoch, cli.epochs), checkpoint: out } };
    writeFileAtomic(out, `${JSON.stringify(saved)}\n`);
    rt.stdout.write(`${dir}: epoch ${t.epoch}, step ${t.iteration} → wrote ${out}; continue with: backprop resume ${out}\n`);
  } else {
    writeFileAtomic(out, `${JSON.stringify(checkpoint)}\n`);
    rt.stdout.write(`${dir}: epoch ${t.epoch}, step ${t.iteration} → wrote ${out} (a model checkpoint: Network.fromJSON, then fit(…, { resume: true }))\n`);
  }
  return 0;
}
