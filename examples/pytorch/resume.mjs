// Step 3: bring the run back from PyTorch (weights and Adam's state), train the last leg in Node, predict.
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { fromPytorchTraining } from '@backprop/interop';
import { FOLDER, LEG, MODEL, test, train } from './setup.mjs';

if (!existsSync(FOLDER)) {
  console.error('There is no run/ folder yet: run `node train.mjs` (step 1), then `python3 run/train.py --processes 2` (step 2).');
  process.exit(1);
}
const files = Object.fromEntries(readdirSync(FOLDER).map((f) => [f, new Uint8Array(readFileSync(join(FOLDER, f)))]));
const { checkpoint, fitOptions, endEpoch } = fromPytorchTraining(files); // typed errors for a missing or damaged file
const net = Network.fromJSON(checkpoint);
const came = checkpoint.training;
if (came.epoch < endEpoch) {
  console.log(`run/ is at epoch ${came.epoch} of ${endEpoch}: PyTorch has not trained it to its end (step 2); continuing from epoch ${came.epoch}`);
} else {
  console.log(`back from PyTorch at epoch ${came.epoch} (step ${came.iteration}), last loss ${came.history.loss.at(-1).toFixed(4)}`);
}

// `epochs` counts the epochs of THIS call (Keras): LEG more, whatever the run did before. fitOptions carries
// what the run needs besides (batch size, schedule, shuffling); optimizer, learning rate and Adam's moments
// are in the checkpoint. `resume: true` refuses to start afresh if the folder held no training state.
net.fit(train, {
  ...fitOptions,
  epochs: LEG,
  resume: true,
  onEpochEnd: (e) => {
    if (e.epoch % 10 === 0) console.log(`node    epoch ${String(e.epoch).padStart(3)}  loss ${e.loss.toFixed(4)}  accuracy ${(e.accuracy * 100).toFixed(1)} %`);
  },
});
const { history } = net.checkpoint().training;
console.log(`final loss ${history.loss.at(-1).toFixed(6)} after ${history.loss.length} epochs (${came.epoch} before, ${history.loss.length - came.epoch} here)`);
console.log(`test accuracy: ${(net.evaluate(test).classification.accuracy * 100).toFixed(1)} %`);
for (const point of [[0, 0], [2, -1], [-3, 2.5]]) {
  const p = net.predictProba(point)[0];
  const best = Object.entries(p).sort((a, b) => b[1] - a[1])[0];
  console.log(`predict [${point.join(', ')}] → ${best[0]} (${(best[1] * 100).toFixed(1)} %)`);
}
writeFileSync(`${MODEL}.tmp`, JSON.stringify(net.checkpoint()));
renameSync(`${MODEL}.tmp`, MODEL);
console.log('saved model.json (weights and the whole run: a later fit continues it)');
