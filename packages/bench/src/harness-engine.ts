/**
 * Contract B of ../shared/bench (README.md there) on the public API of @backprop/core, so the shared
 * harness measures this project beside TensorFlow.js, brain.js, scikit-learn and PyTorch in one run.
 * `train` does exactly the contract's work: Glorot-uniform weights and zero biases seeded by
 * `cfg.seed`, softmax + cross-entropy averaged over the batch, plain SGD, reshuffled every epoch.
 * With `threads` ≥ 2 training runs data-parallel on @backprop/parallel: each batch in two fixed shards,
 * the second on a worker, with the same bits as that package's one-thread path. One thread keeps core's
 * `fit`, the measured fast path the other targets are met with.
 */
import { Matrix, Network, type NetworkSpec, kernelsFor } from '@backprop/core';
import { type ParallelTrainer, createParallelTrainer } from '@backprop/parallel';

export const name = 'backprop';

let threads = 1;
let trainer: ParallelTrainer | undefined;
// The harness trains on the same x for every run: its copy in shared memory is made once.
let sharedX: { source: Float32Array; copy: Float32Array } | undefined;

function shared(x: Float32Array): Float32Array {
  if (sharedX?.source !== x) {
    const copy = new Float32Array(new SharedArrayBuffer(x.byteLength));
    copy.set(x);
    sharedX = { source: x, copy };
  }
  return sharedX.copy;
}

export interface TrainConfig {
  x: Float32Array;
  y: Uint8Array;
  n: number;
  inDim: number;
  nClasses: number;
  hidden: number[];
  activation: 'relu' | 'tanh';
  batchSize: number;
  lr: number;
  epochs: number;
  seed: number;
  workload: 'w1' | 'w2';
  opts: Record<string, string>;
}

export async function setup(a: { threads: number; opts: Record<string, string> }): Promise<object> {
  threads = Math.max(1, a.threads | 0);
  await trainer?.close();
  trainer = threads >= 2 ? await createParallelTrainer({ threads }) : undefined;
  // The kernel set is instantiated by the first network (in train), not here: the harness loads its data after
  // setup, and a process whose WebAssembly memory (a 256 MiB reservation, counted by V8 as external memory)
  // already exists collects the harness's 25 MB read buffer late, which alone raised the W1 peak RSS by ~12 MB.
  // The backend is filled in by the first train call (the harness reports this object after its runs).
  info = { version: '@backprop/core (workspace)', backend: undefined, threads, threadsUsed: trainer?.threads ?? 1 };
  return info;
}

let info: { version: string; backend: string | undefined; threads: number; threadsUsed: number } | undefined;

/** The network of a contract-B config (backend from `--opt backend=…`, default auto). */
export function createNetwork(cfg: Pick<TrainConfig, 'inDim' | 'hidden' | 'activation' | 'nClasses' | 'seed' | 'opts'>): Network {
  return Network.create(specOf(cfg));
}

/** The network spec of a contract-B config. */
export function specOf(cfg: Pick<TrainConfig, 'inDim' | 'hidden' | 'activation' | 'nClasses' | 'seed' | 'opts'>): NetworkSpec {
  return {
    inputs: cfg.inDim,
    layers: cfg.hidden.map((units) => ({ units, activation: cfg.activation })),
    output: { units: cfg.nClasses, fn: 'softmax', loss: 'cross-entropy' },
    init: 'glorot-uniform',
    seed: cfg.seed,
    // biome-ignore lint/suspicious/noExplicitAny: the harness passes the backend name through as text.
    backend: (cfg.opts.backend ?? 'auto') as any,
  };
}

// Rows per predict call: the test set is classified in chunks, so the network's forward workspace stays
// at 256 rows (≈ 1.2 MB for W1) instead of growing to the whole set (2,000 rows ≈ 9 MB of kernel memory).
const PREDICT_CHUNK = 256;

export async function train(cfg: TrainConfig): Promise<{ predict(x: Float32Array, n: number): Int32Array; dispose(): void }> {
  const spec = specOf(cfg);
  const net = Network.create(spec);
  if (info) info.backend = net.backend;
  const options = { epochs: cfg.epochs, batchSize: cfg.batchSize, learningRate: cfg.lr, shuffle: cfg.batchSize < cfg.n, seed: cfg.seed };
  const labels = cfg.y.subarray(0, cfg.n);
  if (trainer) {
    await trainer.fit(net, new Matrix(cfg.n, cfg.inDim, shared(cfg.x).subarray(0, cfg.n * cfg.inDim)), labels, options);
  } else {
    net.fit(new Matrix(cfg.n, cfg.inDim, cfg.x.subarray(0, cfg.n * cfg.inDim)), labels, options);
  }
  return {
    predict(x, n) {
      const out = new Int32Array(n);
      for (let r = 0; r < n; r += PREDICT_CHUNK) {
        const rows = Math.min(PREDICT_CHUNK, n - r);
        out.set(net.classify(new Matrix(rows, cfg.inDim, x.subarray(r * cfg.inDim, (r + rows) * cfg.inDim))), r);
      }
      return out;
    },
    // The harness disposes each model after scoring it: its kernel memory goes to the next model.
    dispose() {
      net.dispose();
    },
  };
}

/**
 * C = A·B (m × k · k × n) through the public kernel set of the network backend (`kernelsFor`), with
 * A, B and C allocated by it once — as tfjs's matMul reads tensors already in its wasm memory. This is
 * the product a layer runs (forward A·Wᵀ, backward ∇A·W); `--opt gemm=predict` measures instead a
 * one-layer linear network's `predict` (which also allocates its output and copies the input each call).
 */
export async function makeGemm(m: number, k: number, n: number, opts: Record<string, string> = {}): Promise<{ run(): void }> {
  // biome-ignore lint/suspicious/noExplicitAny: the harness passes the backend name through as text.
  const backend = (opts.backend ?? 'auto') as any;
  let s = 42;
  const fill = (x: Matrix): Matrix => {
    for (let i = 0; i < x.data.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      x.data[i] = s / 2 ** 31 - 1;
    }
    return x;
  };
  if (opts.gemm === 'predict') {
    const net = Network.create({ inputs: k, output: { units: n, fn: 'linear' }, seed: 42, backend });
    const X = fill(Matrix.zeros(m, k));
    return { run: () => void net.predict(X) };
  }
  const kernels = kernelsFor(backend);
  const A = fill(new Matrix(m, k, kernels.allocate(m * k, 'float32')));
  const B = fill(new Matrix(k, n, kernels.allocate(k * n, 'float32')));
  const C = new Matrix(m, n, kernels.allocate(m * n, 'float32'));
  return { run: () => kernels.gemmAB(A, B, C) };
}
