/**
 * The parallel trainer: validates at the boundary, lays the data and the step's buffers out in shared
 * memory, hands each worker its rank of the job (run.ts) and computes rank 0 itself where it may block.
 */
import {
  BackpropError,
  type FloatArray,
  Matrix,
  Network,
  type NetworkSpec,
  type Inputs,
  type TrainTargets,
  type TrainingData,
  acquireTraining,
  ready,
} from '@backprop/core';
import { type DataArgs, firstNonFinite, floats, prepareData, splitArgs, wordAsFit, wordedAsFit } from './data.js';
import { type ErrorData, type Host, type Port, type Reply, startRanks } from './host.js';
import {
  describe,
  type ParallelFitOptions,
  type ParallelRowGradientOptions,
  type ParallelTrainerOptions,
  resolveBatchSize,
  resolveFitOptions,
  resolveRowGradientOptions,
  resolveTrainerOptions,
} from './options.js';
import { type ParallelRowGradient, openRowGradient } from './row-gradient.js';
import { type Job, type RankResult, runRank } from './run.js';
import { abort, controlLength } from './sync.js';

/** What {@link ParallelTrainer.fit} reports. */
export interface ParallelFitResult {
  /** Mean training loss of each epoch, over its batches as they were before each update. */
  readonly losses: readonly number[];
  /** Epochs completed. */
  readonly epochs: number;
  /** Update steps taken. */
  readonly steps: number;
  /** Threads that computed (at most `shards`). */
  readonly threads: number;
  /** S, the shards each batch was cut into. */
  readonly shards: number;
}

/** Data-parallel training with a fixed pool of threads; see {@link createParallelTrainer}. */
export interface ParallelTrainer {
  /** Threads that compute (1: the calling thread alone). */
  readonly threads: number;
  /** Why `threads` is less than asked for (no SharedArrayBuffer, not cross-origin isolated, fewer cores), or undefined. */
  readonly reason: string | undefined;
  /**
   * Trains `net` in place with minibatch gradient descent: each batch cut into `shards` fixed pieces
   * whose gradients the threads compute, reduced in shard order. Same seed and shards → the same bits
   * for any thread count, in Node and in browsers. `X`: N × n0; `Y`: N × n_L targets, N class indices, or
   * N class names (with the network's `labels` preprocessing), as core's `net.fit` takes them; the options
   * default as there (the shuffle's seed: the network's). Runs one fit at a time (later calls wait), and
   * holds `net` meanwhile (core's fit / train / steps on it throw `busy`). If it throws, `net` is unchanged.
   * While one of this trainer's rowGradient sessions is open it rejects at once with `busy` naming the session.
   * Throws `BackpropError` (`invalid_option`, `invalid_argument`, `empty_batch`, `shape_mismatch`,
   * `label_out_of_range`, `non_finite`, `busy`, `diverged`) as `net.fit` would for the same call.
   * @example await trainer.fit(net, X, labels, { epochs: 3, batchSize: 16, learningRate: 0.05, seed: 1 }); await trainer.close();
   * @prelude const trainer = await createParallelTrainer({ threads: 2 });
   */
  fit(net: Network, X: Inputs, Y: TrainTargets, options?: ParallelFitOptions): Promise<ParallelFitResult>;
  /**
   * Trains on a data set as `net.fit(data, options)` does: a `Dataset` (what `@backprop/datasets` returns),
   * `{ X, y }` or `{ X, Y }`, with the same results as passing its parts; a Dataset's class names become the
   * network's `labels` where `net.fit` would attach them (once the fit has succeeded: if it throws, `net` is unchanged).
   * @example await trainer.fit(net, { X, y: labels }, { epochs: 3, batchSize: 16, learningRate: 0.05, seed: 1 }); await trainer.close();
   * @prelude const trainer = await createParallelTrainer({ threads: 2 });
   */
  fit(net: Network, data: TrainingData, options?: ParallelFitOptions): Promise<ParallelFitResult>;
  /**
   * A per-step session for a caller that drives its own loop (pause, single steps, a speed control, its
   * own update rule): validates X and Y once, shares them with the threads, and resolves to a
   * {@link ParallelRowGradient} whose `compute(rows, out)` is one batch's gradient at `net`'s current θ,
   * cut into `shards` (default 2) and reduced in shard order (same bits as `fit`'s steps, for any thread
   * count). The session holds the trainer's threads until its `close()`: meanwhile `fit`, another
   * `rowGradient` and `close()` of this trainer reject at once with `busy` naming the session (they would
   * wait for that `close()`), so close the session first.
   * @example const g = await trainer.rowGradient(net, X, labels); const loss = g.compute([0, 1, 2, 3], grad); await g.close(); await trainer.close();
   * @prelude const trainer = await createParallelTrainer({ threads: 2 }); const grad = new Float32Array(net.flat.length);
   */
  rowGradient(net: Network, X: Inputs, Y: TrainTargets, options?: ParallelRowGradientOptions): Promise<ParallelRowGradient>;
  /** A per-step session on a data set (`Dataset`, `{ X, y }`, `{ X, Y }`), as {@link ParallelTrainer.fit} takes one. */
  rowGradient(net: Network, data: TrainingData, options?: ParallelRowGradientOptions): Promise<ParallelRowGradient>;
  /**
   * Stops the workers once the fits asked for before it have ended; fits and sessions asked for afterwards
   * reject. The trainer is unusable afterwards. While a rowGradient session is open it rejects with `busy`
   * naming the session and closes nothing: close the session first.
   */
  close(): Promise<void>;
}

/** The job's spec: the network's layers, loss, dtype and kernel set (θ travels separately). */
function specOf(net: Network): NetworkSpec {
  const s = net.spec;
  const last = s.layers[s.layers.length - 1]!;
  return {
    inputs: s.inputs,
    layers: s.layers.slice(0, -1).map((l) => ({ units: l.units, activation: l.activation! })),
    output: { units: last.units, fn: s.output, loss: s.loss },
    dtype: s.dtype,
    backend: net.backend,
  };
}

/**
 * Memory the threads share, kept by the trainer and reused by every fit (allocating a SharedArrayBuffer
 * costs milliseconds): carved into 64-byte-aligned views, grown when a run needs more.
 */
class Arena {
  #buffer: ArrayBuffer | undefined;
  #shared = false;
  #cursor = 0;

  /** Starts carving a run's views out of at least `bytes` bytes (shared memory when `shared`). */
  begin(bytes: number, shared: boolean): void {
    if (!this.#buffer || this.#buffer.byteLength < bytes || this.#shared !== shared) {
      this.#buffer = (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)) as ArrayBuffer;
      this.#shared = shared;
    }
    this.#cursor = 0;
  }

  /** The next `length` elements, zeroed. */
  take<A extends Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor>(Ctor: A, length: number): InstanceType<A> {
    const view = new Ctor(this.#buffer!, this.#cursor, length) as InstanceType<A>;
    this.#cursor += Arena.size(length * Ctor.BYTES_PER_ELEMENT);
    return view.fill(0) as InstanceType<A>;
  }

  /** Bytes `bytes` occupies once aligned. */
  static size(bytes: number): number {
    return (bytes + 63) & ~63;
  }
}

function toError(e: ErrorData): Error {
  if (e.code !== undefined && e.argument !== undefined && e.expected !== undefined && e.actual !== undefined) {
    return new BackpropError(e.code as BackpropError['code'], e.argument, e.expected, e.actual, e.hint);
  }
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

class Trainer implements ParallelTrainer {
  readonly threads: number;
  readonly reason: string | undefined;
  readonly #host: Host;
  readonly #ports: Port[];
  readonly #cache = new Map<string, Network>();
  readonly #arena = new Arena();
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  /** The rowGradient session asked for and not yet closed (at most one: another call would queue behind it). */
  #session: { readonly id: number; rows: number | undefined } | undefined;
  #sessions = 0;

  constructor(host: Host, threads: number, reason: string | undefined, ports: Port[]) {
    this.#host = host;
    this.threads = threads;
    this.reason = reason;
    this.#ports = ports;
  }

  fit(net: Network, X: Inputs, Y: TrainTargets, options?: ParallelFitOptions): Promise<ParallelFitResult>;
  fit(net: Network, data: TrainingData, options?: ParallelFitOptions): Promise<ParallelFitResult>;
  fit(net: Network, a: Inputs | TrainingData, b?: TrainTargets | ParallelFitOptions, c?: ParallelFitOptions): Promise<ParallelFitResult> {
    // Closed is checked at the call: a fit asked for before close() runs (close waits for it), one after is refused.
    if (this.#closed) return Promise.reject(closedError());
    if (this.#session) return Promise.reject(this.#heldError('trainer.fit'));
    const run = this.#queue.then(() => {
      const [data, options] = splitArgs<ParallelFitOptions>('trainer.fit', a, b, c);
      return this.#fit(net, data, options);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #fit(net: Network, data: DataArgs, options?: ParallelFitOptions): Promise<ParallelFitResult> {
    checkNetwork(net, 'fit');
    // In core's order: the options, then the data (core's own checks), then the batch size against N.
    const o = resolveFitOptions(options, net.spec.seed);
    // X's entries are not scanned here: each rank's core RowGradient checks a row where it first reads it, so
    // the threads share that pass (a scan here would be one more serial pass over X per fit). A rank's
    // non_finite is then worded as net.fit words it, by core's full check (see wordAsFit).
    const { X: x, Y: y, labels } = prepareData(net, data, { assumeFinite: true });
    // net.fit checks the batch size after X's entries: a refusal waits for that check (which throws first if X has a NaN).
    const batchSize = wordedAsFit(() => resolveBatchSize(o.batchSize, x.rows), net, data);
    const T = Math.min(this.threads, o.shards);
    const shared = T > 1;
    const P = net.flat.length;
    const F = floats(net.dtype);
    // X and Y are used in place when every thread can already see them, else copied once into the arena.
    const visible = (d: FloatArray) => d instanceof F && (!shared || d.buffer instanceof SharedArrayBuffer);
    const copyX = !visible(x.data);
    const copyY = !visible(y.data);
    const E = F.BYTES_PER_ELEMENT;
    const size = Arena.size;
    this.#arena.begin(
      size(4 * controlLength(T)) + size(8 * o.shards) + size(E * P) + size(E * P * o.shards) + (copyX ? size(E * x.data.length) : 0) + (copyY ? size(E * y.data.length) : 0),
      shared,
    );
    const a = this.#arena;
    const ctl = a.take(Int32Array, controlLength(T));
    const losses = a.take(Float64Array, o.shards);
    const theta = a.take(F, P);
    theta.set(net.flat);
    const grads = a.take(F, P * o.shards);
    const xs = copyX ? a.take(F, x.data.length) : x.data;
    const ys = copyY ? a.take(F, y.data.length) : y.data;
    if (copyX) xs.set(x.data);
    if (copyY) ys.set(y.data);
    const job: Job = {
      spec: specOf(net),
      theta,
      x: xs,
      y: ys,
      rows: x.rows,
      ctl,
      grads,
      losses,
      shards: o.shards,
      threads: T,
      epochs: o.epochs,
      batchSize,
      learningRate: o.learningRate,
      seed: o.seed,
      shuffle: o.shuffle,
      optimizer: o.optimizer,
    };
    // The network is this fit's until it ends, as in core's own fit: a net.fit / train / steps meanwhile (or a
    // fit of another trainer) throws busy, and this throws busy if one of them holds the network.
    const release = acquireTraining(net, 'trainer.fit');
    try {
      const r = await (T > 1 && !this.#host.canBlock ? this.#onWorkers(job) : this.#withMain(job)).catch((e: unknown) => wordAsFit(e, net, data));
      const bad = firstNonFinite(r.theta);
      if (bad >= 0) throw new BackpropError('diverged', 'θ', 'finite parameters after training', `θ[${bad}] = ${r.theta[bad]}`, 'lower the learning rate');
      if (net.disposed) throw disposedError('net', 'a network that was not disposed while trainer.fit ran', 'one disposed meanwhile: its result is lost');
      // A data set's class names become the network's labels, as net.fit attaches them (here once nothing can fail).
      if (labels) net.setPreprocessing({ ...net.preprocessing, labels });
      net.flat.set(r.theta);
      return { losses: r.losses, epochs: o.epochs, steps: r.steps, threads: T, shards: o.shards };
    } finally {
      release();
    }
  }

  /** Rank 0 here, ranks 1 … T − 1 on the workers. */
  async #withMain(job: Job): Promise<RankResult> {
    const helpers = this.#ports.slice(0, job.threads - 1);
    const failed = await startRanks(helpers, helpers.map((_, i) => ({ type: 'job', job, rank: i + 1, reply: false })), () => abort(job.ctl, job.threads));
    if (failed) return settle(undefined, undefined, failed);
    let result: RankResult | undefined;
    let failure: unknown;
    try {
      result = runRank(job, 0, this.#cache);
    } catch (e) {
      failure = e;
    }
    const replies = await Promise.all(helpers.map((p) => p.next()));
    return settle(result, failure, replies);
  }

  /** Every rank on a worker (a page's main thread may not block); rank 0's worker sends θ back. */
  async #onWorkers(job: Job): Promise<RankResult> {
    const ports = this.#ports.slice(0, job.threads);
    const failed = await startRanks(ports, ports.map((_, i) => ({ type: 'job', job, rank: i, reply: i === 0 })), () => abort(job.ctl, job.threads));
    if (failed) return settle(undefined, undefined, failed);
    const replies = await Promise.all(ports.map((p) => p.next()));
    const first = replies[0]!;
    const result = first.type === 'done' && first.theta ? { losses: first.losses, steps: first.steps, theta: first.theta } : undefined;
    return settle(result, undefined, replies);
  }

  rowGradient(net: Network, X: Inputs, Y: TrainTargets, options?: ParallelRowGradientOptions): Promise<ParallelRowGradient>;
  rowGradient(net: Network, data: TrainingData, options?: ParallelRowGradientOptions): Promise<ParallelRowGradient>;
  rowGradient(net: Network, a: Inputs | TrainingData, b?: TrainTargets | ParallelRowGradientOptions, c?: ParallelRowGradientOptions): Promise<ParallelRowGradient> {
    if (this.#closed) return Promise.reject(closedError());
    if (this.#session) return Promise.reject(this.#heldError('trainer.rowGradient'));
    const held = { id: ++this.#sessions, rows: undefined as number | undefined };
    this.#session = held;
    let closed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      closed = () => {
        if (this.#session === held) this.#session = undefined;
        resolve();
      };
    });
    const session = this.#queue.then(() => {
      const [data, options] = splitArgs<ParallelRowGradientOptions>('trainer.rowGradient', a, b, c);
      checkNetwork(net, 'rowGradient');
      const { shards } = resolveRowGradientOptions(options);
      const ctx = { threads: this.threads, canBlock: this.#host.canBlock, ports: this.#ports, cache: this.#cache, spec: specOf(net), toError, onClose: closed };
      return openRowGradient(ctx, net, data, shards);
    });
    session.then(
      (g) => {
        held.rows = g.rows;
      },
      () => closed(),
    );
    // The threads are the session's until it closes: nothing may queue behind it (see #heldError).
    this.#queue = session.then(() => done, () => undefined);
    return session;
  }

  /**
   * The error for a call made while this trainer's rowGradient session is open (or opening): the call would
   * queue behind the session, which ends only at its close(), so awaiting it before that close() would wait
   * forever. Refused at once instead, as Keras or PyTorch refuse a call that cannot proceed.
   */
  #heldError(call: string): BackpropError {
    const s = this.#session!;
    const what = `trainer.rowGradient session #${s.id}${s.rows === undefined ? ' (still opening)' : ` (${s.rows} rows)`}`;
    return new BackpropError(
      'busy',
      call,
      'a trainer with no open rowGradient session (a session holds the trainer’s threads until its close())',
      `its ${what} still open`,
      `Close that session first (await session.close()), then call ${call}`,
    );
  }

  /** Refuses later fits and sessions, waits for the fits asked for before, stops the workers (refused while a session is open). */
  async close(): Promise<void> {
    if (this.#session) throw this.#heldError('trainer.close');
    this.#closed = true;
    await this.#queue;
    await Promise.all(this.#ports.splice(0).map((p) => p.terminate()));
  }
}

function closedError(): BackpropError {
  return new BackpropError('invalid_argument', 'trainer', 'an open trainer', 'a closed one (close() was called)', 'Create another trainer with createParallelTrainer()');
}

function disposedError(argument: string, expected: string, actual: string): BackpropError {
  return new BackpropError('disposed', argument, expected, actual, 'dispose() gave its memory back; clone() a network to keep a copy');
}

/** A network that can train: named as this call's argument `net` (core would name an internal call, `net.flat`). */
function checkNetwork(net: unknown, call: 'fit' | 'rowGradient'): void {
  if (!(net instanceof Network)) {
    // net.fit(X, y) has no network argument: a call moved over from it passes its data first.
    const data = Array.isArray(net) || ArrayBuffer.isView(net) || net instanceof Matrix || (typeof net === 'object' && net !== null && 'X' in net);
    throw new BackpropError('invalid_argument', 'net', 'a Network', describe(net), data ? `The network comes first: trainer.${call}(net, X, y, options), or trainer.${call}(net, dataset, options)` : undefined);
  }
  if (net.disposed) throw disposedError('net', 'a network that has not been disposed', 'a disposed network');
}

/** The run's result, or its root cause: a rank's own failure beats the peers' "another thread failed". */
function settle(result: RankResult | undefined, failure: unknown, replies: readonly Reply[]): RankResult {
  const errors = replies.flatMap((r) => (r.type === 'error' ? [r.error] : []));
  const root = errors.find((e) => e.name !== 'PeerFailed');
  if (failure !== undefined && (failure as Error).name !== 'PeerFailed') throw failure;
  if (root) throw toError(root);
  if (failure !== undefined) throw failure;
  if (errors[0]) throw toError(errors[0]);
  if (!result) throw new Error('parallel: no result from rank 0');
  return result;
}

/** Builds a trainer on `host`: clamps the thread count, starts the workers and waits until they are ready. */
export async function createTrainer(host: Host, options?: ParallelTrainerOptions): Promise<ParallelTrainer> {
  const asked = resolveTrainerOptions(options) ?? host.cores;
  await ready(); // the WebAssembly kernels on this thread too, so `auto` names the same set everywhere
  let threads = Math.min(asked, Math.max(1, host.cores));
  let reason = threads < asked ? `${host.cores} hardware threads` : undefined;
  if (threads > 1 && host.unavailable) {
    threads = 1;
    reason = host.unavailable;
  }
  const workers = threads === 1 ? 0 : host.canBlock ? threads - 1 : threads;
  const ports = Array.from({ length: workers }, () => host.spawn());
  const hello = await Promise.all(ports.map((p) => p.next()));
  const failed = hello.find((r) => r.type !== 'ready');
  if (failed) {
    await Promise.all(ports.map((p) => p.terminate()));
    throw failed.type === 'error' ? toError(failed.error) : new Error('parallel: a worker did not start');
  }
  return new Trainer(host, threads, reason, ports);
}
