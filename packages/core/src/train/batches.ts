import type { NetworkInternals } from '../internals.js';
import type { Matrix } from '../matrix.js';
import { type BatchSpan, copyBatch, gather, inOrderBatches, rowViews } from './data.js';

/**
 * Where each step's batch comes from: rows `order[from, from + n)` of the training data, copied into the
 * workspace for n rows (its h_0) with their targets and, for a weighted run, their row weights. Without
 * shuffling the batches are fixed spans, copied whole. One loader per run; `load` runs every step.
 *
 * A class of its own, not lines of the training loop: the loop is a generator entered once per run, which
 * V8 optimises only by on-stack replacement after many steps (a 2,000-step W2 fit, one step an epoch, ran
 * its first timed fits mostly in baseline code), while a function called every step is optimised early.
 */
export class BatchLoader {
  readonly #inOrder: BatchSpan[] | undefined;
  readonly #rows: ReturnType<typeof rowViews>;
  /** The targets' matrix for each batch size (a last batch may be shorter). */
  readonly #targets = new Map<number, Matrix>();

  constructor(
    readonly inner: NetworkInternals,
    readonly x: Matrix,
    readonly y: Matrix,
    /** The epoch's row order (filled by the run at each epoch start). */
    readonly order: Uint32Array,
    batchSize: number,
    shuffled: boolean,
    /** w_r of every training row, and where the current batch's go (both undefined: unweighted). */
    readonly rowWeights: Float64Array | undefined,
    readonly batchWeights: Float64Array | undefined,
  ) {
    this.#inOrder = shuffled ? undefined : inOrderBatches(x, y, batchSize);
    this.#rows = this.#inOrder ? undefined : rowViews(x);
  }

  /** Loads batch `position` (rows order[from, from + n)) into the workspace for n rows; returns its targets. */
  load(position: number, from: number, n: number): Matrix {
    const ws = this.inner.workspace(n);
    let Yb = this.#targets.get(n);
    if (!Yb) this.#targets.set(n, (Yb = ws.yHat.clone()));
    if (this.#inOrder) copyBatch(this.#inOrder[position]!, ws.h[0]!, Yb);
    else gather(this.x, this.y, this.order, from, ws.h[0]!, Yb, this.#rows);
    const w = this.rowWeights;
    if (w) for (let r = 0; r < n; r++) this.batchWeights![r] = w[this.order[from + r]!]!;
    return Yb;
  }
}
