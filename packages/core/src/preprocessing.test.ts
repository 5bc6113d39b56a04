import { describe, expect, test } from 'vitest';
import { BackpropError, Matrix, Network, applyScaler, encodeLabels, fitLabels, fitScaler } from './index.js';
import { caught } from './test-fixtures.js';

describe('scalers', () => {
  const X = [[1, 10, 5], [3, 20, 5], [5, 30, 5]];
  test('standard: mean and population std per feature; a constant feature gets scale 1', () => {
    const s = fitScaler(X);
    expect(s.offset).toEqual([3, 20, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 15);
    expect(s.scale[2]).toBe(1);
    const z = applyScaler(s, X).toArray();
    expect(z[1]).toEqual([0, 0, 0]);
  });
  test('min-max maps the training range to [0, 1]', () => {
    expect(applyScaler(fitScaler(X, 'min-max'), X).toArray().map((r) => r[1])).toEqual([0, 0.5, 1]);
  });
  test('labels ↔ indices', () => {
    const classes = fitLabels(['dog', 'cat', 'dog', 'fox']);
    expect(classes).toEqual(['cat', 'dog', 'fox']);
    expect(Array.from(encodeLabels(classes, ['fox', 'cat']))).toEqual([2, 0]);
    expect(() => encodeLabels(classes, ['cow'])).toThrow(/labels\[0\]/);
  });
});

describe('preprocessing stored with the model', () => {
  const X = [[1000, 0.001], [2000, 0.002], [3000, 0.001], [4000, 0.003], [1500, 0.0025], [3500, 0.0015]];
  const names = ['low', 'low', 'high', 'high', 'low', 'high'];
  const make = () => Network.create({ inputs: 2, layers: [{ units: 6, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 3, dtype: 'float64' });

  test('fit on raw inputs with class names; predict raw; survives save and load', () => {
    const net = make().setPreprocessing({ input: fitScaler(X), labels: fitLabels(names) });
    const r = net.fit(X, names, { epochs: 300, batchSize: 6, optimizer: 'adam', learningRate: 0.05 });
    expect(r.history.accuracy.at(-1)).toBe(1);
    expect(net.classifyLabels(X)).toEqual(names);
    const loaded = Network.fromJSON(JSON.stringify(net));
    expect(loaded.preprocessing).toEqual(net.preprocessing);
    expect(loaded.predict(X).toArray()).toEqual(net.predict(X).toArray());
    expect(loaded.classifyLabels([[3900, 0.002]])).toEqual(['high']);
    expect(net.clone().preprocessing).toEqual(net.preprocessing);
  });

  test('the raw path is the default: predict(raw) with the scaler equals predict(scaled) without it', () => {
    const net = make();
    const scaler = fitScaler(X);
    const scaled = net.predict(applyScaler(scaler, X)).toArray();
    net.setPreprocessing({ input: scaler });
    expect(net.predict(X).toArray()).toEqual(scaled);
    net.setPreprocessing(undefined);
    expect(net.preprocessing).toBeUndefined();
  });

  test('feature names are stored with the model, one distinct name per input', () => {
    const net = make().setPreprocessing({ features: ['income', 'rate'] });
    expect(Network.fromJSON(JSON.stringify(net)).preprocessing).toEqual({ features: ['income', 'rate'] });
    expect(net.predict(X).rows).toBe(6);
    expect(() => make().setPreprocessing({ features: ['income'] })).toThrow(/preprocessing\.features: expected an array of 2 feature names/);
    expect(() => make().setPreprocessing({ features: ['a', 'a'] })).toThrow(/preprocessing\.features\[1\]/);
    expect(() => make().setPreprocessing({ features: ['a', ''] })).toThrow(/preprocessing\.features\[1\]: expected a non-empty string/);
  });

  test('bad preprocessing is rejected naming the field, in code and in the model file', () => {
    const net = make();
    expect(() => net.setPreprocessing({ input: { kind: 'standard', offset: [0], scale: [1] } })).toThrow(/preprocessing\.input\.offset/);
    expect(() => net.setPreprocessing({ labels: ['a', 'a'] })).toThrow(/preprocessing\.labels\[1\]/);
    const json = JSON.parse(JSON.stringify(net.setPreprocessing({ input: fitScaler(X) })));
    json.preprocessing.input.scale[1] = 0;
    expect(() => Network.fromJSON(json)).toThrow(/model\.preprocessing\.input\.scale\[1\]/);
    expect(() => make().fit(X, names)).toThrow(/class names need setPreprocessing/);
  });
});

describe('one-class data', () => {
  const oneClass = { task: 'classification' as const, name: 'labels.csv', X: Matrix.from([[1, 2], [3, 4]]), y: Int32Array.from([0, 0]), classes: 1, classNames: ['x'], featureNames: ['a', 'b'] };
  test('fit refuses a 1-class data set: a classifier needs 2 classes (was: "Give the network\'s output 1 softmax units")', () => {
    const net = Network.create({ inputs: 2, output: { units: 2, fn: 'softmax' } });
    let error: unknown;
    try {
      net.fit(oneClass, { epochs: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackpropError);
    expect(error).toMatchObject({ code: 'invalid_argument', argument: 'data.classes', actual: "1 class in 'labels.csv' (x)" });
    expect((error as Error).message).toMatch(/expected at least 2 classes .*Every row has the same label/);
    expect(() => Network.create({ inputs: 2, output: { units: 1, fn: 'logistic' } }).fit(oneClass, { epochs: 1 })).toThrow(/at least 2 classes/);
  });

  test('a one-unit softmax output (constant 1) is refused at create', () => {
    expect(() => Network.create({ inputs: 2, output: { units: 1, fn: 'softmax' } })).toThrow(
      /^spec\.output\.units: expected at least 2 units for a softmax output \(one softmax unit is constant 1\), got 1\. For two classes use 1 logistic unit/,
    );
  });

  test('messages count one unit in the singular', () => {
    const net = Network.create({ inputs: 2, output: { units: 1, fn: 'linear' } });
    expect(() => net.fit([[1, 2]], [[1]], { classWeight: [1, 2] })).toThrow(/got a linear output with 1 unit$/);
  });
});

describe("targets, read the way the network's output means them", () => {
  const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const regression = () => Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 1, fn: 'linear' }, seed: 1, dtype: 'float64' });

  test('one linear output takes y as a flat vector of N values, as it takes the N × 1 column', () => {
    for (const y of [[0.1, 0.2, 0.3, 0.4], Float64Array.of(0.1, 0.2, 0.3, 0.4)]) {
      const flat = regression();
      const column = regression();
      flat.fit(X, y, { epochs: 20, batchSize: 2, seed: 3 });
      column.fit(X, [[0.1], [0.2], [0.3], [0.4]], { epochs: 20, batchSize: 2, seed: 3 });
      expect(Array.from(flat.flat)).toEqual(Array.from(column.flat));
    }
  });

  test('y = [0, 0, 0, 0] means the value 0 (it was read as class 0, i.e. target 1, and evaluated as such)', () => {
    const net = regression();
    net.fit(X, [0, 0, 0, 0], { epochs: 200, batchSize: 4, learningRate: 0.1 });
    for (const v of net.predict(X).data) expect(Math.abs(v)).toBeLessThan(0.1);
    expect(net.loss(X, [0, 0, 0, 0])).toBe(net.loss(X, [[0], [0], [0], [0]]));
  });

  test('a flat vector with a non-finite value names it', () => {
    expect(caught(() => regression().fit(X, [0.1, Number.NaN, 0.3, 0.4]))).toMatchObject({ code: 'non_finite', argument: 'Y[1][0]' });
  });

  test('cross-entropy targets given as a matrix must lie in [0, 1] (else the loss falls without bound)', () => {
    const logistic = Network.create({ inputs: 2, output: { units: 1, fn: 'logistic' }, seed: 1 });
    expect(caught(() => logistic.fit(X, [[0], [1], [2], [0]]))).toMatchObject({ code: 'label_out_of_range', argument: 'Y[2][0]', actual: '2' });
    const softmax = Network.create({ inputs: 2, output: { units: 2, fn: 'softmax' }, seed: 1 });
    const e = caught(() => softmax.fit(X, [[1, 0], [-1, 2], [0, 1], [1, 0]]));
    expect(e).toMatchObject({ code: 'label_out_of_range', argument: 'Y[1][0]', actual: '-1' });
    expect(e.message).toMatch(/a target in \[0, 1\] \(cross-entropy compares probabilities\)/);
    expect(caught(() => softmax.evaluate(X, [[1, 0], [0, 1.5], [0, 1], [1, 0]]))).toMatchObject({ argument: 'Y[1][1]' });
    // Soft labels (label smoothing) stay allowed.
    expect(softmax.fit(X, [[0.9, 0.1], [0.1, 0.9], [0.1, 0.9], [0.9, 0.1]], { epochs: 2 }).stopReason).toBe('epochs');
  });
});

