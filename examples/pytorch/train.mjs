// Step 1: train the first leg in Node, then write the run (weights, Adam's moments and step, schedule,
// position, shuffling state, the training rows, train.py) to a folder PyTorch continues from.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { toPytorchTraining } from '@backprop/interop';
import { FIT, FOLDER, LEG, SPEC, test, train } from './setup.mjs';

const net = Network.create(SPEC);
net.fit(train, {
  ...FIT,
  epochs: LEG,
  onEpochEnd: (e) => {
    if (e.epoch % 10 === 0) console.log(`node    epoch ${String(e.epoch).padStart(3)}  loss ${e.loss.toFixed(4)}  accuracy ${(e.accuracy * 100).toFixed(1)} %`);
  },
});
console.log(`test accuracy after ${LEG} epochs in Node: ${(net.evaluate(test).classification.accuracy * 100).toFixed(1)} %`);

// The run ends at epoch 2·LEG in PyTorch (train.py's default --epochs; it can be moved there).
const files = toPytorchTraining(net.checkpoint(), { epochs: 2 * LEG, data: { X: train.X, Y: train.y } });
// Written to a temporary folder, then renamed: an interrupted export never leaves half a folder.
const tmp = `${FOLDER}.tmp`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp);
for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tmp, name), bytes);
rmSync(FOLDER, { recursive: true, force: true });
renameSync(tmp, FOLDER);
console.log(`wrote run/: ${Object.keys(files).sort().join(', ')}`);
