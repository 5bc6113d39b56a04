import type { GradientBuffers } from './backward.js';
import { BackpropError } from './errors.js';
import type { Model } from './forward.js';
import type { Kernels } from './kernels/kernels.js';
import { type DType, type FloatArray, Matrix } from './matrix.js';
import type { ResolvedSpec } from './spec.js';
import { type Workspace, createWorkspace } from './workspace.js';

/** Network internals shared with the training loop and the serializer; never exported from the package. */
export interface NetworkInternals {
  readonly model: Model;
  readonly grads: GradientBuffers;
  /** The cached workspace for N rows, in the kernel set's memory. Throws `disposed` once the network is disposed. */
  workspace(N: number): Workspace;
  /** θ-sized scratch for a training step's backup (one per network: a step uses it and is done). */
  backup(): FloatArray;
}

/** The error every use of a disposed network throws: `call` names what was called (`net.fit`, `net.flat`…). */
export function disposedError(call: string): BackpropError {
  return new BackpropError('disposed', call, 'a network that has not been disposed', 'a disposed network', 'dispose() gave its memory back; clone() a network to keep a copy');
}

/** The number of parameters, |θ| = Σ_k n_k·(n_(k−1) + 1). */
export function parameterCount(spec: ResolvedSpec): number {
  return spec.layers.reduce((n, l) => n + l.units * (l.fanIn + 1), 0);
}

/** Named views into a flat θ-shaped array: θ = [W_1 … W_L, b_1 … b_L] (SPEC §4's order). */
export function viewsOf(spec: ResolvedSpec, flat: FloatArray): { W: Matrix[]; b: FloatArray[] } {
  const W: Matrix[] = [];
  const b: FloatArray[] = [];
  let offset = 0;
  for (const l of spec.layers) {
    W.push(new Matrix(l.units, l.fanIn, flat.subarray(offset, offset + l.units * l.fanIn)));
    offset += l.units * l.fanIn;
  }
  for (const l of spec.layers) {
    b.push(flat.subarray(offset, offset + l.units));
    offset += l.units;
  }
  return { W, b };
}

/**
 * The internals of a network with parameters `flat`, and `release`, which gives every block they took
 * from the kernel set (gradients, workspaces, backup; not θ) back to it. After `release` the workspaces
 * throw. `release` must not keep the network alive: a FinalizationRegistry calls it once the network is collected.
 */
function createInternals(spec: ResolvedSpec, flat: FloatArray, kernels: Kernels): { inner: NetworkInternals; release: () => void } {
  let owned: FloatArray[] = [];
  const alloc = (length: number, dtype: DType): FloatArray => {
    const x = kernels.allocate(length, dtype);
    owned.push(x);
    return x;
  };
  const { W, b } = viewsOf(spec, flat);
  const gradFlat = alloc(flat.length, spec.dtype);
  const gradViews = viewsOf(spec, gradFlat);
  // Each workspace with the blocks it took, so that an evicted one can be freed (nothing holds a workspace across calls).
  const workspaces = new Map<number, { ws: Workspace; blocks: FloatArray[] }>();
  let backup: FloatArray | undefined;
  let released = false;
  const free = (blocks: readonly FloatArray[]): void => {
    for (const x of blocks) kernels.free?.(x);
  };
  const inner: NetworkInternals = {
    model: { spec, W, b, kernels },
    grads: { flat: gradFlat, W: gradViews.W, b: gradViews.b },
    workspace: (N) => {
      if (released) throw disposedError('network');
      let entry = workspaces.get(N);
      if (!entry) {
        // Training sees at most two batch sizes (full batches and the last partial one), plus evaluation sizes.
        if (workspaces.size > 8) {
          for (const e of workspaces.values()) free(e.blocks);
          workspaces.clear();
        }
        const blocks: FloatArray[] = [];
        const ws = createWorkspace(spec.inputs, spec.layers, N, spec.dtype, (length, dtype) => {
          const x = kernels.allocate(length, dtype);
          blocks.push(x);
          return x;
        });
        entry = { ws, blocks };
        workspaces.set(N, entry);
      }
      return entry.ws;
    },
    backup: () => {
      backup ??= alloc(flat.length, spec.dtype);
      return backup;
    },
  };
  const release = (): void => {
    if (released) return;
    released = true;
    free(owned);
    owned = [];
    for (const e of workspaces.values()) free(e.blocks);
    workspaces.clear();
  };
  return { inner, release };
}

// Every network's internals and release; the registry releases a collected network's gradients and
// workspaces (never handed out). Not θ: views of it (`flat`, parameter values, subarrays) may outlive the network.
const table = new WeakMap<object, { inner: NetworkInternals; release: () => void; flat: FloatArray }>();
const collected = new FinalizationRegistry<() => void>((release) => release());

/** Creates the internals of network `net` (parameters `flat`) and registers them for release. */
export function attachInternals(net: object, spec: ResolvedSpec, flat: FloatArray, kernels: Kernels): NetworkInternals {
  const { inner, release } = createInternals(spec, flat, kernels);
  table.set(net, { inner, release, flat });
  collected.register(net, release, net);
  return inner;
}

/** @internal */
export function internalsOf(net: object): NetworkInternals {
  return table.get(net)!.inner;
}

/** Gives every block of `net`, θ included, back to its kernel set (Network.dispose; once). */
export function releaseInternals(net: object): void {
  const entry = table.get(net)!;
  collected.unregister(net);
  entry.release();
  entry.inner.model.kernels.free?.(entry.flat);
}
