/** The helper thread of parallel.ts: computes shard 1's gradient of each step into shared memory. */
import { parentPort } from 'node:worker_threads';
import { Matrix, Network } from '@backprop/core';
import { Ctl, type WorkerInit, gatherRows } from './parallel.js';

function run(init: WorkerInit): void {
  const net = Network.create(init.spec);
  const x = new Float32Array(init.x);
  const y = new Float32Array(init.y);
  const X = new Matrix(x.length / net.inputs, net.inputs, x);
  const Y = new Matrix(y.length / net.outputs, net.outputs, y);
  const order = new Int32Array(init.order);
  const params = new Float32Array(init.params);
  const grad = new Float32Array(init.grad);
  const ctl = new Int32Array(init.ctl);
  const shards = new Map<number, { x: Matrix; y: Matrix }>();
  let seen = Atomics.load(ctl, Ctl.Gen);
  parentPort!.postMessage('ready');
  for (;;) {
    Atomics.wait(ctl, Ctl.Gen, seen);
    const gen = Atomics.load(ctl, Ctl.Gen);
    if (gen === seen) continue;
    seen = gen;
    if (ctl[Ctl.Stop]) return;
    const rows = ctl[Ctl.Rows]!;
    let s = shards.get(rows);
    if (!s) shards.set(rows, (s = { x: Matrix.zeros(rows, X.cols, 'float32'), y: Matrix.zeros(rows, Y.cols, 'float32') }));
    net.flat.set(params);
    gatherRows(X, Y, order, ctl[Ctl.From]!, s.x, s.y);
    net.gradient(s.x, s.y, grad, rows / ctl[Ctl.Batch]!);
    Atomics.store(ctl, Ctl.Done, gen);
    Atomics.notify(ctl, Ctl.Done);
  }
}

parentPort!.on('message', (init: WorkerInit) => run(init));
