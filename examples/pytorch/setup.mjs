// What every step of the walk-through shares: the data, the network, the fit options. One seed drives the
// data, the split, the initial weights and the shuffling, so each script rebuilds exactly the same rows.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spiral3, trainTestSplit } from '@backprop/datasets';

/** Three spiral arms, 600 points: 450 to train on, 150 held out (stratified). */
export const { train, test } = trainTestSplit(spiral3({ samples: 600, noise: 0.1, seed: 1, dtype: 'float64' }), { test: 0.25, seed: 1 });

/**
 * 2 inputs → 32 relu → 32 relu → 3 softmax (cross-entropy), in float64: PyTorch then computes in float64
 * too, and the hand-over is exact to rounding (see the README for float32).
 */
export const SPEC = {
  inputs: 2,
  layers: [
    { units: 32, activation: 'relu' },
    { units: 32, activation: 'relu' },
  ],
  output: { units: 3, fn: 'softmax' },
  dtype: 'float64',
  seed: 1,
};

/** How the run trains; the checkpoint keeps these, so PyTorch and the resumed fit use them too. */
export const FIT = { batchSize: 32, optimizer: 'adam', learningRate: 0.01 };

/** Epochs per leg: Node, then PyTorch, then Node again. */
export const LEG = 50;

// Files live beside the scripts, whatever the current directory.
const HERE = dirname(fileURLToPath(import.meta.url));

/** The folder the run travels in (examples/pytorch/run). */
export const FOLDER = join(HERE, 'run');

/** The finished model (examples/pytorch/model.json). */
export const MODEL = join(HERE, 'model.json');
