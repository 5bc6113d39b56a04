import type { Monitor, NetworkJSON, TrainingStateJSON } from '@backprop/core';
import type { Architecture, ResolvedSchedule, torchOptimizer, torchScheduler } from './mapping.js';

/** The `format` tag of an exported training folder's training.json. */
export const TRAINING_FOLDER_FORMAT = 'backprop-pytorch-training';

/** training.json: everything of the run besides the two tensor files (what train.py reads and writes back). */
export interface TrainingFolderJSON {
  readonly format: typeof TRAINING_FOLDER_FORMAT;
  readonly version: 1;
  readonly architecture: Architecture;
  readonly seed: number;
  readonly preprocessing: NetworkJSON['preprocessing'] | null;
  readonly epochs: number;
  readonly schedule: { readonly config: ResolvedSchedule; readonly state: TrainingStateJSON['schedule']; readonly torch: ReturnType<typeof torchScheduler> };
  readonly regularization: { readonly l1: readonly number[]; readonly l2: readonly number[] } | null;
  readonly clipValue: number | null;
  readonly clipNorm: number | null;
  readonly shuffle: boolean;
  readonly data: { readonly x: string; readonly y: string } | null;
  readonly validation: { readonly x: string; readonly y: string } | null;
  /** Early stopping's settings (its running state is training.earlyStopping); null when off. */
  readonly earlyStopping: { readonly monitor: Monitor; readonly patience: number; readonly minDelta: number; readonly restoreBestWeights: boolean } | null;
  readonly columns: { readonly inputs: readonly string[]; readonly targets: readonly string[] };
  /** The core's training state without the optimizer's buffers (those are optimizer.safetensors). */
  readonly training: Omit<TrainingStateJSON, 'optimizer'> & {
    readonly optimizer: Omit<TrainingStateJSON['optimizer'], 'slots'> & { readonly torch: ReturnType<typeof torchOptimizer> };
  };
  readonly extra?: unknown;
}

