/**
 * What every rank runs: the same loop over the same batches, in lockstep. Each batch of n rows is cut
 * into S fixed shards (shard s holds rows [⌈s·n/S⌉, ⌈(s+1)·n/S⌉) of the batch in the epoch's order);
 * rank r of T computes shards ⌊r·S/T⌋ … ⌊(r+1)·S/T⌋ − 1 with core's `RowGradient` (scale 1) into its
 * slots of shared memory, then waits at the first barrier. Rank r then reduces the S shard gradients in
 * shard order, g = Σ_s (rows_s / n)·g_s (in float64, rounded once to θ's dtype), over its own slice
 * [⌊r·P/T⌋, ⌊(r+1)·P/T⌋) of θ only, updates that slice of its own θ, writes it into the shared θ, waits at
 * the second barrier and copies the other ranks' slices from the shared θ into its own. Every operation
 * after the shard gradients is element-wise, so which rank did a slice changes no bit: a run's bits
 * depend on S but never on T.
 *
 * What is copied each step, per rank: its shard gradients out of the network's kernel memory into shared
 * memory (|θ| entries per shard, inside `RowGradient.compute`: the kernels' memory is per thread), its
 * updated slice into the shared θ (|θ|/T) and the other slices back out of it ((T − 1)·|θ|/T). Per run:
 * θ into shared memory and from there into each rank's network, and back into the caller's network.
 */
import {
  type BackendName,
  BackpropError,
  type FloatArray,
  Matrix,
  Network,
  type NetworkSpec,
  type OptimizerConfig,
  type OptimizerName,
  createOptimizer,
  createRng,
  kernelsFor,
  shuffleInPlace,
} from '@backprop/core';
import { abort, arrive, awaitStep } from './sync.js';

/** One training run as each rank receives it (structured-cloned to workers; the arrays view shared memory). */
export interface Job {
  /** Rebuilds the network on every thread. */
  readonly spec: NetworkSpec;
  /** θ: at the start, and after each step the slices each rank updated (the ranks' exchange). */
  readonly theta: FloatArray;
  /** N rows of inputs (N × n0) and one-hot or regression targets (N × n_L), in θ's dtype. */
  readonly x: FloatArray;
  readonly y: FloatArray;
  readonly rows: number;
  /** The barrier (sync.ts), the step's shard gradients (S × P) and shard losses (S). */
  readonly ctl: Int32Array;
  readonly grads: FloatArray;
  readonly losses: Float64Array;
  readonly shards: number;
  readonly threads: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly shuffle: boolean;
  readonly optimizer: OptimizerName | OptimizerConfig;
}

/** What a rank returns: the mean loss of each epoch (before each step's update), steps taken, θ at the end. */
export interface RankResult {
  readonly losses: number[];
  readonly steps: number;
  readonly theta: FloatArray;
}

/** The network a thread trains for `spec`: built once per thread and spec, reused by later runs (no new kernel memory). */
export function networkFor(cache: Map<string, Network>, spec: NetworkSpec): Network {
  const key = JSON.stringify(spec);
  let net = cache.get(key);
  if (!net) cache.set(key, (net = Network.create(spec)));
  return net;
}

/** Plain SGD (no momentum): the update runs in the kernel set's fused `sgdStep`. */
export function isPlainSgd(o: OptimizerName | OptimizerConfig): boolean {
  if (o === 'sgd') return true;
  return typeof o === 'object' && o.name === 'sgd' && (o.momentum ?? 0) === 0;
}

const scratchCache = new WeakMap<Network, FloatArray>();

/** Shard s of an n-row batch holds its rows [cut[s], cut[s + 1]): cut[s] = ⌈s·n/S⌉. */
export function shardCuts(cut: Int32Array, n: number, S: number): void {
  for (let s = 0; s <= S; s++) cut[s] = Math.ceil((s * n) / S);
}

/** g[lo, hi) = Σ_s w_s·g_s[lo, hi), accumulated in float64 in shard order (shard s at grads[s·P …]). */
export function reduce(g: FloatArray, grads: FloatArray, w: Float64Array, lo: number, hi: number): void {
  const S = w.length;
  const P = g.length;
  if (S === 2) {
    const w0 = w[0]!;
    const w1 = w[1]!;
    for (let i = lo; i < hi; i++) g[i] = w0 * grads[i]! + w1 * grads[P + i]!;
    return;
  }
  for (let i = lo; i < hi; i++) {
    let v = 0;
    for (let s = 0; s < S; s++) v += w[s]! * grads[s * P + i]!;
    g[i] = v;
  }
}

/**
 * Plain SGD on θ[lo, hi) in one pass, with the bits of {@link reduce} then the kernel set's `sgdStep`:
 * g = Σ_s w_s·g_s in float64 rounded once to θ's dtype, then θ − η·g in float64 rounded once (as
 * `sgdStep` and core's SGD compute it). `P` is |θ|; shard s is at grads[s·P …]. Returns false when an
 * updated parameter is not finite (θ is then partly updated: the run is abandoned, as `fit` does).
 */
export function reduceSgd(theta: FloatArray, grads: FloatArray, P: number, w: Float64Array, lr: number, lo: number, hi: number): boolean {
  return theta instanceof Float32Array && grads instanceof Float32Array && w.length === 2
    ? reduceSgd2f32(theta, grads, P, w[0]!, w[1]!, lr, lo, hi)
    : reduceSgdAny(theta, grads, P, w, lr, lo, hi);
}

// The harness's case (float32, two shards) on its own, so the engine compiles one monomorphic loop.
function reduceSgd2f32(theta: Float32Array, grads: Float32Array, P: number, w0: number, w1: number, lr: number, lo: number, hi: number): boolean {
  let check = 0;
  for (let i = lo; i < hi; i++) {
    const v = Math.fround(theta[i]! - lr * Math.fround(w0 * grads[i]! + w1 * grads[P + i]!));
    theta[i] = v;
    check += v - v; // 0 for finite v; NaN for ±∞ and NaN, and NaN stays NaN
  }
  return check === 0;
}

function reduceSgdAny(theta: FloatArray, grads: FloatArray, P: number, w: Float64Array, lr: number, lo: number, hi: number): boolean {
  const S = w.length;
  const f32 = theta instanceof Float32Array;
  let check = 0;
  for (let i = lo; i < hi; i++) {
    let g = 0;
    for (let s = 0; s < S; s++) g += w[s]! * grads[s * P + i]!;
    const v = f32 ? Math.fround(theta[i]! - lr * Math.fround(g)) : theta[i]! - lr * g;
    theta[i] = v;
    check += v - v;
  }
  return check === 0;
}

function diverged(step: number, epoch: number, what: string, value: string): BackpropError {
  return new BackpropError('diverged', what, 'finite values', `${value} at step ${step} (epoch ${epoch + 1})`, 'lower the learning rate');
}

/** Trains rank `rank` of `job` to the end; on any failure marks the run aborted (waking the peers) and rethrows. */
export function runRank(job: Job, rank: number, cache: Map<string, Network>): RankResult {
  try {
    return loop(job, rank, networkFor(cache, job.spec));
  } catch (e) {
    if (job.threads > 1) abort(job.ctl, job.threads);
    throw e;
  }
}

function loop(job: Job, rank: number, net: Network): RankResult {
  const { shards: S, threads: T, rows: N, batchSize: B, learningRate: lr, ctl, grads, losses, theta: shared, x: X, y: Y } = job;
  const theta = net.flat;
  theta.set(shared);
  const P = theta.length;
  // This rank's shards, and its slice [lo, hi) of θ to reduce and update.
  const first = Math.floor((rank * S) / T);
  const last = Math.floor(((rank + 1) * S) / T);
  const lo = Math.floor((rank * P) / T);
  const hi = Math.floor(((rank + 1) * P) / T);
  const mine = theta.subarray(lo, hi);
  const plain = isPlainSgd(job.optimizer);
  // Other optimizers step on the reduced gradient, kept in the kernel set's memory (one per network, reused).
  let g = plain ? undefined : scratchCache.get(net);
  if (!plain && !g) scratchCache.set(net, (g = kernelsFor(net.backend as BackendName).allocate(P, net.dtype)));
  const gMine = g?.subarray(lo, hi);
  const optimizer = createOptimizer(job.optimizer); // element-wise: its state for [lo, hi) only gives the same bits
  // X and Y are checked once per run, each row the first time this rank uses it (core names its row in X).
  const gradient = net.rowGradient(new Matrix(N, net.inputs, X), new Matrix(N, net.outputs, Y));
  const order = new Int32Array(N);
  const rng = createRng(job.seed);
  const cut = new Int32Array(S + 1);
  const w = new Float64Array(S);
  const epochLoss: number[] = [];
  let step = 0;
  for (let epoch = 0; epoch < job.epochs; epoch++) {
    for (let i = 0; i < N; i++) order[i] = i;
    if (job.shuffle && B < N) shuffleInPlace(order, rng);
    let total = 0;
    for (let from = 0; from < N; from += B) {
      const n = Math.min(B, N - from);
      shardCuts(cut, n, S);
      for (let s = 0; s < S; s++) w[s] = (cut[s + 1]! - cut[s]!) / n;
      step++;
      for (let s = first; s < last; s++) {
        const rows = cut[s + 1]! - cut[s]!;
        const out = grads.subarray(s * P, (s + 1) * P);
        if (rows === 0) {
          out.fill(0);
          losses[s] = 0;
          continue;
        }
        losses[s] = gradient.compute(order.subarray(from + cut[s]!, from + cut[s + 1]!), out);
      }
      // Phase 1: every shard's gradient is written.
      if (T > 1) sync(ctl, rank, T, 2 * step - 1);
      let loss = 0;
      for (let s = 0; s < S; s++) loss += w[s]! * losses[s]!;
      if (!Number.isFinite(loss)) throw diverged(step, epoch, 'loss', String(loss));
      if (plain) {
        // Reduce and update in one pass over the slice (the bits of reduce, then sgdStep).
        if (!reduceSgd(theta, grads, P, w, lr, lo, hi)) throw diverged(step, epoch, 'θ − η·∇θ', 'a non-finite parameter');
      } else {
        reduce(g!, grads, w, lo, hi);
        optimizer.step(mine, gMine!, lr);
      }
      if (T > 1) {
        shared.set(mine, lo);
        // Phase 2: every slice of θ is updated; take the others' slices.
        sync(ctl, rank, T, 2 * step);
        if (lo > 0) theta.set(shared.subarray(0, lo));
        if (hi < P) theta.set(shared.subarray(hi), hi);
      }
      total += loss * n;
    }
    epochLoss.push(total / N);
  }
  return { losses: epochLoss, steps: step, theta };
}

function sync(ctl: Int32Array, rank: number, threads: number, phase: number): void {
  arrive(ctl, rank, phase);
  awaitStep(ctl, threads, phase);
}
