import { describe, expect, test } from 'vitest';
import { caught } from './test-fixtures.js';
import { wasmHeapUsage, wasmSimdKernels } from './kernels/wasm-simd.js';
import { Matrix } from './matrix.js';
import { Network } from './network.js';

// An MNIST-sized network (784-128-64-10, ≈ 436 KB of float32 θ) on the WebAssembly kernels, whose θ,
// gradients and workspaces live in the module's memory.
const mnist = {
  inputs: 784,
  layers: [
    { units: 128, activation: 'relu' as const },
    { units: 64, activation: 'relu' as const },
  ],
  output: { units: 10, fn: 'softmax' as const },
  backend: 'wasm-simd' as const,
  seed: 1,
};
const X = new Matrix(2, 784, new Float32Array(2 * 784).fill(0.5));
const labels = [3, 7];
const withWasm = test.skipIf(!wasmSimdKernels());


describe('Network.dispose', () => {
  withWasm('creating and disposing 1,000 MNIST-sized networks keeps wasm memory bounded', () => {
    const heap: number[] = [];
    const memoryBytes = new Set<number>();
    let memory: ArrayBufferLike | undefined;
    for (let i = 0; i < 1000; i++) {
      const net = Network.create({ ...mnist, seed: i });
      memory ??= net.flat.buffer;
      // Still in the module memory: without reuse the heap fills after a few hundred and θ falls back to the JS heap.
      expect(net.flat.buffer).toBe(memory);
      net.predict(X); // a cached workspace too
      heap.push(wasmHeapUsage()!.heap);
      memoryBytes.add(memory.byteLength);
      net.dispose();
    }
    expect(memoryBytes.size).toBe(1); // the memory's byteLength never changes
    // The heap's extent stops growing after the first network: every later one reuses the same blocks.
    expect(Math.max(...heap.slice(3))).toBeLessThanOrEqual(heap[2]!);
  });

  withWasm('the wasm memory itself never grows (it is reserved once), so views handed out stay attached', () => {
    const net = Network.create(mnist);
    const bytes = net.flat.buffer.byteLength;
    for (let i = 0; i < 50; i++) Network.create({ ...mnist, seed: i }).dispose();
    expect(net.flat.buffer.byteLength).toBe(bytes);
    expect(net.flat.length).toBeGreaterThan(0);
    net.dispose();
  });

  withWasm('freed blocks are reused: a new network takes the place of a disposed one', () => {
    const a = Network.create(mnist);
    const offset = a.flat.byteOffset;
    a.dispose();
    const b = Network.create({ ...mnist, seed: 2 });
    expect(b.flat.byteOffset).toBe(offset);
    expect(wasmHeapUsage()!.live).toBeGreaterThan(0);
    b.dispose();
  });

  withWasm("other live networks' weights are untouched (bit-equal) after a neighbour is disposed and a new one created", () => {
    const a = Network.create({ ...mnist, seed: 10 });
    const b = Network.create({ ...mnist, seed: 11 });
    const c = Network.create({ ...mnist, seed: 12 });
    a.fit(X, labels, { epochs: 2, batchSize: 2 });
    const before = [a.flat.slice(), c.flat.slice()];
    b.dispose();
    const d = Network.create({ ...mnist, seed: 13 });
    d.fit(X, labels, { epochs: 3, batchSize: 1, optimizer: 'adam' });
    expect(new Uint32Array(a.flat.slice().buffer)).toEqual(new Uint32Array(before[0]!.buffer));
    expect(new Uint32Array(c.flat.slice().buffer)).toEqual(new Uint32Array(before[1]!.buffer));
    for (const n of [a, c, d]) n.dispose();
  });

  test('a disposed network throws BackpropError (code disposed) naming the call; its description still works', () => {
    const net = Network.create({ ...mnist, backend: 'auto' });
    net.dispose();
    expect(net.disposed).toBe(true);
    const cases: [string, () => unknown][] = [
      ['net.predict', () => net.predict(X)],
      ['net.fit', () => net.fit(X, labels)],
      ['net.flat', () => net.flat],
      ['net.parameters', () => net.parameters()],
      ['net.toJSON', () => JSON.stringify(net)],
      ['net.clone', () => net.clone()],
      ['net.forward', () => net.forward(X)],
      ['net.gradient', () => net.gradient(X, labels, new Float32Array(1))],
      ['net.rowGradient', () => net.rowGradient(X, labels)],
    ];
    for (const [call, run] of cases) {
      const e = caught(run);
      expect(e.code).toBe('disposed');
      expect(e.argument).toBe(call);
      expect(e.message).toMatch(new RegExp(`^${call.replace('.', '\\.')}: expected a network that has not been disposed, got a disposed network`));
    }
    expect(net.layers.map((l) => l.units)).toEqual([128, 64, 10]);
  });

  test('dispose twice is fine', () => {
    const net = Network.create({ ...mnist, backend: 'auto' });
    net.dispose();
    expect(() => net.dispose()).not.toThrow();
    expect(net.disposed).toBe(true);
  });

  test('a training run on a network disposed mid-way stops with the typed error instead of touching freed memory', () => {
    const net = Network.create({ ...mnist, backend: 'auto' });
    const steps = net.steps(X, labels, { epochs: 5, batchSize: 1 });
    steps.next();
    net.dispose();
    expect(caught(() => steps.next()).code).toBe('disposed');
  });

  test('disposing works on every backend and leaves copies made before it intact', () => {
    for (const backend of ['reference', 'blocked', 'wasm-simd'] as const) {
      const net = Network.create({ ...mnist, backend });
      const copy = net.clone();
      const saved = net.toJSON();
      net.dispose();
      expect(copy.toJSON()).toEqual(saved);
      copy.dispose();
    }
  });
});
