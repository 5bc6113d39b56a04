import { describe, expect, test } from 'vitest';
import { BackpropError, ModelFormatError, Network, createRng } from '../index.js';
import type { FitOptions, OptimizerName } from '../index.js';
import { blobs } from '../test-fixtures.js';

// Class and sample weights travel with the checkpoint (issue 15): a resume without the options goes on
// weighted, bit for bit as one longer fit; a corrupt or mismatched set of weights is a typed error.

const data = (n: number, seed: number) => blobs(n, seed, { point: (rng, c) => [rng.normal() + c, rng.normal() - 0.5 * c] });
const { X, y } = data(23, 9);
// Float32 values with long float64 expansions: the checkpoint must carry them exactly.
const sampleWeight = Float32Array.from({ length: X.length }, (_, i) => 0.1 + ((i * 7) % 11) / 3);
const weighted: FitOptions = { batchSize: 5, seed: 2, classWeight: [1, 2.5, 0.4], sampleWeight };
const create = () => Network.create({ inputs: 2, layers: [{ units: 5, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 4, dtype: 'float64' });
const reload = (net: Network): Network => Network.fromJSON(JSON.stringify(net.checkpoint()));

describe('sample and class weights in the checkpoint', () => {
  test.each<OptimizerName>(['sgd', 'momentum', 'adam', 'rmsprop'])('%s: 5 weighted epochs, save, load, 5 more with no weight options == 10 weighted epochs, bit for bit', (optimizer) => {
    const straight = create();
    straight.fit(X, y, { ...weighted, optimizer, epochs: 10 });
    const first = create();
    first.fit(X, y, { ...weighted, optimizer, epochs: 5 });
    const saved = first.checkpoint().training!;
    expect(saved.sampleWeight).toEqual(Array.from(sampleWeight));
    expect(saved.classWeight).toEqual([1, 2.5, 0.4]);
    const loaded = reload(first);
    const rest = loaded.fit(X, y, { epochs: 5, resume: true });
    expect(Array.from(loaded.flat)).toEqual(Array.from(straight.flat));
    expect(rest.history.changes).toEqual([]);
  });

  test('a checkpoint taken in the middle of an epoch resumes weighted on the same trajectory', () => {
    const straight = create();
    straight.fit(X, y, { ...weighted, epochs: 3 });
    const first = create();
    const steps = first.steps(X, y, { ...weighted, epochs: 3 });
    for (let i = 0; i < 7; i++) steps.next(); // into epoch 2 (5 batches an epoch)
    const json = JSON.stringify(first.checkpoint());
    steps.return();
    const loaded = Network.fromJSON(json);
    expect(loaded.checkpoint().training?.position).toBeGreaterThan(0);
    loaded.fit(X, y, { epochs: 1, resume: true }); // finishes epoch 2, then 1 new full epoch
    expect(Array.from(loaded.flat)).toEqual(Array.from(straight.flat));
  });

  test('new sample weights on a continuing fit apply and are recorded; data of another size needs its own or reset', () => {
    const net = create();
    net.fit(X, y, { ...weighted, epochs: 1 });
    const ones = new Array(X.length).fill(1);
    const r = net.fit(X, y, { epochs: 1, sampleWeight: ones });
    const sum = Array.from(sampleWeight).reduce((a, b) => a + b, 0);
    expect(r.history.changes).toEqual([{ epoch: 2, iteration: 5, option: 'sampleWeight', from: `23 weights, sum ${sum}`, to: '23 weights, sum 23' }]);
    expect(net.checkpoint().training?.sampleWeight).toEqual(ones);
    const fewer = data(10, 1);
    let error: unknown;
    try {
      net.fit(fewer.X, fewer.y, { epochs: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect(error).toMatchObject({ code: 'shape_mismatch', argument: 'options.sampleWeight', actual: 'none given' });
    expect((error as Error).message).toMatch(/10 weights .*saved sample weights are for 23 rows/);
    expect(() => net.fit(fewer.X, fewer.y, { epochs: 1, sampleWeight: new Array(10).fill(1) })).not.toThrow();
    net.fit(fewer.X, fewer.y, { epochs: 1, reset: true });
    expect(net.checkpoint().training?.sampleWeight).toBeUndefined();
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the tests edit parsed JSON freely
type Json = Record<string, any>;

describe('fromJSON validates saved weights (typed errors naming the JSON path)', () => {
  const saved = (): Json => {
    const net = create();
    net.fit(X, y, { ...weighted, epochs: 1 });
    return JSON.parse(JSON.stringify(net.checkpoint()));
  };
  const errorOf = (json: Json | string): unknown => {
    try {
      Network.fromJSON(json as never);
    } catch (e) {
      return e;
    }
    return undefined;
  };
  test.each([
    ['one weight too few', (t: Json) => t.sampleWeight.pop(), 'model.training.sampleWeight'],
    ['one weight too many', (t: Json) => t.sampleWeight.push(1), 'model.training.sampleWeight'],
    ['a negative sample weight', (t: Json) => (t.sampleWeight[4] = -0.5), 'model.training.sampleWeight[4]'],
    ['a null (NaN written as JSON) sample weight', (t: Json) => (t.sampleWeight[2] = null), 'model.training.sampleWeight[2]'],
    ['a string sample weight', (t: Json) => (t.sampleWeight[0] = '1'), 'model.training.sampleWeight[0]'],
    ['sample weights as an object', (t: Json) => (t.sampleWeight = { 0: 1 }), 'model.training.sampleWeight'],
    ['a negative class weight', (t: Json) => (t.classWeight[1] = -1), 'model.training.classWeight[1]'],
  ])('%s', (_, edit, path) => {
    const json = saved();
    edit(json.training);
    const error = errorOf(json);
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as ModelFormatError).argument).toBe(path);
  });

  test('an infinite weight in the file text (1e999) is refused', () => {
    const text = JSON.stringify(saved()).replace(/"sampleWeight":\[[^,]+/, '"sampleWeight":[1e999');
    expect(errorOf(text)).toMatchObject({ name: 'ModelFormatError', argument: 'model.training.sampleWeight[0]' });
  });

  test('fuzz: 300 random corruptions of the weights either load as valid weights or are a ModelFormatError', () => {
    const rng = createRng(77);
    const base = JSON.stringify(saved());
    const junk = [-1, -1e-300, null, 'x', true, [], {}, 1e308, 0, 2.5];
    for (let k = 0; k < 300; k++) {
      const json = JSON.parse(base) as Json;
      const key = rng.next() < 0.7 ? 'sampleWeight' : 'classWeight';
      const list = json.training[key] as unknown[];
      const i = Math.floor(rng.next() * (list.length + 1));
      const cut = rng.next() < 0.15;
      if (cut) list.splice(i, 1);
      else list[Math.min(i, list.length - 1)] = junk[Math.floor(rng.next() * junk.length)];
      const error = errorOf(json);
      if (error === undefined) {
        const t = Network.fromJSON(json as never).checkpoint().training!;
        for (const w of [...(t.sampleWeight ?? []), ...(t.classWeight ?? [])]) expect(Number.isFinite(w) && w >= 0).toBe(true);
        expect(t.sampleWeight).toHaveLength(t.samples);
      } else expect(error).toBeInstanceOf(ModelFormatError);
    }
  });
});
