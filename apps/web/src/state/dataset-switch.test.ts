import { describe, expect, test } from 'vitest';
import { datasetNames, defaultConfig, needsReset, type PlaygroundConfig } from './config.js';
import { datasetPatch, MNIST_SHAPE, shapeToRemember, switchNote } from './dataset-switch.js';

// The user's training settings, all away from the defaults, so that a reset of any of them shows.
const mine: PlaygroundConfig = {
  ...defaultConfig,
  dataset: 'spiral',
  samples: 700,
  trainRatio: 0.6,
  batchSize: 7,
  layers: [{ units: 6, activation: 'relu' }, { units: 5, activation: 'tanh' }],
  optimizer: 'adam',
  momentum: 0.8,
  learningRate: 0.3,
  regularization: 'l2',
  regularizationRate: 0.001,
  seed: 9,
  speed: 3,
};
const TRAINING = ['learningRate', 'optimizer', 'momentum', 'batchSize', 'regularization', 'regularizationRate', 'seed', 'dataSeed', 'speed', 'features'] as const;

describe('dataset-switch: a change of data set keeps the training settings (TensorFlow Playground)', () => {
  test('every switch, between any two data sets, keeps η, the optimizer, batch size, regularization and seeds', () => {
    for (const from of datasetNames) {
      for (const to of datasetNames) {
        const before = { ...mine, dataset: from };
        const after = { ...before, ...datasetPatch(before, to, { samples: 100, trainRatio: 0.5, layers: [] }) };
        for (const key of TRAINING) expect([from, to, key, after[key]]).toEqual([from, to, key, before[key]]);
        expect(after.dataset).toBe(to);
      }
    }
  });

  test('every switch builds a new network, so the weights and the optimizer state start again (the worker rebuilds on needsReset)', () => {
    for (const from of datasetNames) {
      for (const to of datasetNames.filter((d) => d !== from)) {
        const before = { ...mine, dataset: from };
        expect([from, to, needsReset(before, { ...before, ...datasetPatch(before, to) })]).toEqual([from, to, true]);
      }
    }
  });

  test('a detour through MNIST gives the 2-D set its samples, split and hidden layers back', () => {
    const remembered = shapeToRemember(mine, 'mnist');
    const onMnist = { ...mine, ...datasetPatch(mine, 'mnist') };
    expect({ samples: onMnist.samples, trainRatio: onMnist.trainRatio, layers: onMnist.layers }).toEqual(MNIST_SHAPE);
    expect([onMnist.output, onMnist.loss]).toEqual(['softmax', 'cross-entropy']);
    expect(shapeToRemember(onMnist, 'circle')).toBeUndefined(); // leaving MNIST remembers nothing
    const back = { ...onMnist, ...datasetPatch(onMnist, 'spiral', remembered) };
    expect({ samples: back.samples, trainRatio: back.trainRatio, layers: back.layers }).toEqual({ samples: 700, trainRatio: 0.6, layers: mine.layers });
    // Without a remembered shape (the page opened on MNIST): the defaults.
    const fresh = { ...onMnist, ...datasetPatch(onMnist, 'circle') };
    expect(fresh.layers).toEqual(defaultConfig.layers);
  });

  test('between 2-D sets only what the data dictates changes: regression takes a linear output and squared error', () => {
    const plane = { ...mine, ...datasetPatch(mine, 'plane') };
    expect([plane.output, plane.loss, plane.layers, plane.samples]).toEqual(['linear', 'squared-error', mine.layers, 700]);
    const circle = { ...plane, ...datasetPatch(plane, 'circle') };
    expect([circle.output, circle.loss]).toEqual(['softmax', 'cross-entropy']);
    expect({ ...mine, ...datasetPatch(mine, 'xor') }).toEqual({ ...mine, dataset: 'xor' });
  });

  test('the note says the weights and the optimizer state start again, what is kept and what the data set changed', () => {
    const onMnist = { ...mine, ...datasetPatch(mine, 'mnist') };
    const note = switchNote(mine, onMnist);
    expect(note).toMatch(/^MNIST digits: new weights and a fresh optimizer state/);
    expect(note).toContain('η = 0.3, adam, batch size 7, regularization l2');
    expect(note).toContain('hidden layers 6 relu, 5 tanh → 32 relu');
    expect(note).toContain('samples 700 → 3,000');
    expect(note).toContain('training share 60 % → 80 %');
    const xor = { ...mine, dataset: 'xor' as const };
    expect(switchNote(mine, xor)).not.toContain('Set for this data');
  });
});
