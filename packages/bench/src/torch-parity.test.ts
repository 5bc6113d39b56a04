// The W1 accuracy question (issue 19): ours was 0.6–0.75 points below PyTorch on the harness's three
// seeds. Given the same initial weights and the same batches, our SGD must land where PyTorch's does:
// then any accuracy gap between the two is the draw (initial weights and shuffle order), not the
// arithmetic. Here: W1's network (784-128-64-10, ReLU, softmax + cross-entropy, Glorot-uniform, plain
// SGD, batch 64) on MNIST-like inputs (~80 % exact zeros, so the sparse first layer runs), trained by
// us on every kernel set and by PyTorch (/usr/bin/python3) from our initial θ; the final θ must agree
// within float32 accumulation error.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BackendName, Matrix, Network, createRng } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';

const PYTHON = '/usr/bin/python3';
const torchAvailable = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
if (!torchAvailable) console.warn(`torch parity: skipped — ${PYTHON} cannot import torch (apt-get install python3-torch to run it).`);

const N = 640;
const D = 784;
const rng = createRng(20261204);
const x = new Float32Array(N * D);
const labels = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  labels[i] = i % 10;
  // A blob of ink whose place depends on the class, as digits' strokes do; the border stays zero.
  const cx = 6 + (labels[i]! % 5) * 4;
  const cy = 8 + Math.floor(labels[i]! / 5) * 10;
  for (let r = 2; r < 26; r++) {
    for (let c = 2; c < 26; c++) {
      const d2 = (r - cy) ** 2 + (c - cx) ** 2;
      if (d2 < 30 + 30 * rng.next()) x[i * D + r * 28 + c] = Math.fround(0.3 + 0.7 * rng.next());
    }
  }
}

const spec = (backend: BackendName) => ({
  inputs: D,
  layers: [{ units: 128, activation: 'relu' as const }, { units: 64, activation: 'relu' as const }],
  output: { units: 10, fn: 'softmax' as const, loss: 'cross-entropy' as const },
  init: 'glorot-uniform' as const,
  seed: 5,
  backend,
});

// PyTorch from our θ₀ (flat layout: W_1 … W_L, then b_1 … b_L), the same batches in order.
const SCRIPT = `
import sys, numpy as np, torch, torch.nn as nn
torch.set_num_threads(1)
d = sys.argv[1]
X = torch.from_numpy(np.fromfile(d + '/x.f32', dtype=np.float32).reshape(${N}, ${D}))
Y = torch.from_numpy(np.fromfile(d + '/y.u8', dtype=np.uint8).astype(np.int64))
flat = np.fromfile(d + '/theta0.f32', dtype=np.float32)
sizes = [${D}, 128, 64, 10]
layers, o = [], 0
lins = [nn.Linear(sizes[i], sizes[i + 1]) for i in range(3)]
with torch.no_grad():
    for l in lins:
        n = l.weight.numel(); l.weight.copy_(torch.from_numpy(flat[o:o + n].reshape(l.weight.shape).copy())); o += n
    for l in lins:
        n = l.bias.numel(); l.bias.copy_(torch.from_numpy(flat[o:o + n].copy())); o += n
model = nn.Sequential(lins[0], nn.ReLU(), lins[1], nn.ReLU(), lins[2])
opt = torch.optim.SGD(model.parameters(), lr=0.05)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(2):
    for s in range(0, ${N}, 64):
        opt.zero_grad(set_to_none=True)
        loss_fn(model(X[s:s + 64]), Y[s:s + 64]).backward()
        opt.step()
out = [l.weight.detach().numpy().ravel() for l in lins] + [l.bias.detach().numpy().ravel() for l in lins]
np.concatenate(out).astype(np.float32).tofile(d + '/theta.f32')
`;

describe.skipIf(!torchAvailable)('W1 training from the same θ₀ and batches as PyTorch', () => {
  // θ₀ does not depend on the kernel set (drawn in float64, stored as float32): one PyTorch run serves all.
  let start: Float32Array;
  let theirs: Float32Array;
  beforeAll(() => {
    start = Float32Array.from(Network.create(spec('reference')).flat);
    const dir = mkdtempSync(join(tmpdir(), 'backprop-torch-parity-'));
    try {
      writeFileSync(join(dir, 'x.f32'), x);
      writeFileSync(join(dir, 'y.u8'), labels);
      writeFileSync(join(dir, 'theta0.f32'), start);
      execFileSync(PYTHON, ['-c', SCRIPT, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
      const b = readFileSync(join(dir, 'theta.f32'));
      theirs = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Python importing torch and training 2 epochs: seconds when quiet, over 60 s under a load of 30.
  }, 240_000);

  test.each(['reference', 'blocked', 'wasm-simd', 'wasm-relaxed-simd'] as const)('%s kernels end within float32 error of PyTorch’s SGD', (backend) => {
    const net = Network.create(spec(backend));
    expect(net.backend).toBe(backend); // vitest starts Node with --experimental-wasm-relaxed-simd
    expect(Array.from(net.flat)).toEqual(Array.from(start));
    net.fit(new Matrix(N, D, x), labels, { epochs: 2, batchSize: 64, learningRate: 0.05, shuffle: false, seed: 5 });
    expect(theirs.length).toBe(net.flat.length);
    let moved = 0;
    let worst = 0;
    for (let i = 0; i < theirs.length; i++) {
      moved = Math.max(moved, Math.abs(theirs[i]! - start[i]!));
      worst = Math.max(worst, Math.abs(net.flat[i]! - theirs[i]!));
    }
    // Training moved θ by up to 7e-2; the engines differ by float32 accumulation order only (3e-8 measured).
    expect(moved).toBeGreaterThan(1e-2);
    expect(worst).toBeLessThan(1e-6);
  });
});
