import type { NetworkJSON, Scaler } from '@backprop/core';
import type { PlaygroundConfig } from '../state/config.js';
import type { PlaneView } from '../state/grid.js';

// Every message between the page and the training worker, both ways, as discriminated unions on
// `type`. The worker owns the Network; the page only ever sees snapshots and copies.

/** A loss-curve point, one per epoch. */
export interface HistoryPoint {
  readonly epoch: number;
  readonly train: number;
  readonly test: number;
}

/** Training health: what the Health panel plots and says. */
export interface Health {
  /** ‖∇W_k‖ (Frobenius) per layer k = 1 … L, one row per recorded tick (oldest first). */
  readonly gradNorms: readonly (readonly number[])[];
  /** Share of hidden units that output 0 on every training sample (dead ReLUs), 0 … 1. */
  readonly deadShare: number;
  /** Share of hidden (unit, sample) pairs in a flat part of tanh / logistic, 0 … 1. */
  readonly saturatedShare: number;
  /** True when training stopped because the loss or parameters became non-finite. */
  readonly diverged: boolean;
  /** Plain-language diagnosis, or null when nothing looks wrong. */
  readonly diagnosis: string | null;
}

/** A misclassified test example (MNIST): its pixels and the two labels. */
export interface Mistake {
  readonly pixels: Float32Array;
  readonly predicted: number;
  readonly actual: number;
}

/** How many workers train MNIST: auto = 1 below 128 samples a batch, else min(2, the cores the browser reports) (threads.ts). */
export type WorkersChoice = 'auto' | 1 | 2;

/** MNIST's data-parallel training as the page reports it. */
export interface ParallelStatus {
  /** `crossOriginIsolated` in the training worker: SharedArrayBuffer, so more than one worker, needs it. */
  readonly isolated: boolean;
  readonly choice: WorkersChoice;
  /** Workers the choice asks for, and those that compute (fewer when not isolated, or fewer cores). */
  readonly asked: number;
  readonly workers: number;
  /** What Auto picks at this batch size on this page (1 where the page is not isolated), whatever is chosen. */
  readonly auto: number;
  /** The batch size Auto's count was decided for. */
  readonly batchSize: number;
  /** Why `workers` < `asked`. */
  readonly reason?: string;
  /** Training samples a second over the last second or so of training (0 when paused). */
  readonly samplesPerSecond: number;
}

/** What the page draws at each tick: posted at a steady rate while training. */
export interface Snapshot {
  readonly running: boolean;
  /** The kernel set the network computes with (`wasm-simd`, `blocked`, `reference`). */
  readonly backend: string;
  readonly epoch: number;
  readonly iterations: number;
  readonly samplesSeen: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  /** Accuracy (classification only), 0 … 1. */
  readonly trainAccuracy?: number;
  readonly testAccuracy?: number;
  /** Loss per epoch, thinned to at most a few hundred points. */
  readonly history: readonly HistoryPoint[];
  /** Layer widths n_0 … n_L. */
  readonly widths: readonly number[];
  /** The flat parameters θ = [W_1 … W_L, b_1 … b_L] (a copy). */
  readonly flat: Float32Array;
  /**
   * Heatmap values on the GRID² cells (2-D data only): P(class 1) for two classes, ŷ for regression,
   * the winning class for more classes (with `gridConfidence`).
   */
  readonly grid?: Float32Array;
  readonly gridConfidence?: Float32Array;
  /** Every class's probability on the grid (3+ classes): GRID² rows × K columns, row-major; each output unit's field. */
  readonly gridProbabilities?: Float32Array;
  /** Each hidden unit's output h on the grid: neurons[layer][unit] (layer 0 = first hidden layer). */
  readonly neurons?: readonly (readonly Float32Array[])[];
  readonly health: Health;
  readonly mistakes?: readonly Mistake[];
  /** MNIST only: the workers that train it (see {@link ParallelStatus}). */
  readonly parallel?: ParallelStatus;
}

/** The data as the page draws it (2-D points) or summarises it. */
export interface DataSummary {
  readonly task: 'classification' | 'regression';
  readonly classes?: number;
  readonly inputs: number;
  readonly planar: boolean;
  /** Class names (classification, up to 64 classes): output unit j is class j. */
  readonly classNames?: readonly string[];
  /** One name per input column, for data that is not a plane (a CSV's header). */
  readonly featureNames?: readonly string[];
  readonly trainCount: number;
  readonly testCount: number;
  /** N × 2 raw points and labels (class index or target value); present for 2-D data. */
  readonly trainPoints?: Float32Array;
  readonly trainLabels?: Float32Array;
  readonly testPoints?: Float32Array;
  readonly testLabels?: Float32Array;
  /** Index of each training point in the generated set (−1 for added points). */
  readonly trainSource?: Int32Array;
  readonly testSource?: Int32Array;
  /** A 2-column CSV's header names: the columns that are x₁ and x₂ of the plane. */
  readonly columnNames?: readonly string[];
  /** The part of the plane the plots show (2-D CSV data); the generated sets' square when absent. */
  readonly view?: PlaneView;
  /** The network's input scaler (standardized CSV columns, or an imported model's own): raw rows go in, it scales them. */
  readonly scaler?: Scaler;
  /** The regression target's scaler when the network learns it standardized (CSV data): the page's numbers stay in its units. */
  readonly targetScaler?: Scaler;
}

/** Live settings: applied to the running training without a reset. */
export type LiveSettings = Pick<PlaygroundConfig, 'learningRate' | 'optimizer' | 'momentum' | 'regularization' | 'regularizationRate' | 'batchSize'>;

/** Page → worker. */
export type ToWorker =
  | { readonly type: 'config'; readonly config: PlaygroundConfig; readonly csv?: string }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step'; readonly unit: 'batch' | 'epoch' }
  | { readonly type: 'reset' }
  /** MNIST's worker count; it applies between two steps (the numbers do not depend on it). */
  | { readonly type: 'workers'; readonly workers: WorkersChoice }
  | { readonly type: 'getModel'; readonly id: number }
  /** A model to train from here on; with `config`, the data and settings it comes with (an imported network). */
  | { readonly type: 'loadModel'; readonly id: number; readonly json: string; readonly config?: PlaygroundConfig }
  | { readonly type: 'gradcheck'; readonly id: number }
  | { readonly type: 'predict'; readonly id: number; readonly input: Float32Array };

/** A per-tensor line of the gradient check, ready to show. */
export interface GradcheckRow {
  readonly name: string;
  readonly shape: readonly [number, number];
  readonly status: string;
  readonly checked: number;
  readonly maxAbsError: number;
  readonly maxRelError: number;
}

/** Worker → page. Replies carry the id of their request. */
export type FromWorker =
  | { readonly type: 'data'; readonly data: DataSummary }
  | { readonly type: 'snapshot'; readonly snapshot: Snapshot }
  | { readonly type: 'loading'; readonly what: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'model'; readonly id: number; readonly json: NetworkJSON }
  | { readonly type: 'loaded'; readonly id: number; readonly ok: boolean; readonly message?: string }
  | { readonly type: 'gradcheck'; readonly id: number; readonly ok: boolean; readonly rows: readonly GradcheckRow[]; readonly text: string }
  /** ŷ for the input; empty, with the reason, when there is no network yet or the input does not fit it. */
  | { readonly type: 'prediction'; readonly id: number; readonly probabilities: Float32Array; readonly message?: string };

/** Type guard for messages arriving at the worker (drops anything malformed). */
export function isToWorker(m: unknown): m is ToWorker {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  return ['config', 'play', 'pause', 'step', 'reset', 'workers', 'getModel', 'loadModel', 'gradcheck', 'predict'].includes(t as string);
}
