/**
 * `pnpm --filter @backprop/bench profile`: where one training step of a harness workload spends its
 * time, kernel by kernel, through the public kernel set of the network backend (`kernelsFor`), with
 * the buffers a network's workspace uses. W1 (default): 784-128-64-10, ReLU, batch 64, real MNIST
 * digits. W2 (`PROFILE_WORKLOAD=w2`): 2-8-8-2, tanh, the full batch of 500 spiral points.
 *
 *   node dist/profile-step.js                 every kernel: µs per call (the least of 9 rounds) and its share
 *   node dist/profile-step.js <part> <reps>   only that part, `reps` times (for instruction counts:
 *       valgrind --tool=callgrind node dist/profile-step.js fwd1 400, minus the same with 0 reps)
 *   node dist/profile-step.js marked <reps>   every kernel part `reps` times in one process, each preceded by a
 *       marker: valgrind --tool=callgrind --dump-before=uv_loadavg --callgrind-out-file=cg.%p node --single-threaded dist/profile-step.js marked 300
 *       leaves one dump per part: cg.<pid>.2, .3 … hold the parts in the order printed (their `totals:` line / reps is
 *       one call). --single-threaded keeps V8's compiler and GC threads out of the counts, which then repeat exactly.
 *   PROFILE_BACKEND=blocked, PROFILE_BATCH=256, BENCH_DATA=dir as in bench.ts.
 *
 * The `fit` part is whole steps as the harness runs them (core's `fit`, one train call of `FIT_STEPS`
 * steps; 20 by default): what the step costs beyond its kernels. Per step, count it at two lengths.
 * Wall-clock times on this shared 2-core machine drift 20–60 % between runs; the instruction counts do not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ActivationName, type BackendName, Matrix, Network, kernelsFor } from '@backprop/core';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.BENCH_DATA ?? resolve(here, '../../../../shared/bench/data');
const backend = (process.env.PROFILE_BACKEND ?? 'auto') as BackendName | 'auto';
const w2 = process.env.PROFILE_WORKLOAD === 'w2';
const N = Number(process.env.PROFILE_BATCH ?? (w2 ? 500 : 64));
const FIT_STEPS = Number(process.env.FIT_STEPS ?? 20);
const dims = w2 ? [2, 8, 8, 2] : [784, 128, 64, 10];
const activation: ActivationName = w2 ? 'tanh' : 'relu';
const L = dims.length - 1;
const kernels = kernelsFor(backend);

const m = (rows: number, cols: number): Matrix => new Matrix(rows, cols, kernels.allocate(rows * cols, 'float32'));
function fill(x: Matrix, seed: number, scale: number): Matrix {
  let s = seed;
  for (let i = 0; i < x.data.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    x.data[i] = (s / 2 ** 31 - 1) * scale;
  }
  return x;
}

// The batch: the harness data where it exists (the ~80 % zeros of MNIST digits drive the sparse first layer).
const file = join(dataDir, w2 ? 'spiral_x.f32' : 'mnist_train_x.f32');
const dataRows = w2 ? 500 : 8000;
let source: Float32Array;
if (existsSync(file)) {
  const b = readFileSync(file);
  source = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + dataRows * dims[0]! * 4));
} else {
  console.error(`no harness data in ${dataDir}: using dense random inputs (the sparse path will not run)`);
  source = fill(Matrix.zeros(dataRows, dims[0]!, 'float32'), 7, 1).data as Float32Array;
}
const X = m(N, dims[0]!);
for (let r = 0; r < N; r++) X.data.set(source.subarray((r % dataRows) * dims[0]!, ((r % dataRows) + 1) * dims[0]!), r * dims[0]!);

// Layer i (0-based) is layer k = i + 1 of the notes: W[i] is n_k × n_(k−1), a[i] and h[i + 1] are N × n_k.
const W = dims.slice(1).map((n, i) => fill(m(n, dims[i]!), i + 1, Math.sqrt(6 / (n + dims[i]!))));
const b = dims.slice(1).map((n) => kernels.allocate(n, 'float32'));
const a = dims.slice(1).map((n) => m(N, n));
const h = [X, ...dims.slice(1, L).map((n) => m(N, n))];
const gradA = dims.slice(1).map((n) => m(N, n));
const gradH = dims.slice(0, L).map((n) => m(N, n));
const gradW = dims.slice(1).map((n, i) => m(n, dims[i]!));
const gradB = dims.slice(1).map((n) => kernels.allocate(n, 'float32'));
const nL = dims[L]!;
const Y = m(N, nL);
for (let r = 0; r < N; r++) Y.data[r * nL + (r % nL)] = 1;
const yHat = m(N, nL);
const lse = new Float64Array(N), stats = new Float64Array(2);
const P = dims.slice(1).reduce((s, n, i) => s + n * (dims[i]! + 1), 0);
const theta = fill(m(1, P), 4, 0.05).data, grad = fill(m(1, P), 5, 1e-3).data;

// A whole network too, for steps as the harness's fit runs them (their overhead beyond the kernels).
const net = Network.create({ inputs: dims[0]!, layers: dims.slice(1, L).map((units) => ({ units, activation })), output: { units: nL, fn: 'softmax', loss: 'cross-entropy' }, init: 'glorot-uniform', seed: 1, backend });
const fitRows = w2 ? N : N * 20;
const labels = new Uint8Array(fitRows).map((_, i) => i % nL);
const Xfit = new Matrix(fitRows, dims[0]!, new Float32Array(fitRows * dims[0]!));
for (let r = 0; r < fitRows; r++) Xfit.data.set(X.data.subarray((r % N) * dims[0]!, ((r % N) + 1) * dims[0]!), r * dims[0]!);
const fitEpochs = w2 ? FIT_STEPS : Math.max(1, Math.round(FIT_STEPS / 20));

/** The parts of one step, in the order training runs them. */
const parts: Record<string, () => void> = {};
for (let i = 0; i < L; i++) {
  // A_k = H_(k−1) W_kᵀ + 1 b_kᵀ, then h_k = g(a_k) below the output layer.
  parts[`fwd${i + 1}`] = () => kernels.gemmABt(h[i]!, W[i]!, a[i]!, b[i]!);
  if (i < L - 1) parts[`act${i + 1}`] = () => kernels.activate(activation, a[i]!, h[i + 1]!);
}
parts.softmaxCE = () => kernels.softmaxCrossEntropy(a[L - 1]!, Y, yHat, gradA[L - 1]!, lse, stats);
for (let i = L - 1; i >= 0; i--) {
  parts[`gradW${i + 1}`] = () => kernels.gemmAtB(gradA[i]!, h[i]!, gradW[i]!);
  parts[`gradB${i + 1}`] = () => kernels.columnSums(gradA[i]!, gradB[i]!);
  if (i > 0) {
    parts[`gradH${i}`] = () => kernels.gemmAB(gradA[i]!, W[i]!, gradH[i]!);
    parts[`actBack${i}`] = () => kernels.activateBackward(activation, a[i - 1]!, h[i]!, gradH[i]!, gradA[i - 1]!);
  }
}
parts.norms = () => {
  for (let i = 0; i < L; i++) {
    kernels.sumSquares(gradW[i]!.data);
    kernels.sumSquares(gradB[i]!);
  }
};
parts.sgd = () => kernels.sgdStep(theta, grad, 0); // η = 0: θ unchanged, the same work
parts.fit = () => void net.fit(Xfit, labels, { epochs: fitEpochs, batchSize: N, learningRate: w2 ? 0.3 : 0.05, shuffle: !w2 });
const fitSteps = w2 ? fitEpochs : fitEpochs * 20;

const now = (): number => Number(process.hrtime.bigint()) / 1e3;
const [only, repsArg] = process.argv.slice(2);
for (let r = 0; r < 3; r++) for (const f of Object.values(parts)) f(); // warm: compiled, and gradients realistic
if (only === 'marked') {
  // Every kernel part in one process, for callgrind: os.loadavg() (libuv's uv_loadavg, called by nothing else)
  // marks each part's start, so `--dump-before=uv_loadavg` writes one dump per part (see the header).
  const kernelParts = Object.entries(parts).filter(([name]) => name !== 'fit');
  for (let r = 0; r < 100; r++) for (const [, f] of kernelParts) f(); // every function at its top tier
  const reps = Number(repsArg ?? 200);
  for (const [, f] of kernelParts) {
    loadavg();
    for (let r = 0; r < reps; r++) f();
  }
  loadavg();
  console.log(`parts ${kernelParts.map(([name]) => name).join(' ')} reps ${reps}`);
} else if (only) {
  const f = parts[only];
  if (!f) throw new Error(`unknown part '${only}': one of ${Object.keys(parts).join(', ')}`);
  for (let r = Number(repsArg ?? 100); r > 0; r--) f();
} else {
  const best: Record<string, number> = {};
  for (let round = 0; round < 9; round++) {
    for (const [name, f] of Object.entries(parts)) {
      const reps = name === 'fit' ? 3 : 200;
      const t0 = now();
      for (let r = 0; r < reps; r++) f();
      const us = (now() - t0) / (name === 'fit' ? reps * fitSteps : reps);
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, us);
    }
  }
  const { fit, ...kernelParts } = best;
  const sum = Object.values(kernelParts).reduce((s, x) => s + x, 0);
  console.log(`${w2 ? 'W2' : 'W1'}, backend ${kernels.name}, batch ${N}: µs per call (least of 9 rounds)`);
  for (const [name, us] of Object.entries(kernelParts)) console.log(`${name.padEnd(10)} ${us.toFixed(1).padStart(8)}  ${((100 * us) / sum).toFixed(1).padStart(5)} %`);
  console.log(`${'kernels'.padEnd(10)} ${sum.toFixed(1).padStart(8)}`);
  console.log(`${'fit step'.padEnd(10)} ${fit!.toFixed(1).padStart(8)}  (${((1e3 * N) / fit!).toFixed(1)}k samples/s; beyond the kernels ${(fit! - sum).toFixed(1)} µs, fit's setup included)`);
}
