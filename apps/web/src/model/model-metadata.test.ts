import { Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../state/config.js';
import { playgroundMetadata, withMetadata } from './model-metadata.js';

const net = () => Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'softmax', loss: 'cross-entropy' }, seed: 1 });

describe('model-metadata: a model saved from the page records its data as `backprop train` does', () => {
  test('a toy set: dataset, data seed, held-out share, samples and noise (the CLI keys); features only when not x, y', () => {
    const c = { ...defaultConfig, dataset: 'spiral' as const, dataSeed: 7, trainRatio: 0.7, samples: 300, noise: 0.2 };
    expect(playgroundMetadata(c, undefined)).toEqual({ dataset: 'spiral', seed: 7, validation: 0.3, samples: 300, noise: 0.2 });
    expect(playgroundMetadata({ ...c, features: ['x', 'y', 'xy'] }, undefined)).toEqual({ dataset: 'spiral', seed: 7, validation: 0.3, samples: 300, noise: 0.2, features: 'x,y,xy' });
  });

  test('MNIST records its sample count; a CSV the file it came from, or that it was pasted', () => {
    expect(playgroundMetadata({ ...defaultConfig, dataset: 'mnist', samples: 3000, trainRatio: 0.8, dataSeed: 2 }, 'ignored.csv')).toEqual({ dataset: 'mnist', seed: 2, validation: 0.2, samples: 3000 });
    expect(playgroundMetadata({ ...defaultConfig, dataset: 'csv' }, 'iris.csv')).toEqual({ dataset: 'iris.csv', seed: 1, validation: 0.5 });
    expect(playgroundMetadata({ ...defaultConfig, dataset: 'csv' }, undefined).dataset).toBe('pasted CSV');
  });

  test('withMetadata goes through the core: the JSON text loads with the metadata; an imported model keeps its other keys, not its old data keys', () => {
    const meta = playgroundMetadata(defaultConfig, undefined);
    const saved = JSON.stringify(withMetadata(net().toJSON(), meta));
    expect(Network.fromJSON(saved).metadata).toEqual(meta);
    const imported = net().setMetadata({ dataset: 'iris.csv', label: 'species', author: 'ada' }).toJSON();
    expect(Network.fromJSON(JSON.stringify(withMetadata(imported, meta))).metadata).toEqual({ author: 'ada', ...meta });
  });

  test('a file name past the core limit is cut to it rather than failing the export', () => {
    const long = `${'a'.repeat(2000)}.csv`;
    const meta = playgroundMetadata({ ...defaultConfig, dataset: 'csv' }, long);
    expect(() => withMetadata(net().toJSON(), meta)).not.toThrow();
  });
});
