/**
 * Data-parallel minibatch SGD on Node worker_threads, bit-for-bit equal for 1 and 2 threads.
 *
 * Every batch of B rows is cut into S = 2 fixed shards (rows [0, ⌈B/2⌉) and the rest of the batch in
 * the epoch's order), whatever the thread count. Each shard's gradient comes from core's
 * `Network.gradient` scaled by rows / B, so the two sum to the batch-mean gradient; they are summed
 * in shard order 0 + 1 and applied as θ ← θ − η·g. With one thread the main thread computes both
 * shards; with two, a worker holding its own copy of the network computes shard 1 from parameters
 * copied into shared memory, while the main thread computes shard 0 (Atomics.wait / notify hand-off).
 * The same inputs meet the same code in the same order, so both give identical bits.
 *
 * Kept in the bench package (Node-only, its one user is the harness engine); core stays browser-safe.
 */
import { Worker } from 'node:worker_threads';
import { type FloatArray, Matrix, Network, type NetworkSpec, createRng, shuffleInPlace } from '@backprop/core';

/** Control words in shared memory (Int32Array indices). */
export const Ctl = { Gen: 0, Done: 1, From: 2, Rows: 3, Batch: 4, Stop: 5, Length: 6 } as const;

/** What the worker receives for one training run. */
export interface WorkerInit {
  spec: NetworkSpec;
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
  order: SharedArrayBuffer;
  params: SharedArrayBuffer;
  grad: SharedArrayBuffer;
  ctl: SharedArrayBuffer;
}

export interface ShardedOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  shuffle: boolean;
  seed: number;
}

const defaultWorkerUrl = new URL('./parallel-worker.js', import.meta.url);

/** A pool of at most one helper thread (the second of two), reused across runs. */
export class ShardPool {
  readonly threads: number;
  #worker: Worker | undefined;
  // The training data in shared memory, kept while the next run trains on the same data (the harness's 3 runs).
  #data: { X: FloatArray; Y: Float32Array; x: SharedArrayBuffer; y: SharedArrayBuffer } | undefined;

  constructor(threads: number, workerUrl: URL = defaultWorkerUrl) {
    this.threads = Math.min(2, Math.max(1, threads | 0));
    if (this.threads > 1) {
      // A clean execArgv: the helper loads the built @backprop/core even under a test runner's source conditions.
      this.#worker = new Worker(workerUrl, { execArgv: [] });
      this.#worker.unref();
    }
  }

  /**
   * Trains `net` (float32, softmax + cross-entropy or any loss `Network.gradient` supports) on X and
   * one-hot Y with sharded minibatch SGD; `spec` rebuilds the same network on the helper thread.
   */
  async train(net: Network, spec: NetworkSpec, X: Matrix, Y: Matrix, o: ShardedOptions): Promise<void> {
    const N = X.rows;
    const P = net.flat.length;
    const shared = (bytes: number) => new SharedArrayBuffer(bytes);
    const orderBuf = shared(4 * N);
    const order = new Int32Array(orderBuf);
    const g0 = new Float32Array(P);
    let g1: Float32Array<ArrayBufferLike> = new Float32Array(P);
    const ctlBuf = shared(4 * Ctl.Length);
    const ctl = new Int32Array(ctlBuf);
    let params: Float32Array<SharedArrayBuffer> | undefined;
    const worker = this.#worker;
    if (worker) {
      const d = this.#data;
      if (!d || d.X.buffer !== X.data.buffer || d.X.byteOffset !== X.data.byteOffset || d.X.length !== X.data.length || !sameValues(d.Y, Y.data)) {
        const x = shared(4 * X.data.length);
        const y = shared(4 * Y.data.length);
        new Float32Array(x).set(X.data);
        new Float32Array(y).set(Y.data);
        this.#data = { X: X.data, Y: Float32Array.from(Y.data), x, y };
      }
      const init: WorkerInit = { spec, x: this.#data!.x, y: this.#data!.y, order: orderBuf, params: shared(4 * P), grad: shared(4 * P), ctl: ctlBuf };
      params = new Float32Array(init.params);
      g1 = new Float32Array(init.grad);
      await new Promise<void>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        worker.once('error', onError);
        worker.once('message', () => {
          worker.off('error', onError);
          resolve();
        });
        worker.postMessage(init);
      });
    }
    const shards = new Map<number, { x: Matrix; y: Matrix }>();
    const shardOf = (rows: number) => {
      let s = shards.get(rows);
      if (!s) shards.set(rows, (s = { x: Matrix.zeros(rows, X.cols, 'float32'), y: Matrix.zeros(rows, Y.cols, 'float32') }));
      return s;
    };
    const rng = createRng(o.seed);
    const B = o.batchSize;
    const flat = net.flat;
    let gen = 0;
    try {
      for (let epoch = 0; epoch < o.epochs; epoch++) {
        for (let i = 0; i < N; i++) order[i] = i;
        if (o.shuffle && B < N) shuffleInPlace(order, rng);
        for (let from = 0; from < N; from += B) {
          const n = Math.min(B, N - from);
          const n0 = Math.ceil(n / 2);
          const n1 = n - n0;
          if (worker && params && n1 > 0) {
            params.set(flat);
            ctl[Ctl.From] = from + n0;
            ctl[Ctl.Rows] = n1;
            ctl[Ctl.Batch] = n;
            Atomics.store(ctl, Ctl.Gen, ++gen);
            Atomics.notify(ctl, Ctl.Gen);
          }
          const s0 = shardOf(n0);
          gatherRows(X, Y, order, from, s0.x, s0.y);
          net.gradient(s0.x, s0.y, g0, n0 / n);
          if (n1 > 0) {
            if (worker) {
              while (Atomics.load(ctl, Ctl.Done) !== gen) Atomics.wait(ctl, Ctl.Done, Atomics.load(ctl, Ctl.Done));
            } else {
              const s1 = shardOf(n1);
              gatherRows(X, Y, order, from + n0, s1.x, s1.y);
              net.gradient(s1.x, s1.y, g1, n1 / n);
            }
          } else g1.fill(0);
          sgdUpdate(flat, g0, g1, o.learningRate);
        }
      }
    } finally {
      if (worker) {
        ctl[Ctl.Stop] = 1;
        Atomics.store(ctl, Ctl.Gen, ++gen);
        Atomics.notify(ctl, Ctl.Gen);
      }
    }
  }

  /** Stops the helper thread. */
  async close(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}

function sameValues(a: FloatArray, b: FloatArray): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Copies rows order[start …] of X and Y into xb and yb (their row counts). */
export function gatherRows(X: Matrix, Y: Matrix, order: ArrayLike<number>, start: number, xb: Matrix, yb: Matrix): void {
  const nx = X.cols;
  const ny = Y.cols;
  for (let r = 0; r < xb.rows; r++) {
    const i = order[start + r]!;
    xb.data.set(X.data.subarray(i * nx, (i + 1) * nx), r * nx);
    yb.data.set(Y.data.subarray(i * ny, (i + 1) * ny), r * ny);
  }
}

/** θ ← θ − η·(g0 + g1), the shard sum rounded to float32 first (the same in every thread layout). */
export function sgdUpdate(theta: Float32Array | Float64Array, g0: Float32Array, g1: Float32Array, lr: number): void {
  for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! - lr * Math.fround(g0[i]! + g1[i]!);
}

/** One-hot float32 targets (N × classes) from class indices. */
export function oneHot(y: ArrayLike<number>, n: number, classes: number): Matrix {
  const m = Matrix.zeros(n, classes, 'float32');
  for (let i = 0; i < n; i++) m.data[i * classes + y[i]!] = 1;
  return m;
}
