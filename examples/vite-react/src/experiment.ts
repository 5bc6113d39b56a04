// Settings → the data and the network. Nothing here knows about workers or the DOM: these are the calls
// a Node script makes too (the example's test makes them in Node and expects the worker's numbers, bit for bit).
import { Network } from '@backprop/core';
import { type ClassificationDataset, generate, trainTestSplit } from '@backprop/datasets';
import type { RunSettings } from './protocol';


/** A seeded, stratified 75 / 25 split of the chosen set, and a fresh network for it. */
export function createExperiment(s: RunSettings): { net: Network; train: ClassificationDataset; test: ClassificationDataset } {
  const data = generate(s.dataset, { samples: s.samples, noise: s.noise, seed: s.seed });
  if (data.task !== 'classification') throw new TypeError(`${s.dataset} is not a classification set`);
  const { train, test } = trainTestSplit(data, { test: 0.25, seed: s.seed });
  const net = Network.create({
    inputs: data.X.cols,
    layers: s.hidden.map((units) => ({ units, activation: s.activation })),
    output: { units: data.classes, fn: 'softmax' }, // loss: cross-entropy, softmax's natural pair
    seed: s.seed,
  });
  return { net, train, test };
}
