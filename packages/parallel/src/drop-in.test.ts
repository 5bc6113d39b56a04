import { Matrix, Network, type NetworkSpec, applyScaler, fitScaler } from '@backprop/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ParallelTrainer, createParallelTrainer } from './index.js';
import { bits, problem, spec } from './testing/problem.js';

// trainer.fit as a drop-in for net.fit: the same call gives the same defaults (trajectory up to the shard
// sum's float32 rounding) and the same verdict on bad input: code, argument, expected and actual.

const { X, labels } = problem();
const small = { inputs: 2, layers: [{ units: 4, activation: 'tanh' as const }], output: { units: 2, fn: 'softmax' as const }, seed: 1 };
const X4 = [[0, 0], [0, 1], [1, 0], [1, 1]];
const y4 = [0, 1, 1, 0];

function verdict(e: unknown): string {
  const f = e as { code?: string; argument?: string; expected?: string; actual?: string };
  return e === undefined ? 'accepted' : f.code ? `${f.code} ${f.argument} | ${f.expected} | ${f.actual}` : String(e);
}

describe('trainer.fit takes what net.fit takes, with its defaults', () => {
  let two: ParallelTrainer;
  beforeAll(async () => {
    two = await createParallelTrainer({ threads: 2 });
  });
  afterAll(async () => {
    await two.close();
  });

  test("the shuffle's seed defaults to the network's, as in net.fit: the same options give net.fit's trajectory", async () => {
    const opts = { epochs: 3, batchSize: 32, learningRate: 0.05 };
    const core = Network.create(spec).fit(X, labels, opts).history.loss;
    const a = Network.create(spec);
    const { losses } = await two.fit(a, X, labels, opts);
    for (const [i, l] of losses.entries()) expect(l).toBeCloseTo(core[i]!, 5); // the shard sum's rounding only
    const b = Network.create(spec);
    await two.fit(b, X, labels, { ...opts, seed: spec.seed! });
    expect(bits(a)).toEqual(bits(b));
    const c = Network.create(spec);
    await two.fit(c, X, labels, { ...opts, seed: 0 });
    expect(bits(c)).not.toEqual(bits(a));
  });

  test('adam defaults to η = 0.001 and the batch size to min(32, N), as in net.fit', async () => {
    const a = Network.create(spec);
    const b = Network.create(spec);
    await two.fit(a, X, labels, { epochs: 1, optimizer: 'adam' });
    await two.fit(b, X, labels, { epochs: 1, optimizer: 'adam', learningRate: 0.001, batchSize: 32 });
    expect(bits(a)).toEqual(bits(b));
    const core = Network.create(small);
    const par = Network.create(small);
    core.fit(X4, y4, { epochs: 5, learningRate: 0.1 });
    await expect(two.fit(par, X4, y4, { epochs: 5, learningRate: 0.1 })).resolves.toMatchObject({ steps: 5 }); // one batch of 4 an epoch
    for (let i = 0; i < par.flat.length; i++) expect(par.flat[i]!).toBeCloseTo(core.flat[i]!, 6);
  });

  test("class names go in as targets with the network's labels, giving the bits of their indices", async () => {
    const names = ['low', 'mid', 'high'];
    const a = Network.create(spec).setPreprocessing({ labels: names });
    const b = Network.create(spec).setPreprocessing({ labels: names });
    await two.fit(a, X, Array.from(labels, (c) => names[c]!), { epochs: 2 });
    await two.fit(b, X, labels, { epochs: 2 });
    expect(bits(a)).toEqual(bits(b));
    const s = await two.rowGradient(Network.create(spec).setPreprocessing({ labels: names }), X, Array.from(labels, (c) => names[c]!));
    expect(s.rows).toBe(labels.length);
    await s.close();
  });

  test('a data set goes in whole, as net.fit takes it, with the bits of its parts; its class names become the labels', async () => {
    const names = ['low', 'mid', 'high'];
    const dataset = { task: 'classification', name: 'toy', X, y: Int32Array.from(labels), classes: 3, classNames: names, featureNames: Array.from({ length: X.cols }, (_, j) => `x${j}`) } as const;
    const opts = { epochs: 2, batchSize: 32, learningRate: 0.05 };
    const parts = Network.create(spec);
    const whole = Network.create(spec);
    const fromParts = await two.fit(parts, X, labels, opts);
    const fromWhole = await two.fit(whole, dataset, opts);
    expect(bits(whole)).toEqual(bits(parts));
    expect(fromWhole.losses).toEqual(fromParts.losses);
    // As net.fit(dataset) does: the network can then answer with class names.
    const core = Network.create(spec);
    core.fit(dataset, opts);
    expect(whole.preprocessing?.labels).toEqual(names);
    expect(core.preprocessing?.labels).toEqual(names);
    expect(parts.preprocessing).toBeUndefined();
    // The plain pairs, and a session on a data set.
    for (const data of [{ X, y: labels }, { X, Y: labels }]) {
      const net = Network.create(spec);
      await two.fit(net, data, opts);
      expect(bits(net)).toEqual(bits(parts));
    }
    const session = await two.rowGradient(Network.create(spec), dataset, { shards: 2 });
    expect(session.rows).toBe(X.rows);
    await session.close();
    // If the fit throws, the network is unchanged: no labels either.
    const diverged = Network.create(spec);
    await expect(two.fit(diverged, dataset, { epochs: 1, learningRate: 1e30 })).rejects.toMatchObject({ code: 'diverged' });
    expect(diverged.preprocessing).toBeUndefined();
  });

  test('a bad data set gets the verdict net.fit gives it', async () => {
    const toy = (extra: object) => ({ task: 'classification', name: 'toy', X: Matrix.from(X4), y: Int32Array.from(y4), classes: 2, classNames: ['a', 'b'], featureNames: ['u', 'v'], ...extra });
    const multi = { ...small, output: { units: 2, fn: 'logistic' as const } };
    const cases: [string, unknown, NetworkSpec?][] = [
      ['a good data set', toy({})],
      ['three classes for two units', toy({ classes: 3, classNames: ['a', 'b', 'c'] })],
      ['one class', toy({ classes: 1, classNames: ['a'] })],
      ['a regression set into softmax', { task: 'regression', name: 'r', X: Matrix.from(X4), Y: Matrix.from([[1], [2], [3], [4]]), featureNames: ['u', 'v'], targetNames: ['t'] }],
      ['an unknown key', { X: X4, y: y4, extra: 1 }],
      ['both y and Y', { X: X4, y: y4, Y: y4 }],
      ['neither y nor Y', { X: X4 }],
      ['NaN in its X', { X: [[0, 0], [0, Number.NaN], [1, 0], [1, 1]], y: y4 }],
      ['short y', { X: X4, y: [0, 1] }],
      ['bad classNames', { X: X4, y: y4, classNames: 'ab' }],
      ['two classes of one name', toy({ classNames: ['a', 'a'] })],
      ['class indices for several logistic units', { X: X4, y: y4 }, multi],
      ['class names as Y, with the class names', { X: X4, Y: ['a', 'b', 'b', 'a'], classNames: ['a', 'b'] }],
    ];
    for (const [name, data, s = small] of cases) {
      let core: unknown;
      let par: unknown;
      try {
        Network.create(s).fit(data as never, { epochs: 1 });
      } catch (e) {
        core = e;
      }
      try {
        await two.fit(Network.create(s), data as never, { epochs: 1 });
      } catch (e) {
        par = e;
      }
      expect(verdict(par), name).toBe(verdict(core));
    }
    // The labels it contradicts, and the scikit-learn habit fit(dataset, dataset.y, options).
    const labelled = () => Network.create(small).setPreprocessing({ labels: ['b', 'a'] });
    await expect(two.fit(labelled(), toy({}) as never, { epochs: 1 })).rejects.toMatchObject({ code: 'invalid_argument', argument: 'data.classNames' });
    await expect(two.fit(Network.create(small), toy({}) as never, y4 as never)).rejects.toMatchObject({
      code: 'invalid_argument',
      argument: 'options',
      expected: 'trainer.fit(net, dataset, options) (a Dataset carries its own targets)',
      actual: 'an array as the third argument',
    });
  });

  test('the same bad call gets the same verdict from trainer.fit as from net.fit', async () => {
    const linear = { ...small, output: { units: 1, fn: 'linear' as const } };
    const logistic = { ...small, output: { units: 1, fn: 'logistic' as const } };
    const cases: [string, unknown, unknown, unknown, NetworkSpec?][] = [
      ['empty X', [], [], { epochs: 1 }],
      ['X undefined', undefined, y4, {}],
      ['X a string', 'abc', y4, {}],
      ['X one flat sample', [0, 1], [1], { epochs: 1 }],
      ['X a flat sample of the wrong length', [0, 1, 2], [1], {}],
      ['X a Float32Array sample', new Float32Array([0, 1]), [1], { epochs: 1 }],
      ['X with 3 columns', [[0, 0, 0]], [0], {}],
      ['X with a short first row', [[0], [0, 1], [1, 0], [1, 1]], y4, {}],
      ['X with a short second row', [[0, 0], [0], [1, 0], [1, 1]], y4, {}],
      ['X with Float32Array rows', X4.map((r) => Float32Array.from(r)), y4, { epochs: 1 }],
      ['X with NaN', [[0, Number.NaN], [0, 1]], [0, 1], {}],
      ['X with a string', [[0, 'a'], [0, 1]], [0, 1], {}],
      ['Y undefined', X4, undefined, {}],
      ['Y short', X4, [0, 1], {}],
      ['Y empty', X4, [], {}],
      ['Y an object', X4, { a: 1 }, {}],
      ['label 2', X4, [0, 1, 2, 0], {}],
      ['label 0.5', X4, [0, 1, 0.5, 0], {}],
      ['label a string', X4, [0, 1, '1', 0], {}],
      ['Y rows with NaN', X4, [[1, 0], [0, Number.NaN], [1, 0], [0, 1]], {}],
      ['Y rows of one column', X4, [[1], [0], [1], [0]], {}],
      ['class names without labels', X4, ['a', 'b', 'a', 'b'], {}],
      ['a cross-entropy target outside [0, 1]', X4, [[1, 0], [-1, 2], [1, 0], [0, 1]], {}],
      ['epochs -1', X4, y4, { epochs: -1 }],
      ['epochs 1.5', X4, y4, { epochs: 1.5 }],
      ['epochs "3"', X4, y4, { epochs: '3' }],
      ['batchSize 0', X4, y4, { batchSize: 0 }],
      ['batchSize 100 > N = 4', X4, y4, { epochs: 1, batchSize: 100 }],
      ['learningRate 0', X4, y4, { learningRate: 0 }],
      ['learningRate NaN', X4, y4, { learningRate: Number.NaN }],
      ['seed -1', X4, y4, { seed: -1 }],
      ['seed 1.5', X4, y4, { seed: 1.5 }],
      ['seed 2³²', X4, y4, { seed: 2 ** 32 }],
      ['shuffle "yes"', X4, y4, { shuffle: 'yes' }],
      ['optimizer adamm', X4, y4, { optimizer: 'adamm' }],
      ['optimizer momentum −1', X4, y4, { optimizer: { name: 'momentum', momentum: -1 } }],
      ['options 5', X4, y4, 5],
      ['options []', X4, y4, []],
      ['options null', X4, y4, null],
      ['an option undefined', X4, y4, { epochs: undefined, learningRate: 0.1 }],
      ['bad data and a bad option: the option is named', [], [], { epochs: -1 }],
      ['one linear output: a flat y is N values', X4, [0.5, -1, 2, 0], { epochs: 1 }, linear],
      ['one linear output: a flat y of the wrong length', X4, [0.5, -1], {}, linear],
      ['one linear output: a NaN value', X4, [0.5, Number.NaN, 2, 0], {}, linear],
      ['one logistic output: 0 / 1', X4, y4, { epochs: 1 }, logistic],
      ['one logistic output: a 2', X4, [0, 1, 2, 0], {}, logistic],
      ['one logistic output: rows outside [0, 1]', X4, [[0], [1], [2], [0]], {}, logistic],
    ];
    for (const [name, Xs, ys, o, s = small] of cases) {
      let core: unknown;
      let par: unknown;
      try {
        Network.create(s).fit(Xs as never, ys as never, o as never);
      } catch (e) {
        core = e;
      }
      try {
        await two.fit(Network.create(s), Xs as never, ys as never, o as never);
      } catch (e) {
        par = e;
      }
      expect(verdict(par), name).toBe(verdict(core));
    }
  });

  test('NaN in a Matrix X: the first bad entry in row order is named, as net.fit names it (the ranks meet rows in shuffled order)', async () => {
    const bad = new Matrix(X.rows, X.cols, X.data.slice());
    bad.data[7 * X.cols + 3] = Number.NaN;
    bad.data[290 * X.cols + 1] = Number.POSITIVE_INFINITY;
    const want = { code: 'non_finite', argument: 'X[7][3]', expected: 'a finite number', actual: 'NaN' };
    expect(() => Network.create(spec).fit(bad, labels, { epochs: 1 })).toThrow(expect.objectContaining(want));
    // net.fit scans X before it checks the batch size against N.
    expect(() => Network.create(spec).fit(bad, labels, { batchSize: 1000 })).toThrow(expect.objectContaining(want));
    await expect(two.fit(Network.create(spec), bad, labels, { batchSize: 1000 })).rejects.toMatchObject(want);
    for (const seed of [1, 4, 5]) { // seeds 4 and 5 shuffle row 290 before row 7
      const net = Network.create(spec);
      const before = bits(net);
      await expect(two.fit(net, bad, labels, { epochs: 1, seed })).rejects.toMatchObject(want);
      expect(bits(net)).toEqual(before);
    }
  });

  test('a net.fit call moved over as it is: told that the network comes first, and which options stay with net.fit', async () => {
    const X4m = Matrix.from(X4);
    for (const first of [X4, X4m, { X: X4, y: y4 }]) {
      await expect(two.fit(first as never, y4 as never, { epochs: 1 } as never)).rejects.toMatchObject({
        code: 'invalid_argument',
        argument: 'net',
        expected: 'a Network',
        message: expect.stringContaining('The network comes first: trainer.fit(net, X, y, options)'),
      });
    }
    await expect(two.fit(X4 as never, y4 as never)).rejects.toMatchObject({ actual: 'an array of length 4' });
    await expect(two.rowGradient(X4m as never, y4 as never)).rejects.toMatchObject({ actual: 'a 4 × 2 matrix', message: expect.stringContaining('trainer.rowGradient(net, X, y, options)') });
    await expect(two.fit({} as never, X4, y4)).rejects.toMatchObject({ argument: 'net', actual: 'an object', hint: undefined });
    for (const key of ['validationSplit', 'onEpochEnd', 'regularization', 'earlyStopping']) {
      await expect(two.fit(Network.create(small), X4, y4, { [key]: 1 } as never)).rejects.toMatchObject({
        code: 'invalid_option',
        argument: `options.${key}`,
        hint: `${key} is an option of core's net.fit that a parallel fit does not support: use net.fit for it`,
      });
    }
    await expect(two.fit(Network.create(small), X4, y4, { epoch: 1 } as never)).rejects.toMatchObject({ argument: 'options.epoch', hint: undefined });
  });

  test("the network's input scaler is applied once, as net.fit applies it: the bits of training on scaled data", async () => {
    const raw = new Matrix(X.rows, X.cols, X.data.map((v, i) => 100 * v + (i % X.cols)));
    const scaler = fitScaler(raw);
    const scaled = Network.create(spec);
    const withScaler = Network.create(spec).setPreprocessing({ input: scaler });
    const opts = { epochs: 2, batchSize: 32, learningRate: 0.05 };
    await two.fit(scaled, applyScaler(scaler, raw, 'float32'), labels, opts);
    await two.fit(withScaler, raw, labels, opts);
    expect(bits(withScaler)).toEqual(bits(scaled));
    expect(bits(withScaler)).not.toEqual(bits(Network.create(spec)));
  });

  test('epochs: 0 is refused as core refuses it (core takes it only to finish a saved run, which a parallel fit never continues)', async () => {
    const e = await two.fit(Network.create(small), X4, y4, { epochs: 0 }).catch((err: unknown) => err);
    expect(e).toMatchObject({ code: 'invalid_option', argument: 'options.epochs', expected: 'an integer ≥ 1', actual: '0' });
    expect(() => Network.create(small).fit(X4, y4, { epochs: 0 })).toThrow(expect.objectContaining({ code: 'invalid_option', argument: 'options.epochs', actual: '0' }));
  });
});
