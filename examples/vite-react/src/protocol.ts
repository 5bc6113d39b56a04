// The messages between the page and the training worker, typed both ways. Only plain data crosses
// (structured clone): settings go in, numbers come out; the network itself stays in the worker.
import type { ActivationName, OptimizerName, StopReason } from '@backprop/core';
import type { ToyDatasetName } from '@backprop/datasets';

/** What a run trains: the data set, the network and the fit options. One seed drives all of it. */
export interface RunSettings {
  /** A classification set of `@backprop/datasets` (split 75 / 25 into train and test, stratified). */
  readonly dataset: Exclude<ToyDatasetName, 'plane' | 'bump'>;
  readonly samples: number;
  readonly noise: number;
  /** Units per hidden layer, e.g. [32, 32]. */
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly epochs: number;
  /** Data, split, initial weights and shuffling: the same seed gives the same numbers in Node and here. */
  readonly seed: number;
}

/** The page → the worker. */
export type ToWorker = { readonly type: 'train'; readonly settings: RunSettings } | { readonly type: 'stop' };

/** One epoch's numbers (train = the epoch's mean over its batches; test = after the epoch). */
export interface EpochPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
}

/** The choices the engine offers, sent by the worker when it loads (so the page's own bundle carries no engine). */
export interface Choices {
  readonly datasets: readonly RunSettings['dataset'][];
  readonly activations: readonly ActivationName[];
  readonly optimizers: readonly OptimizerName[];
}

/** The worker → the page. */
export type FromWorker =
  | ({ readonly type: 'ready' } & Choices)
  | {
      readonly type: 'started';
      readonly epochs: number;
      readonly trainRows: number;
      readonly testRows: number;
      /** `net.summary()`'s last line: parameters, dtype, backend, seed, classes. */
      readonly summary: string;
    }
  | ({ readonly type: 'epoch'; readonly elapsedMs: number } & EpochPoint)
  | { readonly type: 'done'; readonly stopReason: StopReason; readonly epochs: number; readonly elapsedMs: number }
  /** Bad settings (the core's BackpropError names the option) or anything else that went wrong. */
  | { readonly type: 'error'; readonly name: string; readonly code: string | undefined; readonly message: string };

/** The settings the page opens with: three spiral arms, learned to 100 % test accuracy in 300 epochs. */
// Here, not in experiment.ts: the page imports it, and the page's bundle should not carry the engine.
export const DEFAULT_SETTINGS: RunSettings = {
  dataset: 'spiral3',
  samples: 600,
  noise: 0.1,
  hidden: [32, 32],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 32,
  epochs: 300,
  seed: 1,
};
