import { createOptimizer, createRng, type Network, type Optimizer, type OptimizerConfig, type OptimizerName, type Rng, shuffleInPlace } from '@backprop/core';
import type { ParallelRowGradient } from '@backprop/parallel';
import type { LiveSettings } from './protocol.js';

// The playground's MNIST training on @backprop/parallel's per-step sessions: each batch's gradient is cut
// into S = 2 shards that one or two threads compute and reduce in shard order, so the numbers depend on S,
// never on how many workers computed them (the package's promise, tested in Chromium by e2e/parallel.mjs).
// The loop around it is the core's minibatch SGD (SPEC §4), with the core's rules for live changes.

/** One change of an option during the run, as the core records it in `history.changes`. */
export interface RunChange {
  /** The epoch (1-based) the new value applies in, and the update steps taken before it. */
  readonly epoch: number;
  readonly iteration: number;
  readonly option: string;
  readonly from: number | string;
  readonly to: number | string;
}

/** What one call of {@link ParallelRun.next} did: an update step, the end of an epoch, or a refused step. */
export type RunEvent =
  | { readonly type: 'batch'; readonly size: number; readonly batch: number; readonly batches: number; readonly gradNorms: readonly number[] }
  | { readonly type: 'epoch'; readonly partial: false }
  | { readonly type: 'diverged'; readonly what: string };

type OptimizerChoice = OptimizerName | OptimizerConfig;

function optimizerOf(s: LiveSettings): OptimizerChoice {
  return s.optimizer === 'momentum' || s.optimizer === 'nesterov' ? { name: s.optimizer, momentum: s.momentum } : s.optimizer;
}

/** The penalty as the core defines it (SPEC §4: weights only, biases are not penalised): Ω = λ₁·Σ|W| + λ₂·ΣW². */
function penaltyOf(s: LiveSettings): { l1: number; l2: number } {
  const rate = s.regularization === 'none' ? 0 : s.regularizationRate;
  return { l1: s.regularization === 'l1' ? rate : 0, l2: s.regularization === 'l2' ? rate : 0 };
}

/**
 * Minibatch training of `net` whose gradients come from a {@link ParallelRowGradient}: the rows reshuffled
 * every epoch from the seed; per step ∇ of the mean loss (+ the penalty's ∇ on the weights), then the
 * optimizer's update. Live settings follow the core's rules for a running session: η, μ and the penalty
 * apply from the next step, a new batch size or optimizer from the next epoch (a new optimizer starts with
 * fresh buffers). A step whose loss, gradient or result is not finite is refused, θ kept. The session can
 * be swapped between steps (another worker count): nothing else changes, so neither do the numbers.
 */
export class ParallelRun {
  /** Every live change so far, as the core's `history.changes` lists them. */
  readonly changes: RunChange[] = [];
  readonly #net: Network;
  #gradient: ParallelRowGradient;
  #settings: LiveSettings;
  readonly #rng: Rng;
  readonly #order: Int32Array;
  readonly #grad: Float32Array;
  readonly #backup: Float32Array;
  /** [start, end) of each layer's W in θ (θ = [W_1 … W_L, b_1 … b_L]). */
  readonly #weights: (readonly [number, number])[] = [];
  #optimizer: Optimizer;
  #optimizerChoice: OptimizerChoice;
  #batchSize: number;
  #from: number;
  #batch = 0;
  #epochDone = false;
  #epoch = 0;
  #iteration = 0;

  constructor(net: Network, gradient: ParallelRowGradient, settings: LiveSettings, seed: number) {
    this.#net = net;
    this.#gradient = gradient;
    this.#settings = settings;
    this.#rng = createRng(seed);
    const N = gradient.rows;
    this.#order = new Int32Array(N);
    this.#from = N; // the first call starts an epoch
    this.#grad = new Float32Array(net.flat.length);
    this.#backup = new Float32Array(net.flat.length);
    let start = 0;
    let fanIn = net.inputs;
    for (const layer of net.layers) {
      this.#weights.push([start, start + fanIn * layer.units]);
      start += fanIn * layer.units;
      fanIn = layer.units;
    }
    this.#optimizerChoice = optimizerOf(settings);
    this.#optimizer = createOptimizer(this.#optimizerChoice);
    this.#batchSize = this.#clampBatch(settings.batchSize);
  }

  /** The session the gradients come from. */
  get gradient(): ParallelRowGradient {
    return this.#gradient;
  }

  /** Swaps the session between steps (same network and data, another worker count). */
  set gradient(g: ParallelRowGradient) {
    this.#gradient = g;
  }

  /** Completed epochs, and update steps taken. */
  get epoch(): number {
    return this.#epoch;
  }

  get iteration(): number {
    return this.#iteration;
  }

  /** New live settings: η, μ and the penalty from the next step; batch size and optimizer from the next epoch. */
  setLive(s: LiveSettings): void {
    const was = this.#settings;
    this.#settings = s;
    if (s.learningRate !== was.learningRate) this.#record('learningRate', was.learningRate, s.learningRate);
    const pw = penaltyOf(was);
    const ps = penaltyOf(s);
    if (pw.l1 !== ps.l1 || pw.l2 !== ps.l2) this.#record('regularization', JSON.stringify(pw), JSON.stringify(ps));
    // μ of the optimizer that is running changes at once; with a new optimizer asked for, μ goes with it at the next epoch.
    const running = this.#optimizerChoice;
    const mu = typeof running === 'object' && 'momentum' in running ? running.momentum : undefined;
    if (mu !== undefined && typeof running === 'object' && running.name === s.optimizer && mu !== s.momentum) {
      this.#record('optimizer.momentum', mu, s.momentum);
      this.#optimizer.setHyperparameters({ momentum: s.momentum });
      this.#optimizerChoice = optimizerOf(s);
    }
  }

  /** One update step on the next batch; after an epoch's last batch, the epoch's end. */
  next(): RunEvent {
    if (this.#epochDone) {
      this.#epochDone = false;
      this.#epoch++;
      return { type: 'epoch', partial: false };
    }
    const N = this.#order.length;
    if (this.#from >= N) this.#startEpoch();
    const B = this.#batchSize;
    const n = Math.min(B, N - this.#from);
    const rows = this.#order.subarray(this.#from, this.#from + n);
    const theta = this.#net.flat;
    const g = this.#grad;
    const dataLoss = this.#gradient.compute(rows, g);
    const { l1, l2 } = penaltyOf(this.#settings);
    let penalty = 0;
    const gradNorms: number[] = [];
    for (const [lo, hi] of this.#weights) {
      let sq = 0;
      for (let i = lo; i < hi; i++) {
        const w = theta[i]!;
        if (l1 !== 0 || l2 !== 0) {
          penalty += l1 * Math.abs(w) + l2 * w * w;
          g[i] = g[i]! + l1 * Math.sign(w) + 2 * l2 * w;
        }
        sq += g[i]! * g[i]!;
      }
      gradNorms.push(Math.sqrt(sq));
    }
    const loss = dataLoss + penalty;
    if (!Number.isFinite(loss)) return { type: 'diverged', what: `the loss (${loss})` };
    for (let i = 0; i < g.length; i++) if (!Number.isFinite(g[i]!)) return { type: 'diverged', what: 'the gradient' };
    this.#backup.set(theta);
    this.#optimizer.step(theta, g, this.#settings.learningRate);
    for (let i = 0; i < theta.length; i++) {
      if (!Number.isFinite(theta[i]!)) {
        theta.set(this.#backup);
        return { type: 'diverged', what: 'the updated parameters' };
      }
    }
    this.#from += n;
    this.#iteration++;
    this.#batch++;
    const batches = Math.ceil(N / B);
    if (this.#from >= N) this.#epochDone = true;
    return { type: 'batch', size: n, batch: this.#batch, batches, gradNorms };
  }

  #startEpoch(): void {
    const s = this.#settings;
    // A batch size or optimizer asked for during the last epoch applies from here on (the core's rule).
    const B = this.#clampBatch(s.batchSize);
    if (B !== this.#batchSize) {
      this.#record('batchSize', this.#batchSize, B);
      this.#batchSize = B;
    }
    const choice = optimizerOf(s);
    if (JSON.stringify(choice) !== JSON.stringify(this.#optimizerChoice)) {
      this.#record('optimizer', JSON.stringify(this.#optimizerChoice), JSON.stringify(choice));
      this.#optimizerChoice = choice;
      this.#optimizer = createOptimizer(choice); // its buffers belong to the old rule: start afresh
    }
    const N = this.#order.length;
    for (let i = 0; i < N; i++) this.#order[i] = i;
    if (this.#batchSize < N) shuffleInPlace(this.#order, this.#rng);
    this.#from = 0;
    this.#batch = 0;
  }

  #clampBatch(b: number): number {
    return Math.min(Math.max(1, Math.floor(b)), this.#order.length);
  }

  #record(option: string, from: number | string, to: number | string): void {
    this.changes.push({ epoch: this.#epoch + 1, iteration: this.#iteration, option, from, to });
  }
}
