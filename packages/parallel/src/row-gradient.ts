/**
 * The trainer's side of the per-step path (session.ts has the ranks' side): validates the data once, lays
 * it out in shared memory, starts the helper ranks' session loop and hands the caller
 * {@link ParallelRowGradient}, whose `compute` is one data-parallel gradient per call.
 */
import { BackpropError, type FloatArray, type Matrix, type Network, type NetworkSpec, acquireTraining } from '@backprop/core';
import { type DataArgs, floats, prepareData } from './data.js';
import { type ErrorData, type Port, type Reply, startRanks } from './host.js';
import { describe } from './options.js';
import { networkFor } from './run.js';
import { type SessionJob, computeShards, finishStep, sessionRank } from './session.js';
import { controlLength, go, stop } from './sync.js';

/**
 * ∇θ of a batch computed by every thread, for a caller that drives its own loop (see
 * {@link ParallelTrainer.rowGradient}). Close it when done: until then the trainer's threads are its.
 */
export interface ParallelRowGradient {
  /** N, the rows of the data. */
  readonly rows: number;
  /** Threads that compute (at most `shards`; 1 on a page's main thread, which may not block). */
  readonly threads: number;
  /** S, the fixed pieces each batch is cut into: the result depends on S, never on `threads`. */
  readonly shards: number;
  /** Why `threads` is less than the trainer's, or undefined. */
  readonly reason: string | undefined;
  /**
   * Writes ∇θ of the mean loss over rows `rows` of the data (indices in [0, N), in that order) at the
   * network's current θ into `out` (|θ| entries), and returns that mean loss; θ is not changed. The batch
   * is cut into S shards, the threads compute them, and they are reduced in shard order in float64, so
   * the bits depend on S only, and equal those of {@link ParallelTrainer.fit}'s steps. Blocks until done.
   * A diverged θ gives a non-finite loss: the caller decides what to do.
   */
  compute(rows: ArrayLike<number>, out: FloatArray): number;
  /** Ends the session and gives the threads back to the trainer. */
  close(): Promise<void>;
}

/** What opening a session needs from the trainer. */
export interface SessionContext {
  readonly threads: number;
  readonly canBlock: boolean;
  readonly ports: readonly Port[];
  readonly cache: Map<string, Network>;
  readonly spec: NetworkSpec;
  readonly toError: (e: ErrorData) => Error;
  /** Called once the session has closed (the trainer's queue moves on). */
  readonly onClose: () => void;
}

/** Opens a session on `net` and its data (`(X, Y)` or `(data)`) with S = `shards` (validated by the caller). */
export async function openRowGradient(ctx: SessionContext, net: Network, data: DataArgs, shards: number): Promise<ParallelRowGradient> {
  // Core's own checks of training data (net.fit's verdicts), X whole, once.
  const { X: x, Y: y } = prepareData(net, data);
  // The network is the session's until close(), as a core training session's is: net.fit / train / steps
  // meanwhile throw busy (their updates would interleave with the caller's), and so does this if one runs.
  const release = acquireTraining(net, 'trainer.rowGradient');
  try {
    return await startSession(ctx, net, x, y, shards, release);
  } catch (e) {
    release();
    throw e;
  }
}

/** The rest of {@link openRowGradient}, with the network held: `release` is the session's to call on close. */
async function startSession(ctx: SessionContext, net: Network, x: Matrix, y: Matrix, shards: number, release: () => void): Promise<ParallelRowGradient> {
  const asked = Math.min(ctx.threads, shards);
  const T = asked > 1 && !ctx.canBlock ? 1 : asked;
  const reason = T < asked ? "a page's main thread may not block: open the session in a worker to compute on more threads" : undefined;
  const N = x.rows;
  const P = net.flat.length;
  const F = floats(net.dtype);
  const shared = T > 1;
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)) as ArrayBuffer;
  const copy = (m: Matrix) => {
    const d = new F(buffer(m.data.length * F.BYTES_PER_ELEMENT));
    d.set(m.data);
    return d;
  };
  const visible = (d: FloatArray) => d instanceof F && (!shared || d.buffer instanceof SharedArrayBuffer);
  const job: SessionJob = {
    spec: ctx.spec,
    x: visible(x.data) ? x.data : copy(x),
    y: visible(y.data) ? y.data : copy(y),
    rows: N,
    theta: new F(buffer(P * F.BYTES_PER_ELEMENT)),
    order: new Int32Array(buffer(4 * N)),
    ctl: new Int32Array(buffer(4 * controlLength(T))),
    grads: new F(buffer(P * shards * F.BYTES_PER_ELEMENT)),
    losses: new Float64Array(buffer(8 * shards)),
    shards,
    threads: T,
  };
  const helpers = ctx.ports.slice(0, T - 1);
  const failed = await startRanks(helpers, helpers.map((_, i) => ({ type: 'session', job, rank: i + 1 })), () => stop(job.ctl));
  if (failed) {
    // The helpers that did start have returned from their session loop (GO = −1).
    const error = failed.find((r): r is Reply & { type: 'error' } => r.type === 'error');
    throw error ? ctx.toError(error.error) : new Error('parallel: a worker did not take its rank');
  }
  let rank0: ReturnType<typeof sessionRank>;
  try {
    rank0 = sessionRank(job, 0, networkFor(ctx.cache, ctx.spec));
  } catch (e) {
    // The helpers are in their session loop: end it, so that the trainer's next run finds them free.
    stop(job.ctl);
    await Promise.all(helpers.map((p) => p.next()));
    throw e;
  }
  const w = new Float64Array(shards);
  let step = 0;
  let open = true;
  return {
    rows: N,
    threads: T,
    shards,
    reason,
    compute(rows, out) {
      if (!open) throw new BackpropError('invalid_argument', 'rowGradient', 'an open session', 'a closed one');
      // As core's RowGradient.compute words them, except that `out` must be θ's dtype (the threads reduce into it).
      const n = rows?.length;
      if (typeof n !== 'number' || n === 0) throw new BackpropError('empty_batch', 'rows', 'at least one row index', describe(rows));
      if (n > N) throw new BackpropError('invalid_argument', 'rows', `at most ${N} row indices (N, the session's rows)`, `${n}`);
      if (!(out instanceof F) || out.length !== P) throw new BackpropError('shape_mismatch', 'out', `a ${F.name} of ${P} entries (|θ|)`, describe(out));
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        if (!(Number.isInteger(r) && r >= 0 && r < N)) throw new BackpropError('invalid_argument', `rows[${i}]`, `a row index in [0, ${N})`, describe(r));
        job.order[i] = r;
      }
      job.theta.set(net.flat);
      step++;
      if (T > 1) go(job.ctl, step, n);
      computeShards(rank0, step, n);
      return finishStep(rank0, step, n, out, w);
    },
    async close() {
      if (!open) return;
      open = false;
      stop(job.ctl);
      const replies = await Promise.all(helpers.map((p) => p.next()));
      release();
      ctx.onClose();
      const failed = replies.find((r): r is Reply & { type: 'error' } => r.type === 'error');
      if (failed) throw ctx.toError(failed.error);
    },
  };
}
