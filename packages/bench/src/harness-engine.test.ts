import { afterAll, describe, expect, test } from 'vitest';
import { setup, train } from './harness-engine.js';

// A small contract-B run: 2 threads go through @backprop/parallel, 1 thread through core's fit.
const n = 200;
const inDim = 6;
const x = new Float32Array(n * inDim);
const y = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  for (let j = 0; j < inDim; j++) x[i * inDim + j] = Math.sin(i * 7 + j * 3);
  y[i] = x[i * inDim]! > 0 ? 1 : 0;
}
const cfg = { x, y, n, inDim, nClasses: 2, hidden: [8], activation: 'relu' as const, batchSize: 32, lr: 0.1, epochs: 5, seed: 1, workload: 'w1' as const, opts: {} };

describe('harness engine (contract B)', () => {
  afterAll(() => setup({ threads: 1, opts: {} }));

  test('2 threads use the parallel trainer and learn what 1 thread learns', async () => {
    const info = (await setup({ threads: 2, opts: {} })) as { threadsUsed: number };
    expect(info.threadsUsed).toBe(2);
    const two = await train(cfg);
    const again = await train(cfg);
    expect(Array.from(again.predict(x, n))).toEqual(Array.from(two.predict(x, n)));
    await setup({ threads: 1, opts: {} });
    const one = await train(cfg);
    const a = two.predict(x, n);
    const b = one.predict(x, n);
    let same = 0;
    for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
    expect(same / n).toBeGreaterThan(0.95);
  });
});

describe('harness engine models', () => {
  test('predict classifies a set larger than its 256-row chunk row by row, and dispose frees the model', async () => {
    await setup({ threads: 1, opts: {} });
    const rows = 600;
    const big = new Float32Array(rows * inDim);
    for (let i = 0; i < big.length; i++) big[i] = Math.cos(i * 0.37);
    const model = await train({ ...cfg, epochs: 2 });
    const all = Array.from(model.predict(big, rows));
    const halves = [...model.predict(big.subarray(0, 300 * inDim), 300), ...model.predict(big.subarray(300 * inDim), 300)];
    expect(all).toEqual(halves);
    expect(new Set(all).size).toBe(2); // both classes occur: the rows are not all one answer
    model.dispose();
    expect(() => model.predict(big, rows)).toThrow(/dispos/);
  });
});

describe('harness engine setup', () => {
  test('the info setup returns names the backend once the first model is built (setup itself builds none)', async () => {
    const info = (await setup({ threads: 1, opts: {} })) as { backend: string | undefined };
    expect(info.backend).toBeUndefined();
    const model = await train({ ...cfg, epochs: 1 });
    expect(info.backend).toBe('wasm-simd'); // Node 20 has WebAssembly SIMD: auto picks it
    model.dispose();
  });
});
