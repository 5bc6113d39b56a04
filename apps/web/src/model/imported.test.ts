import { describe, expect, test } from 'vitest';
import { defaultConfig } from '../state/config.js';
import type { DataSummary } from '../worker/protocol.js';
import { type ImportedShape, placeImported } from './imported.js';

const shape = (inputs: number, outputs: number, output: ImportedShape['output'] = 'softmax'): ImportedShape => ({
  inputs,
  outputs,
  output,
  loss: output === 'linear' ? 'squared-error' : 'cross-entropy',
  hidden: [{ units: 8, activation: 'relu' }],
});
const circle: DataSummary = { task: 'classification', classes: 2, inputs: 2, planar: true, trainCount: 250, testCount: 250 };

describe('placeImported: the data an imported network fits', () => {
  test('the current data when widths match; layers and output become the network’s', () => {
    const p = placeImported(shape(2, 2), defaultConfig, circle);
    expect(p).toMatchObject({ ok: true, config: { dataset: 'circle', layers: [{ units: 8, activation: 'relu' }], output: 'softmax' } });
    expect(p.ok && p.note).toBeFalsy();
  });

  test('784 inputs and 10 classes → MNIST', () => {
    expect(placeImported(shape(784, 10), defaultConfig, circle)).toMatchObject({ ok: true, config: { dataset: 'mnist', layers: [{ units: 8 }] } });
  });

  test('n ≤ 7 inputs → the first n features of a 2-D set with as many classes', () => {
    expect(placeImported(shape(4, 3), defaultConfig, circle)).toMatchObject({ ok: true, config: { dataset: 'spiral3', features: ['x', 'y', 'x2', 'y2'] } });
    expect(placeImported(shape(5, 1, 'logistic'), defaultConfig, circle)).toMatchObject({ ok: true, config: { dataset: 'circle', output: 'logistic', features: ['x', 'y', 'x2', 'y2', 'xy'] } });
    expect(placeImported(shape(3, 1, 'linear'), defaultConfig, circle)).toMatchObject({ ok: true, config: { dataset: 'plane', output: 'linear' } });
  });

  test('nothing fits → a message naming the widths and what would fit', () => {
    const p = placeImported(shape(9, 4), defaultConfig, circle);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.message).toMatch(/9 inputs and has 4 classes.*MNIST/);
    expect(placeImported(shape(3, 5), defaultConfig, circle).ok).toBe(false);
  });
});
