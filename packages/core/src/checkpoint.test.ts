import { describe, expect, test } from 'vitest';
import { ModelFormatError, Network } from './index.js';
import type { FitOptions } from './index.js';
import { blobs } from './test-fixtures.js';

const create = () => Network.create({ inputs: 3, layers: [{ units: 5, activation: 'tanh' }, { units: 4, activation: 'relu' }], output: { units: 3, fn: 'softmax' }, seed: 11, dtype: 'float64' });
const { X, y } = blobs(50, 4, { point: (rng, c) => [rng.normal() + c, rng.normal() - c, rng.normal()] });
const OPTIONS: FitOptions = {
  epochs: 10,
  batchSize: 7,
  optimizer: { name: 'adam', beta1: 0.8 },
  schedule: { name: 'plateau', patience: 1, factor: 0.5 },
  validationSplit: 0.2,
  regularization: { l2: 1e-3 },
  earlyStopping: { patience: 100 },
  seed: 5,
};

describe('checkpoints resume exactly (float64)', () => {
  test('train 10 epochs == train 5, save as JSON text, load, train 5 more: bit-identical parameters and history', () => {
    const full = create();
    const straight = full.fit(X, y, OPTIONS);

    const first = create();
    first.fit(X, y, { ...OPTIONS, epochs: 5 });
    const text = JSON.stringify(first.checkpoint());
    const resumed = Network.fromJSON(text);
    const rest = resumed.fit(X, y, { ...OPTIONS, epochs: 5, resume: true });

    expect(Array.from(resumed.flat)).toEqual(Array.from(full.flat));
    expect(rest.history).toEqual(straight.history);
    expect(rest.iterations).toBe(straight.iterations);
    expect(rest.bestEpoch).toBe(straight.bestEpoch);
  });

  test('resume from the middle of an epoch (maxIterations) and after setLearningRate', () => {
    const opts: FitOptions = { epochs: 4, batchSize: 6, optimizer: 'nesterov', seed: 9 };
    const full = create();
    const straight = full.fit(X, y, opts);

    const first = create();
    const cut = first.fit(X, y, { ...opts, maxIterations: 10 }); // 9 batches per epoch: stops inside epoch 2
    expect(cut.stopReason).toBe('max-iterations');
    const resumed = Network.fromJSON(JSON.stringify(first.checkpoint()));
    // The interrupted epoch 2 is finished first; `epochs` counts the new full epochs after it (3 and 4).
    const rest = resumed.fit(X, y, { ...opts, epochs: 2, resume: true });
    expect(Array.from(resumed.flat)).toEqual(Array.from(full.flat));
    expect(rest.history).toEqual(straight.history);
  });

  test('a resumed run in memory continues too; toJSON leaves the training state out', () => {
    const net = create();
    net.fit(X, y, { epochs: 2, optimizer: 'rmsprop' });
    expect(net.toJSON().training).toBeUndefined();
    expect(net.checkpoint().training).toMatchObject({ epoch: 2, position: 0, optimizer: { name: 'rmsprop' } });
    expect(net.fit(X, y, { epochs: 3, optimizer: 'rmsprop', resume: true }).history.loss).toHaveLength(5);
    expect(() => net.fit(X, y, { epochs: 4, optimizer: 'adam', resume: true })).toThrow(/options\.optimizer: expected 'rmsprop'/);
  });

  test('a corrupt training state is a ModelFormatError naming the JSON path', () => {
    const net = create();
    net.fit(X, y, { epochs: 1 });
    const json = JSON.parse(JSON.stringify(net.checkpoint()));
    json.training.rng[2] = -1;
    expect(() => Network.fromJSON(json)).toThrow(ModelFormatError);
    expect(() => Network.fromJSON(json)).toThrow(/model\.training\.rng\[2\]/);
    delete json.training.history;
    expect(() => Network.fromJSON(json)).toThrow(/model\.training\.history/);
  });

  // Defect (new-user pass): a momentum or Adam checkpoint whose buffers were emptied or deleted loaded
  // and resumed from zero buffers without a word, on a different trajectory from the saved run.
  test.each([
    ['sgd + momentum', { name: 'sgd', momentum: 0.9 }, 'velocity'],
    ['momentum', 'momentum', 'velocity'],
    ['adam', 'adam', 'v'],
    ['rmsprop', 'rmsprop', 'meanSquares'],
  ] as const)('%s: an emptied or missing optimizer buffer is refused, naming it', (_, optimizer, slot) => {
    const net = create();
    net.fit(X, y, { epochs: 2, optimizer });
    const json = JSON.parse(JSON.stringify(net.checkpoint()));
    expect(json.training.optimizer.slots[slot]).toHaveLength(net.flat.length);
    expect(() => Network.fromJSON(json)).not.toThrow();
    json.training.optimizer.slots[slot] = [];
    expect(() => Network.fromJSON(json)).toThrow(ModelFormatError);
    expect(() => Network.fromJSON(json)).toThrow(new RegExp(`model\\.training\\.optimizer.*${slot}`));
    delete json.training.optimizer.slots[slot];
    expect(() => Network.fromJSON(json)).toThrow(new RegExp(`model\\.training\\.optimizer.*${slot}`));
  });

  test('plain SGD keeps no velocity; its empty one loads, and momentum added on resume starts from v = 0', () => {
    const net = create();
    net.fit(X, y, { epochs: 2, optimizer: 'sgd' });
    const json = JSON.parse(JSON.stringify(net.checkpoint()));
    expect(json.training.optimizer.slots.velocity).toEqual([]);
    const resumed = Network.fromJSON(json);
    resumed.fit(X, y, { epochs: 1, optimizer: { name: 'sgd', momentum: 0.9 } });
    const saved = JSON.parse(JSON.stringify(resumed.checkpoint()));
    expect(saved.training.optimizer.slots.velocity).toHaveLength(net.flat.length);
    expect(() => Network.fromJSON(saved)).not.toThrow();
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the tests edit parsed JSON freely
type Json = Record<string, any>;

describe('checkpoint training state is held to the ranges fit accepts (defect: a negative η loaded and trained uphill)', () => {
  const saved = (): Json => {
    const net = create();
    net.fit(X, y, { epochs: 2, batchSize: 7, optimizer: { name: 'momentum', momentum: 0.9 }, schedule: { name: 'plateau', patience: 1 }, seed: 5 });
    return JSON.parse(JSON.stringify(net.checkpoint()));
  };
  const refused = (edit: (t: Json) => void, path: string) => {
    const json = saved();
    edit(json.training);
    let error: unknown;
    try {
      Network.fromJSON(json as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as ModelFormatError).argument).toBe(path);
  };
  test.each([
    ['a negative learning rate', (t: Json) => (t.learningRate = -0.1), 'model.training.learningRate'],
    ['a zero learning rate', (t: Json) => (t.learningRate = 0), 'model.training.learningRate'],
    ['momentum ≥ 1', (t: Json) => (t.optimizer.hyperparameters.momentum = 1.5), 'model.training.optimizer.hyperparameters.momentum'],
    ['a batch size above the samples', (t: Json) => (t.batchSize = t.samples + 1), 'model.training.batchSize'],
    ['a batch size of 0', (t: Json) => (t.batchSize = 0), 'model.training.batchSize'],
    ['a position past the epoch', (t: Json) => (t.position = 100), 'model.training.position'],
    ['a plateau scale of −1', (t: Json) => (t.schedule.scale = -1), 'model.training.schedule.scale'],
    ['a plateau scale above 1', (t: Json) => (t.schedule.scale = 3), 'model.training.schedule.scale'],
    ['more correct than seen', (t: Json) => (t.partial = { ...t.partial, seen: 1, correct: 2 }), 'model.training.partial'],
    ['a negative loss sum', (t: Json) => (t.partial = { ...t.partial, lossSum: -1 }), 'model.training.partial.lossSum'],
  ])('%s is refused at load, naming the field', (_, edit, path) => refused(edit, path));

  test('the untouched checkpoint still loads', () => {
    expect(() => Network.fromJSON(saved() as never)).not.toThrow();
  });
});
