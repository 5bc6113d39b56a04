import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Network } from '@backprop/core';
import type { LoadedData } from '../data.js';
import { lr } from '../format.js';
import { saveCheckpoint } from '../io/checkpoint.js';
import { saveModel } from '../io/model-file.js';
import { freeName } from '../io/output-path.js';
import type { Session } from '../training/session.js';
import type { TrainConfig } from './train-config.js';

/** What every renderer (dashboard, plain lines, NDJSON) gets: the session and the ways to save. */
export interface RunContext {
  readonly session: Session;
  readonly net: Network;
  readonly data: LoadedData;
  readonly config: TrainConfig;
  /** One line: data set, architecture, optimizer. */
  readonly title: string;
  /** The title's parts, most important first, with the learning rate as it is now (it changes with + / -). */
  titleParts(learningRate: number): string[];
  /**
   * Writes a checkpoint (atomically) to `config.checkpoint`, or beside it under a free name when that is
   * the default name and a file from before this run is there; returns the full path written, with a
   * note when it is not the name asked for or when it replaced a file from before the run.
   */
  checkpoint(): string;
  /** Writes the model to `path` (default `config.save`, else {@link RunContext.modelPath}); returns what {@link RunContext.checkpoint} returns. */
  save(path?: string): string;
  /** Full paths of the files written so far (each once, in order): echoed after the dashboard, whose status line may be cut. */
  readonly written: readonly string[];
  /** The full path the model goes to without `--save`: `model.json`, or `model-N.json` when that is taken by an earlier file. */
  readonly modelPath: string;
  /** True when the weights changed since the last save. */
  readonly unsaved: boolean;
}

/** A short architecture string: `784-128-10 relu/softmax`. */
export function architecture(net: Network): string {
  const widths = [net.inputs, ...net.layers.map((l) => l.units)].join('-');
  const hidden = net.layers.find((l) => l.kind === 'hidden')?.activation;
  return `${widths} ${hidden ? `${hidden}/` : ''}${net.output}`;
}

/** Which output names the user chose (those are written as given; a default name never replaces an earlier file). */
export interface NamedOutputs {
  /** `--checkpoint` was given, or the run resumes a checkpoint (which it then updates). */
  readonly checkpointNamed: boolean;
}

/**
 * One output file of a run, its full path decided at the first write: a name the user gave is used as
 * is (the first write says when it replaced a file from before the run); a default name that is taken
 * becomes `name-N.ext`. Later writes go to the same file: it is this run's own.
 */
function outputFile(path: string, named: boolean, log: Set<string>) {
  let chosen: string | undefined;
  let written = false;
  const pick = (): string => {
    chosen ??= named ? resolve(path) : freeName(resolve(path));
    return chosen;
  };
  return {
    get path() {
      return pick();
    },
    write(save: (path: string) => void): string {
      const first = !written;
      const full = pick();
      written = true;
      const replacing = first && named && existsSync(full);
      save(full);
      log.add(full);
      if (first && !named && full !== resolve(path)) return `${full} (${basename(path)} was already there; kept it)`;
      return replacing ? `${full} (replaced the earlier file)` : full;
    },
  };
}

export function createRunContext(session: Session, net: Network, data: LoadedData, config: TrainConfig, named: NamedOutputs = { checkpointNamed: false }): RunContext {
  let savedAt = -1;
  const written = new Set<string>();
  const checkpointFile = outputFile(config.checkpoint, named.checkpointNamed, written);
  const modelFile = outputFile(config.save ?? 'model.json', config.save !== undefined, written);
  const files = new Map<string, ReturnType<typeof outputFile>>();
  const rows = `${data.train.X.rows} train${data.validation ? `, ${data.validation.X.rows} validation` : ''}`;
  // Core clamps the batch size to the training rows (as Keras does): show what is used, not the number typed.
  const N = data.train.X.rows;
  const batchText = config.batchSize >= N ? `batch ${N} (all rows)` : `batch ${config.batchSize}`;
  const titleParts = (learningRate: number) => [`${data.name} (${rows})`, architecture(net), `${config.optimizer} lr ${lr(learningRate)}`, batchText, `${config.epochs} epochs`];
  return {
    session,
    net,
    data,
    config,
    title: titleParts(config.learningRate).join(' · '),
    titleParts,
    checkpoint() {
      return checkpointFile.write((path) => saveCheckpoint(path, net, config));
    },
    save(path?: string) {
      let file = modelFile;
      if (path !== undefined) {
        file = files.get(path) ?? outputFile(path, true, written);
        files.set(path, file);
      }
      const said = file.write((full) => saveModel(full, net));
      savedAt = session.position().iterations;
      return said;
    },
    get written() {
      return [...written];
    },
    get modelPath() {
      return modelFile.path;
    },
    get unsaved() {
      return savedAt !== session.position().iterations;
    },
  };
}
