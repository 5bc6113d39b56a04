/**
 * `pnpm --filter @backprop/bench profile`: where one W1 training step (784-128-64-10, ReLU, softmax +
 * cross-entropy, batch 64, real MNIST digits) spends its time, kernel by kernel, through the public
 * kernel set of the network backend (`kernelsFor`), with the buffers a network's workspace uses.
 *
 *   node dist/profile-step.js                 every kernel: µs per call (the least of 9 rounds) and its share
 *   node dist/profile-step.js <part> <reps>   only that part, `reps` times (for instruction counts:
 *       valgrind --tool=callgrind node dist/profile-step.js fwd1 400, minus the same with 0 reps)
 *   PROFILE_BACKEND=blocked, PROFILE_BATCH=256, BENCH_DATA=dir as in bench.ts.
 *
 * Wall-clock times on this shared 2-core machine drift 20–60 % between runs; the instruction counts do not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BackendName, Matrix, Network, kernelsFor } from '@backprop/core';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.BENCH_DATA ?? resolve(here, '../../../../shared/bench/data');
const backend = (process.env.PROFILE_BACKEND ?? 'auto') as BackendName | 'auto';
const N = Number(process.env.PROFILE_BATCH ?? 64);
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

// The batch: real digits where the harness data exists (their ~80 % zeros drive the sparse first layer).
const X = m(N, 784);
if (existsSync(join(dataDir, 'mnist_train_x.f32'))) {
  const b = readFileSync(join(dataDir, 'mnist_train_x.f32'));
  X.data.set(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + N * 784 * 4)));
} else {
  console.error(`no MNIST data in ${dataDir}: using dense random inputs (the sparse path will not run)`);
  fill(X, 7, 1);
}
const W1 = fill(m(128, 784), 1, 0.08), W2 = fill(m(64, 128), 2, 0.18), W3 = fill(m(10, 64), 3, 0.28);
const b1 = kernels.allocate(128, 'float32'), b2 = kernels.allocate(64, 'float32'), b3 = kernels.allocate(10, 'float32');
const a1 = m(N, 128), h1 = m(N, 128), a2 = m(N, 64), h2 = m(N, 64), a3 = m(N, 10);
const Y = m(N, 10);
for (let r = 0; r < N; r++) Y.data[r * 10 + (r % 10)] = 1;
const yHat = m(N, 10), gA3 = m(N, 10), gH2 = m(N, 64), gA2 = m(N, 64), gH1 = m(N, 128), gA1 = m(N, 128);
const lse = new Float64Array(N), stats = new Float64Array(2);
const P = 128 * 784 + 64 * 128 + 10 * 64 + 128 + 64 + 10;
const theta = fill(m(1, P), 4, 0.05).data, grad = fill(m(1, P), 5, 1e-3).data;
const gW1 = m(128, 784), gW2 = m(64, 128), gW3 = m(10, 64);
const gb1 = kernels.allocate(128, 'float32'), gb2 = kernels.allocate(64, 'float32'), gb3 = kernels.allocate(10, 'float32');

// A whole network too, for the step as fit runs it (its overhead beyond the kernels).
const net = Network.create({ inputs: 784, layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }], output: { units: 10, fn: 'softmax', loss: 'cross-entropy' }, init: 'glorot-uniform', seed: 1, backend });
const labels = new Uint8Array(N * 20).map((_, i) => i % 10);
const Xfit = new Matrix(N * 20, 784, new Float32Array(N * 20 * 784));
for (let r = 0; r < 20; r++) Xfit.data.set(X.data, r * N * 784);

/** The parts of one step, in the order training runs them. */
const parts: Record<string, () => void> = {
  fwd1: () => kernels.gemmABt(X, W1, a1, b1), // 64×784 · (128×784)ᵀ, sparse X
  relu1: () => kernels.activate('relu', a1, h1),
  fwd2: () => kernels.gemmABt(h1, W2, a2, b2),
  relu2: () => kernels.activate('relu', a2, h2),
  fwd3: () => kernels.gemmABt(h2, W3, a3, b3),
  softmaxCE: () => kernels.softmaxCrossEntropy(a3, Y, yHat, gA3, lse, stats),
  gradW3: () => kernels.gemmAtB(gA3, h2, gW3),
  gradB3: () => kernels.columnSums(gA3, gb3),
  gradH2: () => kernels.gemmAB(gA3, W3, gH2),
  reluBack2: () => kernels.activateBackward('relu', a2, h2, gH2, gA2),
  gradW2: () => kernels.gemmAtB(gA2, h1, gW2),
  gradB2: () => kernels.columnSums(gA2, gb2),
  gradH1: () => kernels.gemmAB(gA2, W2, gH1),
  reluBack1: () => kernels.activateBackward('relu', a1, h1, gH1, gA1),
  gradW1: () => kernels.gemmAtB(gA1, X, gW1), // (64×128)ᵀ · 64×784, sparse X
  gradB1: () => kernels.columnSums(gA1, gb1),
  norms: () => {
    for (const g of [gW1.data, gW2.data, gW3.data, gb1, gb2, gb3]) kernels.sumSquares(g);
  },
  sgd: () => kernels.sgdStep(theta, grad, 0), // η = 0: θ unchanged, the same work
  fitStep: () => void net.fit(Xfit, labels, { epochs: 1, batchSize: N, learningRate: 0.01, shuffle: false }), // 20 steps
};

const now = (): number => Number(process.hrtime.bigint()) / 1e3;
const [only, repsArg] = process.argv.slice(2);
for (let r = 0; r < 3; r++) for (const f of Object.values(parts)) f(); // warm: compiled, and gradients realistic
if (only) {
  const f = parts[only];
  if (!f) throw new Error(`unknown part '${only}': one of ${Object.keys(parts).join(', ')}`);
  for (let r = Number(repsArg ?? 100); r > 0; r--) f();
} else {
  const best: Record<string, number> = {};
  for (let round = 0; round < 9; round++) {
    for (const [name, f] of Object.entries(parts)) {
      const reps = name === 'fitStep' ? 3 : 200;
      const t0 = now();
      for (let r = 0; r < reps; r++) f();
      const us = (now() - t0) / (name === 'fitStep' ? reps * 20 : reps);
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, us);
    }
  }
  const { fitStep, ...kernelParts } = best;
  const sum = Object.values(kernelParts).reduce((s, x) => s + x, 0);
  console.log(`backend ${kernels.name}, batch ${N}: µs per call (least of 9 rounds)`);
  for (const [name, us] of Object.entries(kernelParts)) console.log(`${name.padEnd(10)} ${us.toFixed(1).padStart(8)}  ${((100 * us) / sum).toFixed(1).padStart(5)} %`);
  console.log(`${'kernels'.padEnd(10)} ${sum.toFixed(1).padStart(8)}`);
  console.log(`${'fit step'.padEnd(10)} ${fitStep!.toFixed(1).padStart(8)}  (${(N / fitStep!).toFixed(1)}k samples/s; overhead ${(fitStep! - sum).toFixed(1)} µs)`);
}
