import { describe, expect, test } from 'vitest';
import { ModelFormatError, Network } from '../index.js';
import { blobs } from '../test-fixtures.js';

// A cosine schedule left without a period anneals over "the run's length". On a continuing fit (Keras
// semantics: the run goes on) the length grows, so the period follows it, recorded in history.changes
// (it was pinned to the first fit's epochs, and every later epoch trained at η = 0 without a word).

const { X, y } = blobs(24, 3, { classOf: (i) => i % 2 });
const create = () => Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 5, dtype: 'float64' });
const base = { batchSize: 8, learningRate: 0.1, seed: 1 } as const;
const cosineRate = (e: number, T: number) => (0.1 * (1 + Math.cos((Math.PI * e) / T))) / 2;
describe('a cosine without a period on a continuing fit', () => {
  test('5 then 5 more: the period stretches to 10 (recorded), the second fit uses the rates of one 10-epoch run', () => {
    const net = create();
    net.fit(X, y, { ...base, epochs: 5, schedule: 'cosine' });
    const after5 = Array.from(net.flat);
    const r = net.fit(X, y, { epochs: 5 });
    expect(r.history.changes).toEqual([{ epoch: 6, iteration: 15, option: 'schedule', from: '{"name":"cosine","period":5}', to: '{"name":"cosine","period":10}' }]);
    const straight = create().fit(X, y, { ...base, epochs: 10, schedule: 'cosine' });
    expect(r.history.learningRate.slice(5)).toEqual(straight.history.learningRate.slice(5));
    for (const [i, lr] of r.history.learningRate.slice(5).entries()) expect(lr).toBeCloseTo(cosineRate(5 + i, 10), 15);
    expect(Array.from(net.flat)).not.toEqual(after5); // it trains (was η = 0 for all five epochs)
    // Given again as 'cosine', the same: the run's cosine, stretched to the new end.
    const again = net.fit(X, y, { epochs: 2, schedule: 'cosine' });
    expect(again.history.changes.at(-1)).toMatchObject({ epoch: 11, option: 'schedule', to: '{"name":"cosine","period":12}' });
  });

  test('the same through a checkpoint file', () => {
    const net = create();
    net.fit(X, y, { ...base, epochs: 5, schedule: 'cosine' });
    const loaded = Network.fromJSON(JSON.stringify(net.checkpoint()));
    expect(loaded.checkpoint().training?.settings).toMatchObject({ schedule: { name: 'cosine', period: 5 }, periodFollowsRun: true });
    expect(loaded.fit(X, y, { epochs: 3, resume: true }).history.learningRate.slice(5)).toEqual([5, 6, 7].map((e) => cosineRate(e, 8)));
  });

  test('resumed to the end it was planned for, nothing changes: bit for bit one run', () => {
    const straight = create();
    straight.fit(X, y, { ...base, epochs: 10, schedule: 'cosine' });
    const first = create();
    for (const e of first.steps(X, y, { ...base, epochs: 10, schedule: 'cosine' })) if (e.type === 'epoch' && e.epoch === 4) break;
    const loaded = Network.fromJSON(JSON.stringify(first.checkpoint()));
    const rest = loaded.fit(X, y, { epochs: 6, resume: true });
    expect(rest.history.changes).toEqual([]);
    expect(Array.from(loaded.flat)).toEqual(Array.from(straight.flat));
  });

  test("a cosine started on a continuing run anneals over the run's new length (was η = 0 from its first step)", () => {
    const net = create();
    net.fit(X, y, { ...base, epochs: 5 });
    const r = net.fit(X, y, { epochs: 5, schedule: 'cosine' });
    expect(r.history.changes).toEqual([{ epoch: 6, iteration: 15, option: 'schedule', from: '{"name":"constant"}', to: '{"name":"cosine","period":10}' }]);
    expect(r.history.learningRate.slice(5)).toEqual([5, 6, 7, 8, 9].map((e) => cosineRate(e, 10)));
  });

  test("an explicit period is kept, as Keras's CosineDecay keeps decay_steps: past it η is the minimum, as asked", () => {
    const net = create();
    net.fit(X, y, { ...base, epochs: 5, schedule: { name: 'cosine', period: 5 } });
    const r = net.fit(X, y, { epochs: 2 });
    expect(r.history.changes).toEqual([]);
    expect(r.history.learningRate.slice(5)).toEqual([0, 0]);
    const floor = create();
    floor.fit(X, y, { ...base, epochs: 5, schedule: { name: 'cosine', period: 5, minLearningRate: 0.01 } });
    expect(floor.fit(X, y, { epochs: 2 }).history.learningRate.slice(5)).toEqual([0.01, 0.01]);
    // A longer period, given, is a recorded change.
    const longer = net.fit(X, y, { epochs: 3, schedule: { name: 'cosine', period: 10 } });
    expect(longer.history.changes).toMatchObject([{ epoch: 8, option: 'schedule', from: '{"name":"cosine","period":5}', to: '{"name":"cosine","period":10}' }]);
    expect(longer.history.learningRate.slice(7)).toEqual([7, 8, 9].map((e) => cosineRate(e, 10)));
  });

  test('fromJSON refuses a periodFollowsRun that is not a boolean', () => {
    const net = create();
    net.fit(X, y, { ...base, epochs: 2, schedule: 'cosine' });
    const json = JSON.parse(JSON.stringify(net.checkpoint()));
    json.training.settings.periodFollowsRun = 'yes';
    expect(() => Network.fromJSON(json)).toThrow(ModelFormatError);
    expect(() => Network.fromJSON(json)).toThrow(/model\.training\.settings\.periodFollowsRun/);
  });
});
