/**
 * `pnpm --filter @backprop/bench bench:browser`: W1 of the shared harness (MNIST 784-128-64-10, ReLU,
 * softmax + CE, batch 64, 3 epochs over 8,000 digits, 1 warm-up epoch, 3 fresh models) in headless
 * Chromium, in a module Web Worker of a page — the browser build of @backprop/core (dist/index.js)
 * unchanged — on the default kernels (\`auto\` = plain WebAssembly SIMD) and on \`wasm-relaxed-simd\` (Chromium has
 * relaxed SIMD: fused multiply-add in the products), and, in the same invocation, the same work in this
 * Node process (\`auto\`), for the ratio. Then the 2-worker speed-up: W1 (batch 64 and 256) through
 * @backprop/parallel's browser build (dist, unchanged) in a cross-origin-isolated page's module worker, as
 * the playground trains MNIST: the worker computes rank 0 and the second thread is a nested worker; with
 * \`fit\`, and with a \`rowGradient\` session driven step by step (the playground's loop). 1 and 2 threads,
 * each 3 fresh models after a warm-up; θ of the two is compared (the package promises the same bits).
 *   BENCH_DATA=dir       the harness data (default ../shared/bench/data beside the repo)
 *   CHROMIUM=path        the browser (default /usr/bin/chromium)
 *   BROWSER_CASES=list   which figures (default node,auto,wasm-relaxed-simd,parallel)
 *   PARALLEL_BATCHES=list, PARALLEL_HIDDEN=list, PARALLEL_MODES=list   the parallel figure's batch sizes (default
 *                        64,256), hidden ReLU widths (default 128,64: W1; 32 is the playground's MNIST network)
 *                        and loops (default fit,session)
 * Prints one JSON line per figure.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { type Server, createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ours from './harness-engine.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.BENCH_DATA ?? resolve(here, '../../../../shared/bench/data');
const require = createRequire(import.meta.url);
const coreDist = join(dirname(require.resolve('@backprop/core/package.json')), 'dist', 'index.js');
const parallelDist = join(dirname(require.resolve('@backprop/parallel/package.json')), 'dist');

// The worker: the harness's W1 rules, on the public API only (as harness-engine.ts's train).
const WORKER = `
import { Matrix, Network } from '/core.js';
const get = async (f) => new Uint8Array(await (await fetch('/data/' + f)).arrayBuffer());
const xb = await get('mnist_train_x.f32');
const x = new Float32Array(xb.buffer), y = await get('mnist_train_y.u8');
const xt = new Float32Array((await get('mnist_test_x.f32')).buffer), yt = await get('mnist_test_y.u8');
const backend = new URL(import.meta.url).searchParams.get('backend') ?? 'auto';
const create = (seed) => Network.create({ inputs: 784, layers: [{ units: 128, activation: 'relu' }, { units: 64, activation: 'relu' }],
    output: { units: 10, fn: 'softmax', loss: 'cross-entropy' }, init: 'glorot-uniform', seed, backend });
function train(seed, epochs) {
  const net = create(seed);
  net.fit(new Matrix(8000, 784, x.subarray(0, 8000 * 784)), y.subarray(0, 8000), { epochs, batchSize: 64, learningRate: 0.05, shuffle: true, seed });
  return net;
}
train(999, 1);
const sps = [];
let acc = 0;
for (let r = 0; r < 3; r++) {
  const t0 = performance.now();
  const net = train(1 + r, 3);
  sps.push(24000 / ((performance.now() - t0) / 1000));
  const pred = net.classify(new Matrix(2000, 784, xt));
  let ok = 0;
  for (let i = 0; i < 2000; i++) if (pred[i] === yt[i]) ok++;
  if (r === 0) acc = ok / 2000;
}
sps.sort((a, b) => a - b);
postMessage({ backend: create(1).backend, median: sps[1], min: sps[0], max: sps[2], acc, userAgent: navigator.userAgent });
`;
// The parallel figures, in the page's worker (rank 0 here, rank 1 in a nested worker), on shared-memory data.
const PARALLEL_WORKER = `
import { Matrix, Network, createOptimizer, createRng, shuffleInPlace } from '/core.js';
import { createParallelTrainer } from '/parallel/browser.js';
const N = 8000;
const get = async (f) => new Uint8Array(await (await fetch('/data/' + f)).arrayBuffer());
const raw = new Float32Array((await get('mnist_train_x.f32')).buffer);
const x = new Float32Array(new SharedArrayBuffer(N * 784 * 4));
x.set(raw.subarray(0, N * 784));
const y = (await get('mnist_train_y.u8')).subarray(0, N);
const X = new Matrix(N, 784, x);
const q = new URL(import.meta.url).searchParams;
const hidden = (q.get('hidden') ?? '128,64').split(',').map(Number);
const batches = (q.get('batches') ?? '64,256').split(',').map(Number);
const modes = (q.get('modes') ?? 'fit,session').split(',');
const create = (seed) => Network.create({ inputs: 784, layers: hidden.map((units) => ({ units, activation: 'relu' })),
    output: { units: 10, fn: 'softmax', loss: 'cross-entropy' }, init: 'glorot-uniform', seed });
async function fit(trainer, seed, epochs, B) {
  const net = create(seed);
  await trainer.fit(net, X, y, { epochs, batchSize: B, learningRate: 0.05, shuffle: true, seed });
  return net;
}
// The playground's loop: its own shuffle and update around one session's compute per step.
async function session(trainer, seed, epochs, B) {
  const net = create(seed);
  const g = await trainer.rowGradient(net, X, y);
  const grad = new Float32Array(net.flat.length);
  const sgd = createOptimizer('sgd');
  const order = new Int32Array(N);
  const rng = createRng(seed);
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < N; i++) order[i] = i;
    shuffleInPlace(order, rng);
    for (let from = 0; from < N; from += B) {
      g.compute(order.subarray(from, Math.min(from + B, N)), grad);
      sgd.step(net.flat, grad, 0.05);
    }
  }
  await g.close();
  return net;
}
try {
  const out = { isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency, cases: [] };
  for (const [mode, B] of modes.flatMap((m) => batches.map((b) => [m, b]))) {
    const row = { mode, batchSize: B, hidden: hidden.join('-') };
    const bits = {};
    for (const threads of [1, 2]) {
      const trainer = await createParallelTrainer({ threads });
      const run = mode === 'fit' ? fit : session;
      await run(trainer, 999, 1, B);
      const sps = [];
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        const net = await run(trainer, 1 + r, 3, B);
        sps.push((3 * N) / ((performance.now() - t0) / 1000));
        if (r === 0) bits[threads] = new Uint32Array(net.flat.slice().buffer);
      }
      sps.sort((a, b) => a - b);
      row['t' + threads] = { threads: trainer.threads, reason: trainer.reason ?? null, median: sps[1], min: sps[0], max: sps[2] };
      await trainer.close();
    }
    row.ratio = row.t2.median / row.t1.median;
    row.sameBits = bits[1].length === bits[2].length && bits[1].every((v, i) => v === bits[2][i]);
    out.cases.push(row);
  }
  postMessage(out);
} catch (e) {
  postMessage({ error: String(e && e.stack || e) });
}
`;
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
const w = new Worker((location.search.includes('parallel') ? '/w1p.js' : '/w1.js') + location.search, { type: 'module' });
w.onmessage = (e) => { window.__result = e.data; };
w.onerror = (e) => { window.__result = { error: String(e.message) }; };
</script>`;

function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const send = (type: string, body: string | Buffer): void => {
      res.writeHead(200, { 'content-type': type, 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
      res.end(body);
    };
    if (url === '/' || url.startsWith('/?')) send('text/html', PAGE);
    else if (url === '/w1.js' || url.startsWith('/w1.js?')) send('text/javascript', WORKER);
    else if (url.startsWith('/w1p.js')) send('text/javascript', PARALLEL_WORKER);
    else if (url === '/core.js') send('text/javascript', readFileSync(coreDist));
    // @backprop/parallel's browser build as published; its one bare import, core, is the page's /core.js (one module instance).
    else if (/^\/parallel\/[\w.-]+\.js$/.test(url)) send('text/javascript', readFileSync(join(parallelDist, url.slice(10)), 'utf8').replaceAll('"@backprop/core"', '"/core.js"'));
    else if (url.startsWith('/data/') && /^[\w.]+$/.test(url.slice(6))) send('application/octet-stream', readFileSync(join(dataDir, url.slice(6))));
    else res.writeHead(404).end();
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function browserW1(backend: string, extra = ''): Promise<Record<string, unknown>> {
  // playwright-core drives the system Chromium; it is a dev dependency of this package only.
  const { chromium } = await import('playwright-core');
  const server = await serve();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/?backend=${backend}${extra}`);
    await page.waitForFunction(() => (globalThis as { __result?: unknown }).__result !== undefined, undefined, { timeout: 600_000 });
    const result = (await page.evaluate(() => (globalThis as { __result?: unknown }).__result)) as Record<string, unknown>;
    return { ...result, browser: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

function nodeW1(): Record<string, unknown> {
  const x = new Float32Array(readFileSync(join(dataDir, 'mnist_train_x.f32')).buffer.slice(0));
  const y = new Uint8Array(readFileSync(join(dataDir, 'mnist_train_y.u8')));
  const cfg = (seed: number, epochs: number): ours.TrainConfig => ({ x, y, n: 8000, inDim: 784, nClasses: 10, hidden: [128, 64], activation: 'relu', batchSize: 64, lr: 0.05, epochs, seed, workload: 'w1', opts: {} });
  void ours.train(cfg(999, 1));
  const sps: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    void ours.train(cfg(1 + r, 3));
    sps.push(24000 / ((performance.now() - t0) / 1000));
  }
  sps.sort((a, b) => a - b);
  return { median: sps[1], min: sps[0], max: sps[2] };
}

const cases = (process.env.BROWSER_CASES ?? 'node,auto,wasm-relaxed-simd,parallel').split(',');
const node = cases.includes('node') ? nodeW1() : undefined;
if (node) console.log(JSON.stringify({ engine: 'backprop', where: `node ${process.version}`, workload: 'w1', unit: 'samples/s', ...node }));
for (const backend of ['auto', 'wasm-relaxed-simd'].filter((b) => cases.includes(b))) {
  const web = await browserW1(backend);
  console.log(JSON.stringify({ engine: 'backprop', where: 'headless chromium, module worker', workload: 'w1', unit: 'samples/s', requested: backend, ...web }));
  if (node && typeof web.median === 'number') console.log(`browser (${web.backend})/node W1: ${(web.median / (node.median as number)).toFixed(2)}×`);
}
if (cases.includes('parallel')) {
  // A second thread is only as free as the machine: the 1-minute load average goes with the figures.
  const before = loadavg()[0] ?? 0;
  const env = process.env;
  const extra = [['batches', env.PARALLEL_BATCHES], ['hidden', env.PARALLEL_HIDDEN], ['modes', env.PARALLEL_MODES]].map(([k, v]) => (v ? `&${k}=${v}` : '')).join('');
  const p = await browserW1('parallel', extra);
  const load = `${before.toFixed(2)} → ${(loadavg()[0] ?? 0).toFixed(2)}`;
  if (p.error) console.log(JSON.stringify({ engine: 'backprop-parallel', error: p.error }));
  for (const c of (p.cases ?? []) as Record<string, unknown>[]) {
    console.log(JSON.stringify({ engine: 'backprop-parallel', where: 'headless chromium, module worker + 1 nested worker', workload: `784-${c.hidden}-10 batch ${c.batchSize}`, unit: 'samples/s', isolated: p.isolated, cores: p.cores, load, browser: p.browser, ...c }));
    const t1 = c.t1 as { median: number };
    const t2 = c.t2 as { median: number; threads: number };
    console.log(`browser 784-${c.hidden}-10 batch ${c.batchSize} (${c.mode}): 1 worker ${Math.round(t1.median)}, ${t2.threads} workers ${Math.round(t2.median)} samples/s: ${(c.ratio as number).toFixed(2)}× (same bits: ${c.sameBits}; load average ${load})`);
  }
}
