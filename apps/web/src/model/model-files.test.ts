import { Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { modelFiles, readModelFile } from './model-files.js';

// A model.json with the optional `metadata` (what `backprop train` writes: the data set it was trained
// on) opens on the page like any other, and the page's JSON export keeps it.
test('a model file with metadata is read, and exported back with it', async () => {
  const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } });
  net.setMetadata({ dataset: 'spiral', seed: 0, validation: 0.2 });
  const read = await readModelFile(new File([JSON.stringify(net)], 'model.json', { type: 'application/json' }));
  if (!('net' in read)) throw new Error('expected a network');
  expect(read.net.metadata).toEqual({ dataset: 'spiral', seed: 0, validation: 0.2 });
  const [file] = await modelFiles(read.net.toJSON(), 'json');
  expect(JSON.parse(await file!.content.text()).metadata).toEqual({ dataset: 'spiral', seed: 0, validation: 0.2 });
});
