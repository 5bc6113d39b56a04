import { describe, expect, test } from 'vitest';
import { type Dataset, Matrix, Network, type NetworkSpec, type TrainingData, fitScaler, prepareTrainingData } from '../index.js';

// prepareTrainingData is net.fit's own data check, public for trainers outside core: the same verdict
// (code, argument, expected, actual) as net.fit on every bad call, and the matrices fit trains on.

const softmax3: NetworkSpec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 1 };
const logistic1: NetworkSpec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 1, fn: 'logistic' }, seed: 1 };
const multiLabel: NetworkSpec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'logistic' }, seed: 1 };
const linear1: NetworkSpec = { inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 1, fn: 'linear' }, seed: 1 };
const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const iris = (extra: Partial<Dataset> = {}): Dataset =>
  ({ task: 'classification', name: 'tiny', X: Matrix.from(X), y: Int32Array.from([0, 1, 2, 1]), classes: 3, classNames: ['a', 'b', 'c'], featureNames: ['u', 'v'], ...extra }) as Dataset;

function verdict(f: () => unknown): string {
  try {
    f();
    return 'accepted';
  } catch (e) {
    const b = e as { code?: string; argument?: string; expected?: string; actual?: string };
    return b.code ? `${b.code} ${b.argument} | ${b.expected} | ${b.actual}` : String(e);
  }
}

// [spec, (X, Y) or (data)]: each refused (or accepted) by net.fit; prepareTrainingData must say the same.
const CASES: [string, NetworkSpec, unknown[]][] = [
  ['good parts', softmax3, [X, [0, 1, 2, 1]]],
  ['good dataset', softmax3, [iris()]],
  ['good { X, y }', softmax3, [{ X, y: [0, 1, 2, 1] }]],
  ['X not data', softmax3, ['abc', [0]]],
  ['empty X', softmax3, [[], []]],
  ['ragged row', softmax3, [[[0, 0], [1]], [0, 1]]],
  ['NaN in X', softmax3, [[[0, 0], [0, Number.NaN]], [0, 1]]],
  ['NaN in a Matrix', softmax3, [new Matrix(2, 2, Float32Array.of(0, 1, Number.POSITIVE_INFINITY, 0)), [0, 1]]],
  ['wrong width', softmax3, [[[0, 0, 0]], [0]]],
  ['Y too short', softmax3, [X, [0, 1]]],
  ['class out of range', softmax3, [X, [0, 1, 3, 1]]],
  ['fractional class', softmax3, [X, [0, 1, 0.5, 1]]],
  ['target rows outside [0, 1]', softmax3, [X, [[1, 0, 0], [0, 2, -1], [0, 0, 1], [1, 0, 0]]]],
  ['target rows NaN', softmax3, [X, [[1, 0, 0], [0, Number.NaN, 1], [0, 0, 1], [1, 0, 0]]]],
  ['names without labels', softmax3, [X, ['a', 'b', 'c', 'a']]],
  ['binary 2 for one logistic unit', logistic1, [X, [0, 1, 2, 1]]],
  ['multi-label class indices', multiLabel, [X, [0, 1, 1, 0]]],
  ['multi-label class indices in { X, y }', multiLabel, [{ X, y: [0, 1, 1, 0] }]],
  ['one linear unit takes N values', linear1, [X, [0.5, 1, -2, 3]]],
  ['unknown dataset key', softmax3, [{ X, y: [0, 1, 2, 1], Z: 1 }]],
  ['both y and Y', softmax3, [{ X, y: [0, 1, 2, 1], Y: [0, 1, 2, 1] }]],
  ['dataset of 2 classes for 3 units', softmax3, [iris({ classes: 2, classNames: ['a', 'b'] } as Partial<Dataset>)]],
  ['regression set into softmax', softmax3, [{ task: 'regression', name: 'plane', X: Matrix.from(X), Y: Matrix.from([[1], [2], [3], [4]]), featureNames: ['u', 'v'], targetNames: ['t'] }]],
  ['string targets with the data’s class names', softmax3, [{ X, Y: ['a', 'b', 'c', 'b'], classNames: ['a', 'b', 'c'] }]],
];

describe('prepareTrainingData refuses what net.fit refuses, in its words', () => {
  test.each(CASES)('%s', (_, spec, args) => {
    const fit = verdict(() => (Network.create(spec).fit as (...a: unknown[]) => unknown)(...args, { epochs: 1 }));
    const prepared = verdict(() => (prepareTrainingData as (...a: unknown[]) => unknown)(Network.create(spec), ...args));
    expect(prepared).toBe(fit);
  });

  test('with a network whose labels the data contradicts', () => {
    const make = () => Network.create(softmax3).setPreprocessing({ labels: ['c', 'b', 'a'] });
    const fit = verdict(() => make().fit(iris(), { epochs: 1 }));
    expect(fit).toMatch(/^invalid_argument data\.classNames \| the network's class names \(c, b, a\)/);
    expect(verdict(() => prepareTrainingData(make(), iris()))).toBe(fit);
  });

  test('a data set beside targets, and no network, are typed errors', () => {
    const net = Network.create(softmax3);
    expect(verdict(() => (prepareTrainingData as (...a: unknown[]) => unknown)(net, iris(), [0, 1, 2, 1]))).toMatch(/^invalid_argument Y \| no targets beside a data set/);
    expect(verdict(() => prepareTrainingData(null as never, X, [0, 1, 2, 1]))).toBe('invalid_argument net | a Network | null');
  });
});

describe('assumeFinite', () => {
  test('skips the pass over X (for a caller that checks rows where it reads them); shapes and Y are still checked', () => {
    const net = Network.create(softmax3);
    const bad = new Matrix(2, 2, Float32Array.of(0, Number.NaN, 1, 0));
    expect(verdict(() => prepareTrainingData(net, bad, [0, 1]))).toBe('non_finite X[0][1] | a finite number | NaN');
    expect(prepareTrainingData(net, bad, [0, 1], { assumeFinite: true }).X).toBe(bad);
    expect(prepareTrainingData(net, { X: bad, y: [0, 1] }, { assumeFinite: true }).X).toBe(bad);
    expect(verdict(() => prepareTrainingData(net, bad, [0, 3], { assumeFinite: true }))).toBe('label_out_of_range Y[1] | an integer class index in [0, 3) | 3');
    expect(verdict(() => prepareTrainingData(net, [[0, 0, 0]], [0], { assumeFinite: true }))).toMatch(/^shape_mismatch X\[0\]/);
  });

  test('its options are checked', () => {
    const net = Network.create(softmax3);
    expect(verdict(() => prepareTrainingData(net, X, [0, 1, 2, 1], { assumeFinte: true } as never))).toMatch(/^invalid_option options\.assumeFinte \| one of the known keys \(assumeFinite\)/);
    expect(verdict(() => prepareTrainingData(net, X, [0, 1, 2, 1], { assumeFinite: 'yes' } as never))).toBe('invalid_option options.assumeFinite | true or false | "yes"');
    expect(verdict(() => prepareTrainingData(net, iris(), 5 as never))).toBe('invalid_option options | an options object | 5');
  });
});

describe('what it returns', () => {
  test('the matrices fit trains on: X in place when it already is, one-hot Y, the class names and the labels fit attaches', () => {
    const net = Network.create(softmax3);
    const data = iris();
    const p = prepareTrainingData(net, data);
    expect(p.X).toBe(data.X); // float32 Matrix, no scaler: used in place, not copied
    expect(p.Y.toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]);
    expect(p.classNames).toEqual(['a', 'b', 'c']);
    expect(p.labels).toEqual(['a', 'b', 'c']);
    expect(net.preprocessing).toBeUndefined(); // it reads the network, changes nothing
    net.fit(data, { epochs: 1 });
    expect(net.preprocessing?.labels).toEqual(p.labels); // what fit attached
    expect(prepareTrainingData(net, data).labels).toBeUndefined(); // the network has them now
  });

  test('the same data in every form gives the same matrices; the scaler is applied, in the network’s dtype', () => {
    const net = Network.create({ ...softmax3, dtype: 'float64' }).setPreprocessing({ input: fitScaler(X) });
    const forms: TrainingData[] = [iris(), { X, y: [0, 1, 2, 1] }, { X: Matrix.from(X), Y: Int32Array.from([0, 1, 2, 1]) }];
    const [first, ...rest] = forms.map((d) => prepareTrainingData(net, d));
    expect(first!.X.dtype).toBe('float64');
    expect(first!.X.toArray()).toEqual([[-1, -1], [-1, 1], [1, -1], [1, 1]]);
    for (const p of [...rest, prepareTrainingData(net, X, [0, 1, 2, 1])]) {
      expect(p.X.toArray()).toEqual(first!.X.toArray());
      expect(p.Y.toArray()).toEqual(first!.Y.toArray());
    }
  });
});
