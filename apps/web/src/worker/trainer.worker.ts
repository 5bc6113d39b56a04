/// <reference lib="webworker" />
import { gradcheck, formatReport } from '@backprop/gradcheck';
import { Matrix, Network, ready } from '@backprop/core';
import { loadData, type PreparedData } from '../model/data.js';
import { needsReset, type PlaygroundConfig } from '../state/config.js';
import { Pool } from './pool.js';
import { type DataSummary, type FromWorker, isToWorker, type ToWorker } from './protocol.js';
import { transferables } from './snapshot-buffers.js';
import { adoptTargetScaler } from '../model/scaling.js';
import { importProblem, predictionReply } from './replies.js';
import { specFor, targetMatrix, Trainer } from './trainer.js';

// The training worker: it owns the Network and steps training in short slices, posting a snapshot at
// a steady rate, so the page keeps drawing at 60 fps whatever the network costs.

const SLICE_MS = 12; // compute per slice before yielding to the message queue
const SNAPSHOT_MS = 80; // ≈ 12 snapshots a second while training

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m, transfer);

let trainer: Trainer | undefined;
let config: PlaygroundConfig | undefined;
let csv: string | undefined;
let running = false;
let lastPost = 0;
let timer: ReturnType<typeof setTimeout> | undefined; // the next loop tick: a pause cancels it, so a quick play can't start a second loop
let generation = 0; // bumped by every rebuild, so a slow MNIST load cannot overwrite a newer config
const pool = new Pool(); // MNIST's data-parallel threads (pool.ts)
let meter = { t: 0, samples: 0, rate: 0 }; // training samples a second, over windows of about a second

/** Samples a second while training (0 when paused), measured over the loop's last window of ≥ 1 s. */
function throughput(): number {
  const now = performance.now();
  const seen = trainer?.samplesSeen ?? 0;
  if (!running || seen < meter.samples) meter = { t: now, samples: seen, rate: 0 };
  else if (now - meter.t >= 1000) meter = { t: now, samples: seen, rate: ((seen - meter.samples) * 1000) / (now - meter.t) };
  return meter.rate;
}

/** MNIST trains through @backprop/parallel (the same numbers on 1 or 2 workers); the other data through the core's run. */
async function attachThreads(t: Trainer): Promise<void> {
  const { train } = t.data;
  if (t.config.dataset !== 'mnist' || !train.y) return pool.release();
  // The batch size in use now (a live change leaves t.config as the trainer was built).
  t.trainWith(await pool.open(t.net, train.X, train.y, (config ?? t.config).batchSize));
}

/**
 * Runs `fn` with the training loop stopped (it awaits the threads: a session must be closed before the
 * next opens, and no step may run on a closed one), then resumes it if it was running.
 */
async function paused(fn: () => Promise<void>): Promise<void> {
  clearTimeout(timer);
  try {
    await fn();
  } finally {
    if (running) timer = setTimeout(loop, 0);
  }
}

function dataView(d: PreparedData, t: Trainer): DataSummary {
  const labels = (s: PreparedData['train']) => (s.y ? Float32Array.from(s.y) : Float32Array.from(s.Y!.data));
  // Column names label the inputs of data that is not a plane (a CSV); 784 pixel names are not worth sending.
  const names = !d.planar && d.inputs <= 64 ? { featureNames: d.featureNames } : {};
  const classNames = d.classNames && d.classNames.length <= 64 ? { classNames: d.classNames } : {};
  const base = { task: d.task, inputs: d.inputs, planar: d.planar, trainCount: d.train.X.rows, testCount: d.test.X.rows, ...names, ...classNames };
  const scaler = t.net.preprocessing?.input;
  const scalers = { ...(scaler ? { scaler } : {}), ...(t.targetScaler ? { targetScaler: t.targetScaler } : {}) };
  const withClasses = { ...(d.classes !== undefined ? { ...base, classes: d.classes } : base), ...(d.view ? { view: d.view } : {}), ...(d.planar && d.columnNames ? { columnNames: d.columnNames } : {}), ...scalers };
  if (!d.planar || !d.train.points || !d.test.points) return withClasses;
  return {
    ...withClasses,
    trainPoints: d.train.points,
    trainLabels: labels(d.train),
    testPoints: d.test.points,
    testLabels: labels(d.test),
    trainSource: d.train.source,
    testSource: d.test.source,
  };
}

function sendSnapshot(): void {
  if (!trainer) return;
  const snapshot = trainer.gradient ? { ...trainer.snapshot(running), parallel: pool.status(throughput()) } : trainer.snapshot(running);
  post({ type: 'snapshot', snapshot }, transferables(snapshot));
  lastPost = performance.now();
}

/** New data (and a new network unless `keepNetwork` and the shapes agree). A new CSV is kept only once it loads. */
async function rebuild(next: PlaygroundConfig, keepNetwork: boolean, nextCsv = csv): Promise<void> {
  const mine = ++generation;
  if (next.dataset === 'mnist') post({ type: 'loading', what: 'MNIST digits' });
  const data = await loadData(next, nextCsv);
  if (mine !== generation) return;
  csv = nextCsv;
  await paused(async () => {
    const old = trainer;
    const sameShape = old && JSON.stringify(specFor(next, data)) === JSON.stringify(specFor(old.config, old.data));
    old?.close(); // its core run holds the network: a kept network starts a new run on the new data
    await pool.closeSession(); // and its parallel session the threads
    const t = keepNetwork && sameShape ? new Trainer(next, data, old.net, old.targetScaler) : new Trainer(next, data);
    if (keepNetwork && sameShape && old) Object.assign(t, { epoch: old.epoch, iterations: old.iterations, samplesSeen: old.samplesSeen });
    // Every reset makes a network: give the old one's wasm memory back, or a long session grows without bound.
    if (old && old.net !== t.net) old.net.dispose();
    trainer = t;
    config = next;
    await attachThreads(t);
  });
  if (trainer) post({ type: 'data', data: dataView(data, trainer) });
  sendSnapshot();
}

function loop(): void {
  if (!running || !trainer) return;
  const start = performance.now();
  // A set speed (epochs a second) draws every epoch, so a learner watches the boundary form; 0 is flat out.
  const speed = config?.speed ?? 0;
  try {
    if (speed > 0) trainer.stepEpoch();
    else while (performance.now() - start < SLICE_MS && !trainer.diverged) trainer.stepBatch();
  } catch (e) {
    // The core refused the settings (say Nesterov with μ = 0) when the run started: stop and say so, as handle() does.
    running = false;
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
  if (trainer.diverged) running = false;
  if (!running || speed > 0 || performance.now() - lastPost >= SNAPSHOT_MS) sendSnapshot();
  if (running) timer = setTimeout(loop, speed > 0 ? Math.max(0, 1000 / speed - (performance.now() - start)) : 0);
}

async function handle(m: ToWorker): Promise<void> {
  switch (m.type) {
    case 'config': {
      const before = config;
      if (!before || !trainer || needsReset(before, m.config) || m.csv !== undefined) {
        const dataOnly = before !== undefined && sameNetwork(before, m.config) && m.csv === undefined;
        await rebuild(m.config, dataOnly, m.csv ?? csv);
      } else {
        config = m.config;
        trainer.setLive(m.config);
        // Auto's worker count follows the batch size (threads.ts); the count changes no number, so at once.
        const t = trainer;
        if (t.gradient && pool.wants(m.config.batchSize)) await paused(() => attachThreads(t));
        if (!running) sendSnapshot();
      }
      return;
    }
    case 'play':
      if (!trainer || running) return;
      clearTimeout(timer);
      running = true;
      loop();
      return;
    case 'pause':
      clearTimeout(timer);
      running = false;
      sendSnapshot();
      return;
    case 'step':
      if (!trainer) return;
      running = false;
      if (m.unit === 'batch') trainer.stepBatch();
      else trainer.stepEpoch();
      sendSnapshot();
      return;
    case 'reset':
      running = false;
      if (config) await rebuild(config, false);
      return;
    case 'workers':
      // The run goes on where it was, on the new session: same network, data, order and optimizer state.
      pool.choice = m.workers;
      await paused(async () => {
        if (trainer?.gradient) await attachThreads(trainer);
      });
      sendSnapshot();
      return;
    case 'getModel':
      if (trainer) post({ type: 'model', id: m.id, json: trainer.modelJson() });
      return;
    case 'loadModel':
      return loadModel(m.id, m.json, m.config);
    case 'gradcheck':
      return runGradcheck(m.id);
    case 'predict':
      post(predictionReply(trainer, m.id, m.input));
      return;
  }
}

/** Only the data changed (points added or removed): the network keeps its weights. */
function sameNetwork(a: PlaygroundConfig, b: PlaygroundConfig): boolean {
  const key = (c: PlaygroundConfig) => JSON.stringify([c.dataset, c.noise, c.samples, c.trainRatio, c.layers, c.output, c.loss, c.seed, c.features, c.standardize]);
  return key(a) === key(b);
}

async function loadModel(id: number, json: string, next?: PlaygroundConfig): Promise<void> {
  if (!trainer || !config) {
    post({ type: 'loaded', id, ok: false, message: 'the playground is still starting; try again in a moment' });
    return;
  }
  let net: Network | undefined;
  try {
    net = Network.fromJSON(json);
    let data = trainer.data;
    if (next) {
      // An imported network with the data it fits: the page adopts `next` right after, which then needs no reset.
      const mine = ++generation;
      if (next.dataset === 'mnist' && config.dataset !== 'mnist') post({ type: 'loading', what: 'MNIST digits' });
      data = await loadData(next, csv);
      if (mine !== generation) throw new Error('the settings changed while the data loaded; try again');
    }
    const target = next ?? config;
    const problem = importProblem(net, data, specFor({ ...target, output: net.output }, data).output.units);
    if (problem) throw new Error(problem);
    running = false;
    config = target;
    const previous = trainer;
    // A regression model on data whose target the page standardizes trains on the standardized target too.
    const fresh = new Trainer(config, data, net, adoptTargetScaler(net, config, data));
    previous.close();
    await pool.closeSession();
    previous.net.dispose();
    trainer = fresh;
    await attachThreads(fresh);
    // Its scaler (or none) is the model's: the page says what it does to raw rows.
    post({ type: 'data', data: dataView(data, fresh) });
    post({ type: 'loaded', id, ok: true });
    sendSnapshot();
  } catch (e) {
    if (net && trainer?.net !== net) net.dispose();
    post({ type: 'loaded', id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
}

function runGradcheck(id: number): void {
  if (!trainer) return;
  const { X } = trainer.data.train;
  const n = Math.min(8, X.rows);
  const Xb = new Matrix(n, X.cols, Float32Array.from(X.data.subarray(0, n * X.cols)));
  const T = targetMatrix(trainer.data.train, trainer.net.outputs).sliceRows(0, n);
  const report = gradcheck(trainer.net, Xb, T, { mode: trainer.net.flat.length > 2000 ? 'sampled' : 'full' });
  const rows = report.tensors.map((t) => ({ name: t.name, shape: t.shape, status: t.status, checked: t.checked, maxAbsError: t.maxAbsError, maxRelError: t.maxRelError }));
  post({ type: 'gradcheck', id, ok: report.ok, rows, text: formatReport(report) });
}

// Every network here is built after `ready()`: it compiles the WebAssembly SIMD kernels however this
// browser allows (synchronously in workers where permitted, else asynchronously), so `auto` is wasm-simd
// wherever SIMD exists. Each snapshot names the kernels the network really uses.
let queue: Promise<void> = ready().then(() => undefined);
self.onmessage = (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isToWorker(m)) return;
  // Messages are handled one at a time, in order, even when one awaits (MNIST loading).
  queue = queue
    .then(() => handle(m))
    .catch((e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }));
};
