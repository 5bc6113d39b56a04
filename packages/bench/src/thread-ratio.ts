/**
 * `pnpm --filter @backprop/bench ratio`: the two-thread speed-up of W1 (MNIST 784-128-64-10, ReLU, batch
 * 256, 3 epochs of 8,000 rows, plain SGD η = 0.05) measured in pairs: each round trains one fit with
 * core's one-thread `fit` and one with a two-thread `ParallelTrainer` back to back in this process, and
 * reports that round's ratio. The shared harness times the two in separate processes minutes apart, and
 * on a 2-vCPU VM whose cores change speed from minute to minute (a neighbour on the host) a ratio of two
 * such figures mixes the machine's moods into the engine's. A pair sees (nearly) the same machine.
 *
 *   node dist/thread-ratio.js [rounds=7]      BENCH_DATA=dir as in bench.ts (the harness data)
 *
 * One warm-up fit of each kind first (one epoch, another seed), as the harness does. Seeds 1, 2, … by round.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Matrix, Network, type NetworkSpec, ready } from '@backprop/core';
import { createParallelTrainer } from '@backprop/parallel';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.BENCH_DATA ?? resolve(here, '../../../../shared/bench/data');
const rounds = Number(process.argv[2] ?? 7);
const N = 8000;
const EPOCHS = 3;
const BATCH = 256;

const bytes = readFileSync(join(dataDir, 'mnist_train_x.f32'));
// As the harness engine holds them: an ordinary array for core's fit, a copy in shared memory for the
// trainer's threads (V8 copies rows out of a SharedArrayBuffer several times slower: it would slow the
// one-thread fit's batch gathering and flatter the ratio).
const plain = new Float32Array(N * 784);
plain.set(new Float32Array(bytes.buffer, bytes.byteOffset, N * 784));
const shared = new Float32Array(new SharedArrayBuffer(N * 784 * 4));
shared.set(plain);
const X1 = new Matrix(N, 784, plain);
const X2 = new Matrix(N, 784, shared);
const y = new Uint8Array(readFileSync(join(dataDir, 'mnist_train_y.u8'))).subarray(0, N);

const spec = (seed: number): NetworkSpec => ({
  inputs: 784,
  layers: [
    { units: 128, activation: 'relu' },
    { units: 64, activation: 'relu' },
  ],
  output: { units: 10, fn: 'softmax', loss: 'cross-entropy' },
  init: 'glorot-uniform',
  seed,
});

await ready();
const trainer = await createParallelTrainer({ threads: 2 });
if (trainer.threads < 2) throw new Error(`two threads are needed: ${trainer.reason}`);

/** Samples per second of one fit of `epochs` epochs; `threads` 1 is core's fit, 2 the trainer's. */
async function timedFit(threads: 1 | 2, seed: number, epochs: number): Promise<number> {
  const net = Network.create(spec(seed));
  const options = { epochs, batchSize: BATCH, learningRate: 0.05, shuffle: true, seed };
  const start = performance.now();
  if (threads === 2) await trainer.fit(net, X2, y, options);
  else net.fit(X1, y, options);
  const seconds = (performance.now() - start) / 1000;
  net.dispose();
  return (epochs * N) / seconds;
}

await timedFit(1, 999, 1);
await timedFit(2, 999, 1);
const ratios: number[] = [];
console.log('round  1 thread (samples/s)  2 threads  ratio');
for (let r = 1; r <= rounds; r++) {
  // Alternate which goes first, so that a drift within a round favours neither.
  const first = r % 2 === 1 ? 1 : 2;
  const a = await timedFit(first, r, EPOCHS);
  const b = await timedFit(first === 1 ? 2 : 1, r, EPOCHS);
  const [one, two] = first === 1 ? [a, b] : [b, a];
  ratios.push(two / one);
  console.log(`${String(r).padStart(5)}  ${Math.round(one).toLocaleString('en-US').padStart(20)}  ${Math.round(two).toLocaleString('en-US').padStart(9)}  ${(two / one).toFixed(2)}`);
}
const sorted = [...ratios].sort((p, q) => p - q);
console.log(`median ratio ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} (min ${sorted[0]!.toFixed(2)}, max ${sorted[sorted.length - 1]!.toFixed(2)}) over ${rounds} rounds`);
await trainer.close();
