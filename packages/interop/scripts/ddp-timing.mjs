// Wall time of train.py on 1 vs N processes for an MNIST-sized run (8000 × 784 → 128 relu → 10 softmax,
// float32, Adam), from a folder exported by toPytorchTraining. Not a test: a figure for the README.
//   node scripts/ddp-timing.mjs [epochs=3] [processes=2] [batch=256]      (after pnpm build)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Matrix, Network, createRng } from '@backprop/core';
import { toPytorchTraining } from '@backprop/interop';

const epochs = Number(process.argv[2] ?? 3);
const processes = Number(process.argv[3] ?? 2);
const batchSize = Number(process.argv[4] ?? 256);
const N = 8000;
const rng = createRng(1);
const X = Matrix.zeros(N, 784, 'float32');
for (let i = 0; i < X.data.length; i++) X.data[i] = rng.next();
const y = Int32Array.from({ length: N }, () => rng.int(10));
const net = Network.create({ inputs: 784, layers: [{ units: 128, activation: 'relu' }], output: { units: 10, fn: 'softmax' }, seed: 1 });
net.fit(X, y, { epochs: 1, batchSize, optimizer: 'adam', maxIterations: 1 });
const files = toPytorchTraining(net.checkpoint(), { epochs: 1 + epochs, data: { X, Y: y } });
const root = mkdtempSync(join(tmpdir(), 'ddp-timing-'));

function run(name, args) {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [f, bytes] of Object.entries(files)) writeFileSync(join(dir, f), bytes);
  const start = performance.now();
  const out = execFileSync('/usr/bin/python3', [join(dir, 'train.py'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [, steps, loop] = /(\d+) steps in ([\d.]+) s/.exec(out) ?? [];
  return [(performance.now() - start) / 1000, Number(loop), Number(steps)];
}

const results = [
  ['1 process, 1 thread', run('p1t1', ['--threads', '1'])],
  ['1 process, default threads', run('p1', [])],
  [`${processes} processes (gloo), 1 thread each`, run('pN', ['--processes', String(processes), '--threads', '1'])],
];
for (const [what, [wall, loop, steps]] of results) console.log(`${what}: ${loop.toFixed(1)} s training loop, ${wall.toFixed(1)} s wall with start-up, ${steps} steps of ${batchSize}`);
