import type { Network } from '@backprop/core';
import type { LoadedData } from '../data.js';
import { lr } from '../format.js';
import { saveCheckpoint } from '../io/checkpoint.js';
import { saveModel } from '../io/model-file.js';
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
  /** Writes a checkpoint to `config.checkpoint`; returns the path. */
  checkpoint(): string;
  /** Writes the model to `path` (default `config.save`, else `model.json`); returns the path. */
  save(path?: string): string;
  /** True when the weights changed since the last save. */
  readonly unsaved: boolean;
}

/** A short architecture string: `784-128-10 relu/softmax`. */
export function architecture(net: Network): string {
  const widths = [net.inputs, ...net.layers.map((l) => l.units)].join('-');
  const hidden = net.layers.find((l) => l.kind === 'hidden')?.activation;
  return `${widths} ${hidden ? `${hidden}/` : ''}${net.output}`;
}

export function createRunContext(session: Session, net: Network, data: LoadedData, config: TrainConfig): RunContext {
  let savedAt = -1;
  const rows = `${data.train.X.rows} train${data.validation ? `, ${data.validation.X.rows} validation` : ''}`;
  const titleParts = (learningRate: number) => [`${data.name} (${rows})`, architecture(net), `${config.optimizer} lr ${lr(learningRate)}`, `batch ${config.batchSize}`, `${config.epochs} epochs`];
  return {
    session,
    net,
    data,
    config,
    title: titleParts(config.learningRate).join(' · '),
    titleParts,
    checkpoint() {
      saveCheckpoint(config.checkpoint, net, config);
      return config.checkpoint;
    },
    save(path = config.save ?? 'model.json') {
      saveModel(path, net);
      savedAt = session.position().iterations;
      return path;
    },
    get unsaved() {
      return savedAt !== session.position().iterations;
    },
  };
}
