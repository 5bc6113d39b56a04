import { describe, expect, test } from 'vitest';
import { type ClassificationDataset, Matrix, Network } from '../index.js';
import { caught } from '../test-fixtures.js';

// A data set scored against a network (evaluate, validationData) must number its classes as the network
// does: two CSV files parsed apart, one missing a class, give index 1 to different classes (issue 15).

const names = ['setosa', 'versicolor', 'virginica'];
const rows = [[5.1, 3.5], [7, 3.2], [6.3, 3.3], [4.9, 3], [6.4, 3.2], [5.8, 2.7]];
const iris = (classNames: readonly string[], y: number[]): ClassificationDataset => ({
  task: 'classification',
  name: 'iris',
  X: Matrix.from(rows.slice(0, y.length)),
  y: Int32Array.from(y),
  classes: classNames.length,
  classNames,
  featureNames: ['sepal length', 'sepal width'],
});
const train = iris(names, [0, 1, 2, 0, 1, 2]);
const trained = (): Network => {
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 1 });
  net.fit(train, { epochs: 2, batchSize: 3 });
  return net;
};
describe("class names must be the network's", () => {
  test('a data set naming two classes alike is refused before training: its labels could not be saved', () => {
    const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 1 });
    const before = Array.from(net.flat);
    const e = caught(() => net.fit(iris(['setosa', 'versicolor', 'setosa'], [0, 1, 2, 0, 1, 2]), { epochs: 2 }));
    expect(e.code).toBe('invalid_argument');
    expect(e.argument).toBe('data.classNames[2]');
    expect(e.message).toContain('expected a class name not listed before, got "setosa"');
    expect(e.message).toContain('classNames[0]');
    expect(Array.from(net.flat)).toEqual(before);
    expect(net.preprocessing?.labels).toBeUndefined();
    expect(caught(() => trained().evaluate(iris(['setosa', 'setosa', 'virginica'], [0, 1, 2]))).argument).toBe('data.classNames[1]');
  });

  test('evaluate refuses a test set whose classes are numbered otherwise, naming both lists', () => {
    const net = trained();
    // The test file had no versicolor: parsed alone, virginica became class 1.
    const e = caught(() => net.evaluate(iris(['setosa', 'virginica'], [0, 1, 1, 0])));
    expect(e.code).toBe('invalid_argument');
    expect(e.argument).toBe('data.classNames');
    expect(e.message).toContain("expected the network's class names (setosa, versicolor, virginica) in that order, got setosa, virginica");
    expect(e.message).toContain('parseCSV(text, { classNames: ["setosa", "versicolor", "virginica"] })');
    expect(caught(() => net.evaluate(iris(['virginica', 'versicolor', 'setosa'], [0, 1, 2]))).argument).toBe('data.classNames');
  });

  test('evaluate takes the same names, and data without names (indices as the network numbers them)', () => {
    const net = trained();
    expect(net.evaluate(iris(names, [0, 1, 2, 0])).samples).toBe(4);
    expect(net.evaluate({ X: rows.slice(0, 3), y: [0, 1, 2] }).samples).toBe(3);
  });

  test('validationData with other class names is refused before any step, naming the option', () => {
    const net = trained();
    const before = Array.from(net.flat);
    const e = caught(() => net.fit(train, { epochs: 1, validationData: iris(['setosa', 'virginica'], [0, 1]) }));
    expect(e.argument).toBe('options.validationData.classNames');
    expect(e.expected).toBe("the network's class names (setosa, versicolor, virginica) in that order");
    expect(Array.from(net.flat)).toEqual(before);
    expect(net.fit(train, { epochs: 1, validationData: iris(names, [0, 1, 2]) }).history.valLoss).toHaveLength(1);
  });

  test("without labels on the network, validationData's names are held to the training data's", () => {
    // Two logistic outputs (multi-label): the names are not adopted as labels, but the two sets must still agree.
    const net = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'logistic' }, seed: 1 });
    const pair = (classNames: readonly string[]) => ({ X: Matrix.from(rows.slice(0, 2)), Y: Matrix.from([[1, 0], [0, 1]]), classNames });
    const e = caught(() => net.fit(pair(['a', 'b', 'c']), { epochs: 1, batchSize: 2, validationData: pair(['a', 'c']) }));
    expect(e.argument).toBe('options.validationData.classNames');
    expect(e.expected).toBe("the training data's class names (a, b, c) in that order");
  });
});

describe('a Dataset that does not fit the network is named, before its targets are read', () => {
  const spiral3 = (): ClassificationDataset => ({ ...iris(['arm 1', 'arm 2', 'arm 3'], [0, 1, 2, 0, 1, 2]), name: 'spiral3' });
  const two = () => Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });

  test('3 classes into 2 softmax units: shape_mismatch naming the data set and its classes (was "Y[2]: expected a class index in [0, 2)")', () => {
    const e = caught(() => two().fit(spiral3(), { epochs: 1 }));
    expect(e).toMatchObject({ code: 'shape_mismatch', argument: 'data.classes', expected: "2 classes (the network's output: 2 softmax units)", actual: "3 in 'spiral3' (arm 1, arm 2, arm 3)" });
    expect(e.message).toContain('3 softmax units');
    const logistic = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 1, fn: 'logistic' }, seed: 1 });
    expect(caught(() => logistic.evaluate(spiral3())).argument).toBe('data.classes');
    expect(caught(() => two().fit({ X: rows, y: [0, 1, 0, 1, 0, 1] }, { epochs: 1, validationData: spiral3() })).argument).toBe('options.validationData.classes');
  });

  test('a regression set into a softmax classifier names the task (was "Y: expected 6 × 2, got 6 × 1")', () => {
    const plane = { task: 'regression' as const, name: 'plane', X: Matrix.from(rows), Y: Matrix.from(rows.map((r) => [r[0]! - r[1]!])), featureNames: ['x', 'y'], targetNames: ['z'] };
    const e = caught(() => two().fit(plane, { epochs: 1 }));
    expect(e).toMatchObject({ code: 'invalid_argument', argument: 'data.task', actual: "the regression data set 'plane'" });
    expect(e.message).toContain('Use a linear output with squared error for regression');
    expect(caught(() => two().evaluate(plane)).argument).toBe('data.task');
    // A linear output takes it.
    const linear = Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 1, fn: 'linear' }, seed: 1 });
    expect(linear.fit(plane, { epochs: 1, batchSize: 6 }).epochs).toBe(1);
  });
});
