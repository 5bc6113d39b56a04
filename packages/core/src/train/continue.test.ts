import { describe, expect, test } from 'vitest';
import { Network, optimizerNames } from '../index.js';
import type { FitOptions, ScheduleConfig } from '../index.js';
import { blobs, caught } from '../test-fixtures.js';

const { X, y } = blobs(45, 3);
const create = () => Network.create({ inputs: 2, layers: [{ units: 6, activation: 'tanh' }], output: { units: 3, fn: 'softmax' }, seed: 4, dtype: 'float64' });


const SCHEDULES: ScheduleConfig[] = [
  { name: 'constant' },
  { name: 'step', every: 3, factor: 0.5 },
  { name: 'exponential', factor: 0.9 },
  { name: 'cosine', period: 10, restarts: true, periodMultiplier: 2 },
  { name: 'plateau', patience: 1, factor: 0.5, minDelta: 0.5 },
];

describe('continuing fits (Keras semantics): two fits of 5 epochs == one fit of 10, to the bit', () => {
  const cases = optimizerNames.flatMap((optimizer) => SCHEDULES.map((schedule) => [optimizer, schedule.name, schedule] as const));
  test.each(cases)('%s with the %s schedule', (optimizer, _, schedule) => {
    const opts: FitOptions = { batchSize: 8, optimizer, schedule, learningRate: optimizer.startsWith('ada') ? 0.01 : 0.05, seed: 2 };
    const one = create();
    const straight = one.fit(X, y, { ...opts, epochs: 10 });
    const two = create();
    two.fit(X, y, { ...opts, epochs: 5 });
    const second = two.fit(X, y, { ...opts, epochs: 5 });
    expect(Array.from(two.flat)).toEqual(Array.from(one.flat));
    expect(second.history).toEqual(straight.history);
    expect(second.iterations).toBe(straight.iterations);
    expect(two.checkpoint().training?.optimizer).toEqual(one.checkpoint().training?.optimizer);
  });

  test('validation split, early stopping and plateau together; and the same through a checkpoint file', () => {
    const opts: FitOptions = { batchSize: 7, optimizer: 'adam', schedule: { name: 'plateau', patience: 1 }, validationSplit: 0.2, earlyStopping: { patience: 50 }, seed: 8 };
    const one = create();
    const straight = one.fit(X, y, { ...opts, epochs: 10 });
    const two = create();
    two.fit(X, y, { ...opts, epochs: 4 });
    const loaded = Network.fromJSON(JSON.stringify(two.checkpoint()));
    const rest = loaded.fit(X, y, { ...opts, epochs: 6 });
    expect(Array.from(loaded.flat)).toEqual(Array.from(one.flat));
    expect(rest.history).toEqual(straight.history);
    expect(rest.bestEpoch).toBe(straight.bestEpoch);
  });

  test("Adam's step count goes on (was restarted by a second fit)", () => {
    const net = create();
    net.fit(X, y, { epochs: 3, batchSize: 9, optimizer: 'adam' });
    net.fit(X, y, { epochs: 2, batchSize: 9, optimizer: 'adam' });
    expect(net.checkpoint().training?.optimizer.t).toBe(25);
    expect(net.checkpoint().training?.history.loss).toHaveLength(5);
  });

  test('reset: true starts a new run (fresh optimizer and history), keeping the weights', () => {
    const net = create();
    net.fit(X, y, { epochs: 3, batchSize: 9, optimizer: 'adam' });
    const before = Array.from(net.flat);
    const fresh = create();
    fresh.flat.set(before);
    const a = net.fit(X, y, { epochs: 2, batchSize: 9, optimizer: 'sgd', reset: true });
    const b = fresh.fit(X, y, { epochs: 2, batchSize: 9, optimizer: 'sgd' });
    expect(a.history).toEqual(b.history);
    expect(Array.from(net.flat)).toEqual(Array.from(fresh.flat));
    expect(caught(() => net.fit(X, y, { reset: true, resume: true })).argument).toBe('options.reset');
  });
});

describe('option precedence on continue and resume: given > the run’s value > default; nothing ignored silently', () => {
  const trained = (opts: FitOptions = {}) => {
    const net = create();
    net.fit(X, y, { epochs: 2, batchSize: 9, learningRate: 0.1, optimizer: { name: 'momentum', momentum: 0.9 }, ...opts });
    return Network.fromJSON(JSON.stringify(net.checkpoint()));
  };

  test('defect 1: a new learningRate on resume is used from the next step, and recorded (was: the saved rate, silently)', () => {
    const net = trained();
    const r = net.fit(X, y, { epochs: 2, learningRate: 0.01, resume: true });
    expect(r.history.learningRate).toEqual([0.1, 0.1, 0.01, 0.01]);
    expect(r.history.changes).toEqual([{ epoch: 3, iteration: 10, option: 'learningRate', from: 0.1, to: 0.01 }]);
    expect(net.checkpoint().training?.learningRate).toBe(0.01);
  });

  test('defect 1: a new momentum applies from the next step and is recorded', () => {
    const net = trained();
    const r = net.fit(X, y, { epochs: 1, optimizer: { name: 'momentum', momentum: 0.5 }, resume: true });
    expect(net.checkpoint().training?.optimizer.hyperparameters).toMatchObject({ momentum: 0.5 });
    expect(r.history.changes).toEqual([{ epoch: 3, iteration: 10, option: 'optimizer.momentum', from: 0.9, to: 0.5 }]);
  });

  test('defect 1: options left out keep the run’s values (a default batchSize after a run with 9 was refused)', () => {
    const net = trained();
    const r = net.fit(X, y, { epochs: 1, resume: true });
    expect(net.checkpoint().training).toMatchObject({ batchSize: 9, learningRate: 0.1, optimizer: { name: 'momentum', hyperparameters: { momentum: 0.9 } } });
    expect(r.history.changes).toEqual([]);
    expect(r.history.learningRate).toEqual([0.1, 0.1, 0.1]);
  });

  test('defect 1: epochs counts new epochs, so a resume always trains (was: epochs ≤ the saved epoch did nothing)', () => {
    const net = trained();
    const r = net.fit(X, y, { epochs: 1, resume: true });
    expect(r.epochs).toBe(3);
    expect(r.stopReason).toBe('epochs');
  });

  test('a new schedule applies from the next epoch; a new batch size from the next step at an epoch boundary; both recorded', () => {
    const net = trained();
    const r = net.fit(X, y, { epochs: 2, schedule: { name: 'step', every: 1, factor: 0.5 }, batchSize: 15 });
    expect(r.history.learningRate).toEqual([0.1, 0.1, 0.1 * 0.5 ** 2, 0.1 * 0.5 ** 3]);
    expect(r.history.changes.map((c) => c.option)).toEqual(['schedule', 'batchSize']);
    expect(r.iterations).toBe(10 + 2 * 3);
  });

  test('after a divergence, the advice "try 10× lower" can be followed by resuming the last checkpoint', () => {
    const saved = JSON.stringify(trained().checkpoint());
    const e = caught(() => Network.fromJSON(saved).fit(X, y, { epochs: 3, learningRate: 1e308, resume: true }));
    expect(e.code).toBe('diverged');
    const net = Network.fromJSON(saved);
    const r = net.fit(X, y, { epochs: 2, learningRate: 0.05, resume: true });
    expect(r.history.loss.every(Number.isFinite)).toBe(true);
    expect(r.history.learningRate.slice(2)).toEqual([0.05, 0.05]);
    expect(r.history.changes).toEqual([{ epoch: 3, iteration: 10, option: 'learningRate', from: 0.1, to: 0.05 }]);
  });

  test.each([
    ['optimizer', { optimizer: 'adam' }, /expected 'momentum'/],
    ['seed', { seed: 99 }, /expected 0/],
  ] as const)('the %s cannot change on a continuing run: a typed error naming it', (option, change, expected) => {
    const net = trained({ seed: 0 });
    const e = caught(() => net.fit(X, y, { epochs: 1, ...change }));
    expect([e.code, e.argument]).toEqual(['invalid_option', `options.${option}`]);
    expect(e.message).toMatch(expected);
    expect(e.message).toMatch(/reset: true/);
  });

  // New-user pass: 'momentum' is accepted on a fresh network, but on a plain-SGD run the error only offered
  // reset: true (losing the run), not the form that continues it.
  test.each(['momentum', 'nesterov'] as const)("a plain-SGD run asked for '%s' is told the SGD form that continues it", (name) => {
    const net = create();
    net.fit(X, y, { epochs: 1, optimizer: 'sgd', seed: 0 });
    const e = caught(() => net.fit(X, y, { epochs: 1, optimizer: name }));
    expect([e.code, e.argument]).toEqual(['invalid_option', 'options.optimizer']);
    const form = name === 'nesterov' ? "{ name: 'sgd', momentum: 0.9, nesterov: true }" : "{ name: 'sgd', momentum: 0.9 }";
    expect(e.message).toContain(form);
    const h = net.fit(X, y, { epochs: 1, optimizer: { name: 'sgd', momentum: 0.9, nesterov: name === 'nesterov' } });
    expect(h.history.changes.map((c) => c.option)).toContain('optimizer.momentum');
  });

  test('in the middle of an epoch, batch size and data cannot change: typed errors', () => {
    const net = create();
    net.fit(X, y, { epochs: 3, batchSize: 9, maxIterations: 7 });
    expect(caught(() => net.fit(X, y, { epochs: 1, batchSize: 5 })).argument).toBe('options.batchSize');
    expect(caught(() => net.fit(X.slice(0, 40), y.slice(0, 40), { epochs: 1 })).argument).toBe('data');
    expect(net.fit(X, y, { epochs: 0 }).iterations).toBe(10); // epochs 0 only finishes epoch 2: 7 + 3 steps
  });

  test('resume: true without a training state is refused', () => {
    expect(caught(() => create().fit(X, y, { resume: true })).argument).toBe('options.resume');
  });

  test('setLearningRate during a run is recorded too', () => {
    const net = create();
    const steps = net.steps(X, y, { epochs: 2, batchSize: 15 });
    steps.next();
    steps.setLearningRate(0.2);
    for (const _ of steps);
    expect(steps.result?.history.changes).toEqual([{ epoch: 1, iteration: 1, option: 'learningRate', from: 0.01, to: 0.2 }]);
  });
});

describe('penalty, clipping and early stopping apply as given to each fit, and a difference is listed in history.changes', () => {
  test('new, changed and dropped: each recorded with its epoch (was: applied without a word)', () => {
    const net = create();
    net.fit(X, y, { epochs: 2, batchSize: 9, earlyStopping: { patience: 5 }, regularization: { l2: 0.01 } });
    const r = net.fit(X, y, { epochs: 1, batchSize: 9, earlyStopping: { patience: 2 }, clipNorm: 1 });
    const at = { epoch: 3, iteration: 10 };
    expect(r.history.changes).toEqual([
      { ...at, option: 'regularization', from: '{"l1":[0,0],"l2":[0.01,0.01]}', to: 'none' },
      { ...at, option: 'clipNorm', from: 'none', to: 1 },
      { ...at, option: 'earlyStopping', from: '{"monitor":null,"patience":5,"minDelta":0,"restoreBestWeights":true}', to: '{"monitor":null,"patience":2,"minDelta":0,"restoreBestWeights":true}' },
    ]);
    // Given the same again: nothing to list; through a checkpoint file as well.
    const loaded = Network.fromJSON(JSON.stringify(net.checkpoint()));
    expect(loaded.fit(X, y, { epochs: 1, earlyStopping: { patience: 2 }, clipNorm: 1, resume: true }).history.changes).toHaveLength(3);
  });

  test('fromJSON checks the saved per-fit options', () => {
    const net = create();
    net.fit(X, y, { epochs: 1, batchSize: 9, clipValue: 0.5 });
    const json = JSON.parse(JSON.stringify(net.checkpoint()));
    json.training.settings.lastOptions.clipValue = -1;
    expect(caught(() => Network.fromJSON(json))).toMatchObject({ argument: 'model.training.settings.lastOptions.clipValue' });
    json.training.settings.lastOptions.clipValue = null;
    json.training.settings.lastOptions.regularization = { l1: [0], l2: [0, 0] };
    expect(caught(() => Network.fromJSON(json))).toMatchObject({ argument: 'model.training.settings.lastOptions.regularization.l1' });
  });
});
