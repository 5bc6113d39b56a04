// The events a training session emits, shaped like core's planned `net.train()` session so the UI and
// the NDJSON writer do not change when the engine switches to it.

/** Per-layer health: gradient and weight norms, and the share of dead (relu ≡ 0) or saturated units. */
export interface LayerStat {
  /** Layer number k, 1 … L. */
  readonly layer: number;
  /** ‖∇W_k‖₂ on a probe batch. */
  readonly gradNorm: number;
  /** ‖W_k‖₂. */
  readonly weightNorm: number;
  /** Share of units (0–1) whose activation is 0 for every probe sample (rectifiers). */
  readonly dead: number;
  /** Share of units (0–1) pinned at a flat part of g (|g′| < 0.01) for ≥ 90 % of the probe samples. */
  readonly saturated: number;
}

/** Loss and accuracy after an epoch (accuracy only for classification). */
export interface Metrics {
  readonly trainLoss: number;
  readonly trainAccuracy?: number;
  readonly valLoss?: number;
  readonly valAccuracy?: number;
}

/** Where the session is: enough to resume exactly (epoch order is a function of seed and epoch). */
export interface Position {
  /** Completed epochs. */
  readonly epoch: number;
  /** Batches done inside the current epoch. */
  readonly batch: number;
  /** Update steps in all. */
  readonly iterations: number;
}

interface Progress extends Position {
  readonly epochs: number;
  readonly batches: number;
  readonly learningRate: number;
  readonly samplesPerSecond: number;
  /** Seconds left at the current speed. */
  readonly etaSeconds: number;
  readonly elapsedSeconds: number;
}

/** Some batches are done (at most one event per 50 ms, not one per step). */
export interface BatchEvent extends Progress {
  readonly type: 'batch';
  /** Mean training loss of the steps since the previous batch event (the batch chart's points: recent steps). */
  readonly loss: number;
  /**
   * Mean training loss of the epoch so far, weighted by batch rows: the number Keras's progress bar shows.
   * At the epoch's last batch it equals the epoch event's `loss`.
   */
  readonly epochLoss: number;
}

/** An epoch is done. */
export interface EpochEvent extends Progress {
  readonly type: 'epoch';
  readonly loss: number;
  readonly metrics: Metrics;
  readonly layers: readonly LayerStat[];
}

/** Why training ended. */
export type StopReason = 'epochs' | 'early-stopping' | 'stopped' | 'interrupted' | 'diverged';

/** Training ended; `message` carries the core's diagnosis when it diverged. */
export interface EndEvent extends Progress {
  readonly type: 'end';
  readonly stopReason: StopReason;
  readonly message?: string;
  readonly metrics?: Metrics;
}

export type TrainEvent = BatchEvent | EpochEvent | EndEvent;

/** Loss and accuracy per completed epoch. */
export interface History {
  readonly trainLoss: number[];
  readonly trainAccuracy: number[];
  readonly valLoss: number[];
  readonly valAccuracy: number[];
}

export const emptyHistory = (): History => ({ trainLoss: [], trainAccuracy: [], valLoss: [], valAccuracy: [] });
