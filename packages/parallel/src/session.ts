/**
 * The per-step path: a caller that drives its own loop (a UI with pause, step and a speed control) asks
 * for one batch's gradient at a time. Rank 0 is the calling thread: it publishes θ and the batch's row
 * indices in shared memory, starts the step by storing its number in the GO word, computes its own shards,
 * waits for the others at the step barrier and reduces the S shard gradients in shard order, exactly as
 * run.ts does inside a whole fit. The other ranks sleep on GO between steps; GO = −1 ends the session.
 */
import { type BackendName, type FloatArray, Matrix, type Network, type NetworkSpec, type RowGradient, kernelsFor } from '@backprop/core';
import { reduce, shardCuts } from './run.js';
import { arrive, awaitStep, waitForGo } from './sync.js';

/** A session as each rank receives it (structured-cloned to workers; the arrays view shared memory). */
export interface SessionJob {
  readonly spec: NetworkSpec;
  /** N rows of inputs (N × n0) and targets (N × n_L), in θ's dtype, validated by the trainer. */
  readonly x: FloatArray;
  readonly y: FloatArray;
  readonly rows: number;
  /** θ as the caller has it at each step (rank 0 writes it before GO). */
  readonly theta: FloatArray;
  /** The step's row indices (the first `count` entries; count in ctl). */
  readonly order: Int32Array;
  readonly ctl: Int32Array;
  readonly grads: FloatArray;
  readonly losses: Float64Array;
  readonly shards: number;
  readonly threads: number;
}

/** One rank's state: its network (θ copied in each step), its row gradient and its shards. */
export interface SessionRank {
  readonly job: SessionJob;
  readonly rank: number;
  readonly net: Network;
  readonly gradient: RowGradient;
  readonly cut: Int32Array;
}

/** Builds rank `rank`'s state on `net` (a network of `job.spec` this thread owns). */
export function sessionRank(job: SessionJob, rank: number, net: Network): SessionRank {
  const gradient = net.rowGradient(new Matrix(job.rows, net.inputs, job.x), new Matrix(job.rows, net.outputs, job.y));
  return { job, rank, net, gradient, cut: new Int32Array(job.shards + 1) };
}

/** Step `step`'s shards of this rank: θ from shared memory, then each shard's gradient (scale 1) into its slot. */
export function computeShards(r: SessionRank, step: number, count: number): void {
  const { job, rank, net, gradient, cut } = r;
  const { shards: S, threads: T, grads, losses, order } = job;
  const P = net.flat.length;
  net.flat.set(job.theta);
  shardCuts(cut, count, S);
  const last = Math.floor(((rank + 1) * S) / T);
  for (let s = Math.floor((rank * S) / T); s < last; s++) {
    const out = grads.subarray(s * P, (s + 1) * P);
    if (cut[s + 1] === cut[s]) {
      out.fill(0);
      losses[s] = 0;
    } else losses[s] = gradient.compute(order.subarray(cut[s]!, cut[s + 1]!), out);
  }
  if (T > 1) arrive(job.ctl, rank, step);
}

/** Rank 0's half of a step after its shards: waits for the others, reduces into `out`, returns the batch's mean loss. */
export function finishStep(r: SessionRank, step: number, count: number, out: FloatArray, w: Float64Array): number {
  const { job, cut } = r;
  if (job.threads > 1) awaitStep(job.ctl, job.threads, step);
  let loss = 0;
  for (let s = 0; s < job.shards; s++) {
    w[s] = (cut[s + 1]! - cut[s]!) / count;
    loss += w[s]! * job.losses[s]!;
  }
  reduce(kernelsFor(r.net.backend as BackendName), out, job.grads, w, 0, out.length);
  return loss;
}

/** A helper rank's life: sleeps on GO, computes its shards of each step, until GO = −1. */
export function serveSession(job: SessionJob, rank: number, net: Network): void {
  const r = sessionRank(job, rank, net);
  for (let step = 1; ; step++) {
    const count = waitForGo(job.ctl, step);
    if (count < 0) return;
    computeShards(r, step, count);
  }
}
