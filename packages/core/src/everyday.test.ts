import { describe, expect, test } from 'vitest';
import { BackpropError, Matrix, ModelFormatError, Network } from './index.js';
import { caught } from './test-fixtures.js';

const iris = () =>
  Network.create({ inputs: 4, layers: [{ units: 5, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 2, dtype: 'float64' }).setPreprocessing({
    labels: ['setosa', 'versicolor', 'virginica'],
  });


describe('everyday calls', () => {
  test('one sample, flat: an array, a Float32Array or a Float64Array, the same as a one-row batch', () => {
    const net = iris();
    const batch = net.predict([[6.1, 2.8, 4.7, 1.2]]);
    for (const one of [[6.1, 2.8, 4.7, 1.2], Float64Array.of(6.1, 2.8, 4.7, 1.2)]) {
      expect(Array.from(net.predict(one).data)).toEqual(Array.from(batch.data));
      expect(Array.from(net.classify(one))).toEqual(Array.from(net.classify([[6.1, 2.8, 4.7, 1.2]])));
    }
    expect(net.predict(Float32Array.of(1, 2, 3, 4)).rows).toBe(1);
    expect(net.classifyLabels([6.1, 2.8, 4.7, 1.2])).toHaveLength(1);
    const e = caught(() => net.predict([6.1, 2.8, 4.7]));
    expect([e.code, e.argument, e.actual]).toEqual(['shape_mismatch', 'X', '3 numbers']);
    expect(e.expected).toMatch(/one sample of 4 numbers/);
  });

  test('probabilities by class name', () => {
    const net = iris();
    const [p] = net.predictProba([6.1, 2.8, 4.7, 1.2]);
    expect(Object.keys(p!)).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(p!.versicolor).toBe(net.predict([6.1, 2.8, 4.7, 1.2]).get(0, 1));
    const binary = Network.create({ inputs: 2, output: { units: 1, fn: 'logistic' } });
    const [q] = binary.predictProba([0.3, -1]);
    expect(q!['0']! + q!['1']!).toBeCloseTo(1, 12);
    expect(() => Network.create({ inputs: 2, output: { units: 1, fn: 'linear' } }).predictProba([1, 2])).toThrow(BackpropError);
  });

  test('summary(): a printable table with layers, shapes, parameters, functions, dtype and backend', () => {
    const text = iris().summary();
    expect(text).toContain('1 hidden');
    expect(text).toContain('2 output');
    expect(text).toMatch(/5 × 4/);
    expect(text).toMatch(/3 × 5/);
    expect(text).toMatch(/softmax \+ cross-entropy/);
    expect(text).toMatch(/43 parameters · float64 · backend \S+ · seed 2 · classes setosa, versicolor, virginica/);
    expect(text.split('\n').length).toBe(7);
  });

  test('fromJSON checks format and version before anything else (was: a missing dtype reported for version 2)', () => {
    const e = caught(() => Network.fromJSON({ format: 'backprop-network', version: 2 } as never));
    expect(e).toBeInstanceOf(ModelFormatError);
    expect([e.code, e.argument]).toEqual(['unsupported_version', 'model.version']);
    expect(caught(() => Network.fromJSON({ format: 'onnx', version: 1 } as never)).argument).toBe('model.format');
  });

  test('multi-label: logistic outputs classified per label with a threshold, scored per label', () => {
    const net = Network.create({ inputs: 2, layers: [{ units: 6, activation: 'tanh' }], output: { units: 2, fn: 'logistic' }, seed: 1, dtype: 'float64' });
    // label 0: x1 > 0;  label 1: x2 > 0 — independent yes / no answers.
    const X: number[][] = [];
    const Y: number[][] = [];
    for (let i = 0; i < 40; i++) {
      const x = [Math.cos(i * 2.4) * (1 + (i % 3)), Math.sin(i * 1.7) * (1 + (i % 2))];
      X.push(x);
      Y.push([x[0]! > 0 ? 1 : 0, x[1]! > 0 ? 1 : 0]);
    }
    net.fit(X, Y, { epochs: 300, batchSize: 40, learningRate: 0.5 });
    const labels = net.classifyMultiLabel(X);
    expect(labels).toHaveLength(40);
    expect(Array.from(labels[0]!)).toEqual(Y[0]);
    const yHat = net.predict(X);
    expect(net.classifyMultiLabel(X, 0.99).flatMap((r) => Array.from(r)).filter(Boolean).length).toBeLessThan(labels.flatMap((r) => Array.from(r)).filter(Boolean).length);
    expect(labels[3]![1]).toBe(yHat.get(3, 1) >= 0.5 ? 1 : 0);
    const report = net.evaluate(X, Y).multiLabel!;
    expect(report.perLabel).toHaveLength(2);
    expect(report.perLabel[0]!.recall).toBeGreaterThan(0.9);
    expect(report.subsetAccuracy).toBeGreaterThan(0.8);
    expect(net.evaluateMultiLabel(X, Y, 0.5)).toEqual(report);
    expect(() => net.classifyMultiLabel(X, 1)).toThrow(/threshold/);
    expect(() => iris().classifyMultiLabel([1, 2, 3, 4])).toThrow(/logistic/);
  });

  test('classify is for one class per row: a multi-label or regression network says what to call instead', () => {
    const multi = Network.create({ inputs: 2, output: { units: 3, fn: 'logistic' }, seed: 1 });
    expect(caught(() => multi.classify([[1, 2]]))).toMatchObject({ code: 'invalid_argument', argument: 'net.output', actual: '3 logistic outputs (multi-label: use classifyMultiLabel)' });
    expect(caught(() => multi.setPreprocessing({ labels: ['a', 'b', 'c'] }).classifyLabels([[1, 2]])).actual).toMatch(/classifyMultiLabel/);
    const regression = Network.create({ inputs: 2, output: { units: 1, fn: 'linear' }, seed: 1 });
    expect(caught(() => regression.classify([1, 2])).message).toBe("net.output: expected a classifier's output (softmax or one logistic unit) for classify, got 'linear' (a regression network: use predict)");
  });

  test('a multi-label network takes a 0 / 1 target matrix, not class indices; its evaluation has no regression block', () => {
    const multi = Network.create({ inputs: 2, output: { units: 2, fn: 'logistic' }, seed: 1 });
    const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const e = caught(() => multi.fit(X, [0, 1, 1, 0], { epochs: 1 }));
    expect(e).toMatchObject({ code: 'invalid_argument', argument: 'Y', actual: 'class indices' });
    expect(e.message).toMatch(/^Y: expected a 0 \/ 1 target matrix N × 2 \(multi-label: one column per label\)/);
    expect(caught(() => multi.train({ X, y: [0, 1, 1, 0] })).argument).toBe('data.y');
    // A classification Dataset declares one class per row: one-vs-rest on purpose, one-hot encoded.
    const oneVsRest = { task: 'classification' as const, name: 'xor', X: Matrix.from(X), y: Int32Array.from([0, 1, 1, 0]), classes: 2, classNames: ['no', 'yes'], featureNames: ['a', 'b'] };
    expect(Network.create({ inputs: 2, output: { units: 2, fn: 'logistic' }, seed: 1 }).fit(oneVsRest, { epochs: 1 }).epochs).toBe(1);
    const Y = [[0, 0], [0, 1], [1, 0], [1, 1]];
    multi.fit(X, Y, { epochs: 1 });
    const report = multi.evaluate(X, Y);
    expect(report.multiLabel?.perLabel).toHaveLength(2);
    expect(report.regression).toBeUndefined();
    expect(report.classification).toBeUndefined();
  });

  test('a Matrix still works, and X of another width is still named', () => {
    const net = iris();
    expect(net.predict(Matrix.zeros(3, 4)).rows).toBe(3);
    expect(caught(() => net.predict([[1, 2]])).code).toBe('shape_mismatch');
  });
});

describe('rows as typed arrays, and the width a row is checked against', () => {
  const net = () => Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1, dtype: 'float64' });
  const rows = [[0, 0], [0, 1], [1, 0], [1, 1]];

  test('Float32Array and Float64Array rows train and predict as number[] rows do (TF.js and brain.js take them)', () => {
    const a = net();
    const b = net();
    a.fit(rows, [0, 1, 1, 0], { epochs: 5, batchSize: 2 });
    b.fit(rows.map((r) => Float32Array.from(r)), [0, 1, 1, 0], { epochs: 5, batchSize: 2 });
    expect(Array.from(b.flat)).toEqual(Array.from(a.flat));
    expect(b.predict(rows.map((r) => Float64Array.from(r))).toArray()).toEqual(a.predict(rows).toArray());
    expect(Matrix.from([Float32Array.of(1, 2), [3, 4]]).toArray()).toEqual([[1, 2], [3, 4]]);
  });

  test("a row of the wrong width is named against the network's inputs, not against row 0", () => {
    expect(caught(() => net().fit([[0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]))).toMatchObject({
      code: 'shape_mismatch',
      argument: 'X[0]',
      message: 'X[0]: expected a row of 2 numbers (the network has 2 inputs), got an array of length 1',
    });
    expect(caught(() => net().predict([[0, 1], Float32Array.of(1, 2, 3)])).message).toBe('X[1]: expected a row of 2 numbers (the network has 2 inputs), got a Float32Array of length 3');
  });
});

describe('non-finite weights', () => {
  const broken = () => {
    const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
    net.flat[1] = Number.NaN; // W_1[0][1]
    net.flat[net.flat.length - 1] = Number.POSITIVE_INFINITY; // b_L[1]
    return net;
  };

  test('saving refuses them, naming the parameter (JSON would write null, and the file could not be loaded)', () => {
    const e = caught(() => JSON.stringify(broken()));
    expect(e).toMatchObject({ code: 'non_finite', argument: 'layers[0].W[0][1]', actual: 'NaN' });
    expect(caught(() => broken().checkpoint())).toMatchObject({ argument: 'layers[0].W[0][1]' });
    const net = broken();
    net.flat[1] = 0.5;
    expect(caught(() => net.toJSON())).toMatchObject({ argument: 'output.b[1]', actual: 'Infinity' });
  });

  test('fit refuses to start from them, naming the parameter (it blamed the learning rate after "step 0")', () => {
    const e = caught(() => broken().fit([[0, 0], [1, 1]], [0, 1]));
    expect(e).toMatchObject({ code: 'non_finite', argument: 'layers[0].W[0][1]', expected: 'a finite parameter before training' });
    expect(e).not.toBeInstanceOf(ModelFormatError);
  });
});
