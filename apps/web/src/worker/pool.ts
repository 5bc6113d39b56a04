import type { Matrix, Network } from '@backprop/core';
import { createParallelTrainer, type ParallelRowGradient, type ParallelTrainer } from '@backprop/parallel';
import type { ParallelStatus, WorkersChoice } from './protocol.js';
import { SHARDS, threadsFor } from './threads.js';

// The training worker's threads for MNIST: a @backprop/parallel trainer inside this worker, which computes
// rank 0 itself (it may block in Atomics.wait), the second thread being a nested worker. Two threads need
// SharedArrayBuffer, which browsers grant only to a cross-origin-isolated page (COOP: same-origin and
// COEP: require-corp); otherwise the trainer has one thread and says why. One thread or two, the batches
// are cut into the same S = 2 shards, so the numbers are the same.

const g = globalThis as { crossOriginIsolated?: boolean };

/** The parallel trainer, rebuilt when the worker count asked for changes, and the sessions it opens. */
export class Pool {
  choice: WorkersChoice = 'auto';
  /** The batch size the threads train with: Auto's count depends on it (threads.ts). */
  batchSize = 1;
  #trainer: ParallelTrainer | undefined;
  #asked = 0;
  #session: ParallelRowGradient | undefined;

  /** True when the choice, at `batchSize`, asks for another thread count than the open session has. */
  wants(batchSize: number): boolean {
    return this.#session !== undefined && threadsFor(this.choice, batchSize) !== this.#asked;
  }

  /** Opens a session on `net` and its training data (closing any earlier one first: a session holds the threads). */
  async open(net: Network, X: Matrix, y: Int32Array, batchSize: number): Promise<ParallelRowGradient> {
    await this.closeSession();
    this.batchSize = batchSize;
    const want = threadsFor(this.choice, batchSize);
    if (!this.#trainer || this.#asked !== want) {
      const old = this.#trainer;
      this.#trainer = undefined;
      await old?.close();
      this.#trainer = await createParallelTrainer({ threads: want });
      this.#asked = want;
    }
    this.#session = await this.#trainer.rowGradient(net, X, y, { shards: SHARDS });
    return this.#session;
  }

  async closeSession(): Promise<void> {
    const s = this.#session;
    this.#session = undefined;
    await s?.close();
  }

  /** Closes the session and stops the threads (the data is no longer MNIST: an idle worker holds its memory). */
  async release(): Promise<void> {
    await this.closeSession();
    const t = this.#trainer;
    this.#trainer = undefined;
    this.#asked = 0;
    await t?.close();
  }

  /** What the page shows: isolation, the workers asked for and those computing, and why fewer. */
  status(samplesPerSecond: number): ParallelStatus {
    const s = this.#session;
    const reason = s?.reason ?? this.#trainer?.reason;
    const isolated = g.crossOriginIsolated === true;
    return {
      isolated,
      choice: this.choice,
      asked: threadsFor(this.choice, this.batchSize),
      auto: isolated ? threadsFor('auto', this.batchSize) : 1,
      batchSize: this.batchSize,
      workers: s?.threads ?? 1,
      samplesPerSecond,
      ...(reason ? { reason } : {}),
    };
  }
}
