/**
 * What every rank runs: the same loop over the same batches, in lockstep. Each batch of n rows is cut
 * into S fixed shards (shard s holds rows [⌈s·n/S⌉, ⌈(s+1)·n/S⌉) of the batch in the epoch's order);
 * rank r of T computes shards ⌊r·S/T⌋ … ⌊(r+1)·S/T⌋ − 1 with core's `RowGradient` (scale 1) into its
 * slots of shared memory, then waits at the first barrier. Rank r then reduces the S shard gradients in
 * shard order, g = Σ_s (rows_s / n)·g_s (in float64, rounded once to θ's dtype), over its own slice
 * [sliceStart(r), sliceStart(r + 1)) of θ only (about P/T entries, aligned), updates that slice of its own θ, writes it into the shared θ, waits at
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
  type Kernels,
  Matrix,
  Network,
  type NetworkSpec,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerName,
  type RowGradient,
  createOptimizer,
  createRng,
  epochOrder,
  kernelsFor,
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

// The reduced gradient of a step, in the kernel set's memory (one per network, reused by later runs).
const scratchCache = new WeakMap<Network, FloatArray>();

/**
 * Where rank r's slice of θ starts: r·P/T rounded down to a multiple of 16 entries (P at r = T). Copies
 * between shared and unshared memory go word by word only when both ends are aligned (byte by byte
 * otherwise: measured 2.7× slower for the rank whose slice started mid-word), and ranks writing the
 * shared θ never share a 64-byte cache line.
 */
export function sliceStart(rank: number, P: number, T: number): number {
  return rank >= T ? P : Math.floor((rank * P) / T / 16) * 16;
}

/** Shard s of an n-row batch holds its rows [cut[s], cut[s + 1]): cut[s] = ⌈s·n/S⌉. */
export function shardCuts(cut: Int32Array, n: number, S: number): void {
  for (let s = 0; s <= S; s++) cut[s] = Math.ceil((s * n) / S);
}

/**
 * g[lo, hi) = Σ_s w_s·g_s[lo, hi), accumulated in float64 in shard order and rounded once to g's dtype
 * (shard s at grads[s·P …], P = |g|). Two shards, the usual case, run in the kernel set's `weightedSum`
 * (SIMD in the WebAssembly set), which gives the loop's bits for S = 2 except the sign of a sum of two
 * −0 products (−0, where the loop's 0 + … gives +0): θ − η·(±0) and every optimizer's buffers are the same.
 */
export function reduce(kernels: Kernels, g: FloatArray, grads: FloatArray, w: Float64Array, lo: number, hi: number): void {
  const S = w.length;
  const P = g.length;
  if (S === 2) {
    kernels.weightedSum(grads.subarray(lo, hi), w[0]!, grads.subarray(P + lo, P + hi), w[1]!, g.subarray(lo, hi));
    return;
  }
  for (let i = lo; i < hi; i++) {
    let v = 0;
    for (let s = 0; s < S; s++) v += w[s]! * grads[s * P + i]!;
    g[i] = v;
  }
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

/** What a rank keeps between steps (one object of one shape: the step function stays monomorphic). */
interface Rank {
  readonly job: Job;
  readonly rank: number;
  readonly theta: FloatArray;
  readonly mine: FloatArray;
  readonly g: FloatArray;
  readonly gMine: FloatArray;
  readonly lo: number;
  readonly hi: number;
  readonly first: number;
  readonly last: number;
  readonly plain: boolean;
  readonly kernels: Kernels;
  readonly optimizer: Optimizer;
  readonly gradient: RowGradient;
  readonly order: Int32Array;
  readonly cut: Int32Array;
  readonly w: Float64Array;
}

function loop(job: Job, rank: number, net: Network): RankResult {
  const { shards: S, threads: T, rows: N, batchSize: B, theta: shared, x: X, y: Y } = job;
  const theta = net.flat;
  theta.set(shared);
  const P = theta.length;
  // This rank's slice [lo, hi) of θ to reduce and update.
  const lo = sliceStart(rank, P, T);
  const hi = sliceStart(rank + 1, P, T);
  // Plain SGD updates with the kernel set's fused `sgdStep`; the others step on the reduced gradient.
  const kernels = kernelsFor(net.backend as BackendName);
  let g = scratchCache.get(net);
  if (!g) scratchCache.set(net, (g = kernels.allocate(P, net.dtype)));
  const r: Rank = {
    job,
    rank,
    theta,
    mine: theta.subarray(lo, hi),
    g,
    gMine: g.subarray(lo, hi),
    lo,
    hi,
    first: Math.floor((rank * S) / T),
    last: Math.floor(((rank + 1) * S) / T),
    plain: isPlainSgd(job.optimizer),
    kernels,
    optimizer: createOptimizer(job.optimizer), // element-wise: its state for [lo, hi) only gives the same bits
    // X and Y are checked once per run, each row the first time this rank uses it (core names its row in X).
    gradient: net.rowGradient(new Matrix(N, net.inputs, X), new Matrix(N, net.outputs, Y)),
    order: new Int32Array(N),
    cut: new Int32Array(S + 1),
    w: new Float64Array(S),
  };
  const rng = createRng(job.seed);
  const epochLoss: number[] = [];
  let step = 0;
  for (let epoch = 0; epoch < job.epochs; epoch++) {
    epochOrder(r.order, job.shuffle && B < N ? rng : undefined);
    let total = 0;
    for (let from = 0; from < N; from += B) total += trainStep(r, ++step, epoch, from, Math.min(B, N - from));
    epochLoss.push(total / N);
  }
  return { losses: epochLoss, steps: step, theta };
}

/**
 * One step of rank r on the batch of rows order[from, from + n): its shards' gradients, the reduce and
 * update of its slice, the exchange. Returns the batch's mean loss times n. A function of its own, called
 * every step, so that the engine optimises it once and keeps it for later runs: the loop around it is
 * entered once per run, and compiling it anew (tens of ms) took a core from the ranks while they trained.
 */
function trainStep(r: Rank, step: number, epoch: number, from: number, n: number): number {
  const { job, cut, w, order, theta, lo, hi } = r;
  const { shards: S, threads: T, ctl, grads, losses, theta: shared } = job;
  const P = theta.length;
  shardCuts(cut, n, S);
  for (let s = 0; s < S; s++) w[s] = (cut[s + 1]! - cut[s]!) / n;
  for (let s = r.first; s < r.last; s++) {
    const out = grads.subarray(s * P, (s + 1) * P);
    if (cut[s + 1] === cut[s]) {
      out.fill(0);
      losses[s] = 0;
    } else losses[s] = r.gradient.compute(order.subarray(from + cut[s]!, from + cut[s + 1]!), out);
  }
  // Phase 1: every shard's gradient is written.
  if (T > 1) sync(ctl, r.rank, T, 2 * step - 1);
  let loss = 0;
  for (let s = 0; s < S; s++) loss += w[s]! * losses[s]!;
  if (!Number.isFinite(loss)) throw diverged(step, epoch, 'loss', String(loss));
  reduce(r.kernels, r.g, grads, w, lo, hi);
  if (r.plain) {
    if (!r.kernels.sgdStep(r.mine, r.gMine, job.learningRate)) throw diverged(step, epoch, 'θ − η·∇θ', 'a non-finite parameter');
  } else {
    r.optimizer.step(r.mine, r.gMine, job.learningRate);
  }
  if (T > 1) {
    shared.set(r.mine, lo);
    // Phase 2: every slice of θ is updated; take the others' slices.
    sync(ctl, r.rank, T, 2 * step);
    if (lo > 0) theta.set(shared.subarray(0, lo));
    if (hi < P) theta.set(shared.subarray(hi), hi);
  }
  return loss * n;
}

function sync(ctl: Int32Array, rank: number, threads: number, phase: number): void {
  arrive(ctl, rank, phase);
  awaitStep(ctl, threads, phase);
}
