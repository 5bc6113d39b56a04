import { describe, expect, test } from 'vitest';
import { Matrix, Network, createRng, prepareTrainingData } from '../index.js';
import type { BatchEvent, EpochEvent, FitOptions, TrainEvent } from '../index.js';
import { prepareData } from './data.js';
import { blobs, caught, xor } from '../test-fixtures.js';

const { X: XOR_X, y: XOR_Y } = xor();
const xorNet = (seed = 1) => Network.create({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed, dtype: 'float64' });

/** Two gaussian blobs around x = ±1.5, classes 0 and 1 alternating (class 1 is 3× rarer when `skew`). */
const twoBlobs = (n: number, seed: number, skew = false) =>
  blobs(n, seed, { classOf: (i) => (skew ? (i % 4 === 0 ? 1 : 0) : i % 2), point: (rng, c) => [rng.normal() + (c ? 1.5 : -1.5), rng.normal()] });

describe('fit', () => {
  test('the original signature still trains XOR (sgd, full batch)', () => {
    const net = xorNet();
    const r = net.fit(XOR_X, XOR_Y, { epochs: 2000, batchSize: 4, learningRate: 0.5, shuffle: true, seed: 3 });
    expect(r.stopReason).toBe('epochs');
    expect(r.epochs).toBe(2000);
    expect(r.iterations).toBe(2000);
    expect(Array.from(net.classify(XOR_X))).toEqual(XOR_Y);
    expect(r.history.accuracy.at(-1)).toBe(1);
    expect(r.history.learningRate.every((lr) => lr === 0.5)).toBe(true);
  });

  test.each(['momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'adamw'] as const)('%s learns XOR', (optimizer) => {
    const net = xorNet();
    net.fit({ X: XOR_X, Y: XOR_Y }, { epochs: 600, batchSize: 2, optimizer, learningRate: optimizer.startsWith('adam') ? 0.02 : 0.1 });
    expect(Array.from(net.classify(XOR_X))).toEqual(XOR_Y);
  });

  test('one seed → the same loss curve to the last bit', () => {
    const { X, y } = twoBlobs(60, 5);
    const opts: FitOptions = { epochs: 5, batchSize: 7, optimizer: 'adam', validationSplit: 0.25 };
    const a = xorNet(4).fit(X, y, opts);
    const b = xorNet(4).fit(X, y, opts);
    expect(b.history).toEqual(a.history);
    const c = xorNet(4).fit(X, y, { ...opts, seed: 99 });
    expect(c.history.loss).not.toEqual(a.history.loss);
  });

  test('events: one per step, one per epoch, then end; per-layer gradient norms', () => {
    const events: TrainEvent[] = [];
    const net = xorNet();
    const steps = net.steps(XOR_X, XOR_Y, { epochs: 2, batchSize: 3, now: () => 0 });
    for (const e of steps) events.push(e);
    expect(events.map((e) => e.type)).toEqual(['batch', 'batch', 'epoch', 'batch', 'batch', 'epoch', 'end']);
    const b = events[1] as BatchEvent;
    expect(b).toMatchObject({ epoch: 1, epochs: 2, batch: 2, batches: 2, size: 1, iteration: 2, learningRate: 0.01 });
    expect(b.gradNorms).toHaveLength(2);
    expect(b.gradNorm).toBeGreaterThan(0);
    expect(Math.hypot(...b.gradNorms)).toBeLessThanOrEqual(b.gradNorm + 1e-12);
    const e = events[2] as EpochEvent;
    expect(e).toMatchObject({ type: 'epoch', epoch: 1, partial: false, valLoss: undefined });
    expect(steps.result?.stopReason).toBe('epochs');
  });

  test('callbacks receive the events and can stop training', () => {
    const seen: string[] = [];
    const r = xorNet().fit(XOR_X, XOR_Y, {
      epochs: 10,
      batchSize: 2,
      onBatchEnd: (e) => void seen.push(`b${e.iteration}`),
      onEpochEnd: (e) => (e.epoch === 2 ? 'stop' : undefined),
      onEnd: (e) => void seen.push(e.result.stopReason),
    });
    expect(r.stopReason).toBe('callback');
    expect(r.epochs).toBe(2);
    expect(seen).toEqual(['b1', 'b2', 'b3', 'b4', 'callback']);
  });
});

describe('stop reasons', () => {
  test('max-iterations, with the partial last epoch in the history', () => {
    const r = xorNet().fit(XOR_X, XOR_Y, { epochs: 10, batchSize: 3, maxIterations: 5 });
    expect(r).toMatchObject({ stopReason: 'max-iterations', iterations: 5, epochs: 3 });
    expect(xorNet().fit(XOR_X, XOR_Y, { epochs: 2, batchSize: 2, maxIterations: 4 }).stopReason).toBe('epochs');
  });

  test('target-loss', () => {
    const r = xorNet().fit(XOR_X, XOR_Y, { epochs: 5000, batchSize: 4, optimizer: 'adam', learningRate: 0.05, targetLoss: 0.05 });
    expect(r.stopReason).toBe('target-loss');
    expect(r.history.loss.at(-1)).toBeLessThanOrEqual(0.05);
    expect(r.history.loss.slice(0, -1).every((l) => l > 0.05)).toBe(true);
  });

  test('time-budget, with an injected clock (1 ms per reading)', () => {
    let t = 0;
    const r = xorNet().fit(XOR_X, XOR_Y, { epochs: 1000, batchSize: 4, timeBudgetMs: 50, now: () => t++ });
    expect(r.stopReason).toBe('time-budget');
    expect(r.epochs).toBeLessThan(50);
  });

  test('aborted by an AbortSignal', () => {
    const controller = new AbortController();
    const r = xorNet().fit(XOR_X, XOR_Y, { epochs: 100, batchSize: 1, signal: controller.signal, onBatchEnd: (e) => void (e.iteration === 6 && controller.abort()) });
    expect(r).toMatchObject({ stopReason: 'aborted', iterations: 6 });
  });

  test('stopped through the step function', () => {
    const steps = xorNet().steps(XOR_X, XOR_Y, { epochs: 100, batchSize: 2 });
    for (const e of steps) if (e.type === 'batch' && e.iteration === 3) steps.stop();
    expect(steps.result).toMatchObject({ stopReason: 'stopped', iterations: 3 });
  });

  test('early-stopping restores the best weights', () => {
    const { X, y } = twoBlobs(80, 2);
    const net = xorNet(3);
    let best: number[] = [];
    let bestLoss = Number.POSITIVE_INFINITY;
    // η far too high for Adam on this problem: validation loss wanders, so patience runs out.
    const r = net.fit(X, y, {
      epochs: 300,
      batchSize: 8,
      optimizer: 'adam',
      learningRate: 0.3,
      validationSplit: 0.25,
      earlyStopping: { patience: 3 },
      onEpochEnd: (e) => {
        if (e.valLoss! < bestLoss) {
          bestLoss = e.valLoss!;
          best = Array.from(net.flat);
        }
      },
    });
    expect(r.stopReason).toBe('early-stopping');
    expect(r.bestEpoch).toBe(r.history.valLoss.indexOf(Math.min(...r.history.valLoss)) + 1);
    expect(r.epochs).toBe(r.bestEpoch! + 3);
    expect(Array.from(net.flat)).toEqual(best);
  });
});

describe('validation split', () => {
  test('taken after a seeded shuffle, stratified by class', () => {
    const { X, y } = twoBlobs(80, 1, true); // 20 of class 1, 60 of class 0, in a regular pattern
    const net = xorNet();
    const { X: x, Y } = prepareTrainingData(net, X, y);
    const d = prepareData(net, x, Y, 0, { fraction: 0.25, stratify: true, data: undefined }, createRng(7));
    expect(d.x.rows).toBe(60);
    expect(d.val!.x.rows).toBe(20);
    const ones = d.val!.y.toArray().filter((row) => row[1] === 1).length;
    expect(ones).toBe(5); // 25% of each class
    // Not the last 20 rows, and not in the original order.
    const firsts = d.val!.x.toArray().map((r) => X.findIndex((x) => x[0] === r[0]));
    expect(firsts).not.toEqual([...firsts].sort((a, b) => a - b));
    const again = prepareData(net, x, Y, 0, { fraction: 0.25, stratify: true, data: undefined }, createRng(7));
    expect(again.val!.x.toArray()).toEqual(d.val!.x.toArray());
  });

  test('validation metrics are reported per epoch', () => {
    const { X, y } = twoBlobs(40, 3);
    const r = xorNet().fit(X, y, { epochs: 3, validationData: { X: X.slice(0, 10), Y: y.slice(0, 10) } });
    expect(r.history.valLoss).toHaveLength(3);
    expect(r.history.valAccuracy).toHaveLength(3);
  });
});

describe('options are strict', () => {
  const net = xorNet();
  test.each([
    [{ epoch: 3 }, 'options.epoch', 'invalid_option'],
    [{ epochs: 0 }, 'options.epochs', 'invalid_option'],
    [{ epochs: '3' }, 'options.epochs', 'invalid_option'],
    [{ batchSize: 5 }, 'options.batchSize', 'invalid_option'],
    [{ learningRate: -1 }, 'options.learningRate', 'invalid_option'],
    [{ shuffle: 'yes' }, 'options.shuffle', 'invalid_option'],
    [{ optimizer: 'adamax' }, 'options.optimizer', 'invalid_option'],
    [{ optimizer: { name: 'adam', beta2: 2 } }, 'options.optimizer.beta2', 'invalid_option'],
    [{ schedule: { name: 'step', every: 0 } }, 'options.schedule.every', 'invalid_option'],
    [{ validationSplit: 1 }, 'options.validationSplit', 'invalid_option'],
    [{ earlyStopping: { monitor: 'val-loss' } }, 'options.earlyStopping.monitor', 'invalid_option'],
    [{ earlyStopping: { patience: 2, restore: true } }, 'options.earlyStopping.restore', 'invalid_option'],
    [{ regularization: { l2: -1 } }, 'options.regularization.l2', 'invalid_option'],
    [{ clipNorm: 0 }, 'options.clipNorm', 'invalid_option'],
    [{ onEpochEnd: 3 }, 'options.onEpochEnd', 'invalid_option'],
    [{ signal: {} }, 'options.signal', 'invalid_option'],
    [{ resume: true }, 'options.resume', 'invalid_option'],
  ])('%j → %s', (options, argument, code) => {
    const e = caught(() => net.fit(XOR_X, XOR_Y, options as FitOptions));
    expect(e.code).toBe(code);
    expect(e.argument).toBe(argument);
  });
});

describe('arguments in the wrong place say so', () => {
  const data = { task: 'classification' as const, name: 'xor', X: Matrix.from(XOR_X), y: Int32Array.from(XOR_Y), classes: 2, classNames: ['a', 'b'], featureNames: ['x1', 'x2'] };
  test.each([
    ['a typed array', () => xorNet().fit(data as never, data.y as never, { epochs: 1 }), 'a typed array (Int32Array) as the second argument and a third one'],
    ['a Matrix', () => xorNet().fit(data, Matrix.from([[0], [1], [1], [0]]) as never), 'a Matrix as the second argument'],
    ['a number[]', () => xorNet().train(data, [0, 1, 1, 0] as never), 'an array as the second argument'],
  ])('fit(dataset, %s, …) (the scikit-learn habit): a Dataset carries its own targets', (_, call, actual) => {
    const e = caught(call);
    expect(e).toMatchObject({ code: 'invalid_argument', argument: 'options', actual });
    expect(e.message).toMatch(/^options: expected (fit|train)\(dataset, options\) \(a Dataset carries its own targets\), got /);
  });

  test('predictProba(["a", "b"]) says a number was expected at X[0] (was: "a row of length 0")', () => {
    const net = xorNet();
    expect(caught(() => net.predictProba(['a', 'b'] as never))).toMatchObject({ code: 'non_finite', message: 'X[0]: expected a finite number, got "a"' });
    expect(caught(() => net.predict([1, null] as never)).message).toBe('X[1]: expected a finite number, got null');
  });
});

describe('callback return values', () => {
  test.each([
    ['false (a Keras habit)', false, 'false returned'],
    ["a typo 'stpo'", 'stpo', '"stpo" returned'],
    ['the number push returns', 3, '3 returned'],
  ])('%s is refused with a typed error saying return "stop" (was silently ignored)', (_, value, actual) => {
    const e = caught(() => xorNet().fit(XOR_X, XOR_Y, { epochs: 3, onEpochEnd: () => value as never }));
    expect(e).toMatchObject({ code: 'invalid_option', argument: 'options.onEpochEnd', actual });
    expect(e.message).toMatch(/Return 'stop' to end training/);
  });

  test("fit refuses an async callback's promise; train awaits it and honours its 'stop'", async () => {
    const e = caught(() => xorNet().fit(XOR_X, XOR_Y, { epochs: 2, onEpochEnd: async () => undefined }));
    expect(e).toMatchObject({ argument: 'options.onEpochEnd', actual: 'a Promise' });
    const session = xorNet().train(XOR_X, XOR_Y, { epochs: 50, onEpochEnd: async (ev) => (ev.epoch === 3 ? 'stop' : undefined) });
    expect(await session.result).toMatchObject({ stopReason: 'callback', epochs: 3 });
    await expect(xorNet().train(XOR_X, XOR_Y, { epochs: 5, onBatchEnd: () => 'stpo' as never }).result).rejects.toMatchObject({ argument: 'options.onBatchEnd' });
  });
});

describe('validationData is an option', () => {
  test('a malformed one is invalid_option naming it, as every bad option is (it was invalid_argument)', () => {
    const e = caught(() => xorNet().fit(XOR_X, XOR_Y, { epochs: 1, validationData: [XOR_X, XOR_Y] as never }));
    expect(e).toMatchObject({ code: 'invalid_option', argument: 'options.validationData', actual: 'an array of length 2' });
    expect(caught(() => xorNet().fit(XOR_X, XOR_Y, { epochs: 1, validationData: { X: XOR_X, Y: XOR_Y, y: XOR_Y } as never }))).toMatchObject({ code: 'invalid_option', argument: 'options.validationData.y' });
  });
});
