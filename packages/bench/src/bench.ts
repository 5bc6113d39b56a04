/**
 * `pnpm bench`: our engine on the shared harness's workloads (W1 MNIST MLP, W2 spiral, W3 GEMM), with
 * the harness's timing rules, then TensorFlow.js (wasm and cpu, `model.fit`) in the same process
 * where it is installed, then our/peer ratios. One JSON line per (engine, workload), then a table.
 *   BENCH_DATA=dir   the harness data (default ../shared/bench/data beside the repo)
 *   BENCH_RUNS=n     timed runs per workload (default 3)
 *   BENCH_ONLY=re    engines to run (default all), e.g. BENCH_ONLY=backprop
 *   BENCH_BACKEND=b  our kernel set (default auto)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Matrix } from '@backprop/core';
import * as ours from './harness-engine.js';
import { allocationPerStep } from './memory.js';
import { type PeerEngine, loadTfjs } from './tfjs-engine.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.BENCH_DATA ?? resolve(here, '../../../../shared/bench/data');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const only = new RegExp(process.env.BENCH_ONLY ?? '.');
const opts: Record<string, string> = process.env.BENCH_BACKEND ? { backend: process.env.BENCH_BACKEND } : {};
const now = (): number => Number(process.hrtime.bigint()) / 1e9;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function readF32(file: string): Float32Array {
  const b = readFileSync(join(dataDir, file));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
const readU8 = (file: string): Uint8Array => new Uint8Array(readFileSync(join(dataDir, file)));

if (!existsSync(join(dataDir, 'mnist_train_x.f32'))) {
  console.error(`no benchmark data in ${dataDir}: run ../shared/bench/setup.sh (or node ../shared/bench/node/make_data.js) first, or set BENCH_DATA`);
  process.exit(1);
}
const mnist = { x: readF32('mnist_train_x.f32'), y: readU8('mnist_train_y.u8'), xt: readF32('mnist_test_x.f32'), yt: readU8('mnist_test_y.u8') };
const spiral = { x: readF32('spiral_x.f32'), y: readU8('spiral_y.u8') };

const w1 = (batchSize = 64): ours.TrainConfig => ({ x: mnist.x, y: mnist.y, n: 8000, inDim: 784, nClasses: 10, hidden: [128, 64], activation: 'relu', batchSize, lr: 0.05, epochs: 3, seed: 1, workload: 'w1', opts });
const w2 = (): ours.TrainConfig => ({ x: spiral.x, y: spiral.y, n: 500, inDim: 2, nClasses: 2, hidden: [8, 8], activation: 'tanh', batchSize: 500, lr: 0.3, epochs: 2000, seed: 1, workload: 'w2', opts });
// W3: 1024³, then the products of one W1 step (forward H·Wᵀ per layer, and ∇W = ∇Aᵀ·H's shape for layer 1).
const GEMMS: readonly [number, number, number][] = [[1024, 1024, 1024], [64, 784, 128], [64, 128, 64], [64, 64, 10], [128, 64, 784]];

function accuracy(pred: ArrayLike<number>, y: Uint8Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return ok / y.length;
}

interface Row { engine: string; workload: string; unit: string; median: number; min: number; max: number; acc?: number }
const rows: Row[] = [];
function emit(row: Row & Record<string, unknown>): void {
  rows.push(row);
  console.log(JSON.stringify(row));
}

async function runEngine(engine: PeerEngine): Promise<void> {
  // W1: one warm-up epoch on a throw-away model, then fresh models of 3 epochs each.
  await engine.train({ ...w1(), epochs: 1, seed: 999 });
  const sps: number[] = [];
  const accs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    const model = await engine.train({ ...w1(), seed: 1 + r });
    sps.push(24000 / (now() - t0));
    accs.push(accuracy(await model.predict(mnist.xt, 2000), mnist.yt));
  }
  emit({ engine: engine.name, workload: 'w1', unit: 'samples/s', median: median(sps), min: Math.min(...sps), max: Math.max(...sps), acc: median(accs) });
  // W2: 200 warm-up steps, then 2000 full-batch steps per fresh model.
  await engine.train({ ...w2(), epochs: 200, seed: 999 });
  const steps: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    const model = await engine.train({ ...w2(), seed: 1 + r });
    steps.push(2000 / (now() - t0));
    if (r === 0) accs[0] = accuracy(await model.predict(spiral.x, 500), spiral.y);
  }
  emit({ engine: engine.name, workload: 'w2', unit: 'steps/s', median: median(steps), min: Math.min(...steps), max: Math.max(...steps), acc: accs[0]! });
  // W3: GEMM, 2 untimed calls then timed calls until 1.5 s or 30 reps (at least 3).
  for (const [m, k, n] of GEMMS) {
    const g = await engine.makeGemm(m, k, n);
    g.run();
    g.run();
    const gf: number[] = [];
    const start = now();
    while (gf.length < 3 || (now() - start < 1.5 && gf.length < 30)) {
      const t0 = now();
      g.run();
      gf.push((2 * m * k * n) / (now() - t0) / 1e9);
    }
    g.dispose?.();
    emit({ engine: engine.name, workload: `gemm ${m}x${k}x${n}`, unit: 'GFLOP/s', median: median(gf), min: Math.min(...gf), max: Math.max(...gf) });
  }
}

const oursEngine: PeerEngine = { name: 'backprop', train: ours.train, makeGemm: (m, k, n) => ours.makeGemm(m, k, n, opts) };
const info = await ours.setup({ threads: 1, opts });
console.log(JSON.stringify({ engine: 'backprop', info }));
if (only.test('backprop')) {
  await runEngine(oursEngine);
  const net = ours.createNetwork({ ...w1(), seed: 1 });
  const X = new Matrix(8000, 784, mnist.x);
  const bytes = allocationPerStep((steps) => net.fit(X, mnist.y, { epochs: 1, batchSize: 64, learningRate: 0.05, maxIterations: steps, seed: 1 }));
  emit({ engine: 'backprop', workload: 'w1 bytes allocated per warm step', unit: 'bytes', median: bytes, min: bytes, max: bytes });
  const rss = process.resourceUsage().maxRSS / 1024;
  emit({ engine: 'backprop', workload: 'peak RSS (our workloads only)', unit: 'MB', median: rss, min: rss, max: rss });
}
for (const backend of ['wasm', 'cpu'] as const) {
  if (!only.test(`tfjs-${backend}-fit`)) continue;
  const tf = await loadTfjs(backend);
  if (tf) await runEngine(tf);
  else console.log(JSON.stringify({ engine: `tfjs-${backend}-fit`, skipped: 'not installed' }));
  if (backend === 'wasm') break; // one tfjs backend per process: tfjs keeps the first registered kernels
}

const fmt = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3));
console.log(`\n${'engine'.padEnd(12)} ${'workload'.padEnd(36)} ${'median'.padStart(10)} ${'unit'.padEnd(10)} ${'min–max'.padEnd(20)} ${'acc'.padStart(6)}  ours/peer`);
for (const r of rows) {
  const mine = rows.find((o) => o.engine === 'backprop' && o.workload === r.workload);
  const ratio = r.engine !== 'backprop' && mine ? `${(mine.median / r.median).toFixed(2)}×` : '';
  console.log(`${r.engine.padEnd(12)} ${r.workload.padEnd(36)} ${fmt(r.median).padStart(10)} ${r.unit.padEnd(10)} ${`${fmt(r.min)}–${fmt(r.max)}`.padEnd(20)} ${r.acc === undefined ? '' : r.acc.toFixed(4).padStart(6)}  ${ratio}`);
}
