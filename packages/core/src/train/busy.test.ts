import { describe, expect, test } from 'vitest';
import { Network, acquireTraining } from '../index.js';
import { caught, xor } from '../test-fixtures.js';

const { X, y } = xor();
const create = () => Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1, dtype: 'float64' });


describe('one training at a time per network', () => {
  test('fit, steps or another train while a train session runs: a typed busy error naming both', async () => {
    const net = create();
    const session = net.train(X, y, { epochs: 50, batchSize: 1 });
    session.pause();
    for (const call of [() => net.fit(X, y), () => net.steps(X, y), () => net.train(X, y)]) {
      const e = caught(call);
      expect(e.code).toBe('busy');
      expect(e.message).toMatch(/one still training in net\.train/);
    }
    session.stop();
    await session.result;
    expect(net.fit(X, y, { epochs: 1 }).stopReason).toBe('epochs');
  });

  test('a steps() iterator holds the network until exhausted, stopped, or left with break', () => {
    const net = create();
    const steps = net.steps(X, y, { epochs: 3, batchSize: 2 });
    steps.next();
    expect(caught(() => net.fit(X, y)).code).toBe('busy');
    for (const e of steps) if (e.type === 'batch') break;
    expect(net.fit(X, y, { epochs: 1 }).stopReason).toBe('epochs');
    const again = net.steps(X, y, { epochs: 1 });
    for (const _ of again);
    expect(() => net.fit(X, y, { epochs: 1 })).not.toThrow();
  });

  test('a callback that throws frees the network', () => {
    const net = create();
    expect(() =>
      net.fit(X, y, {
        epochs: 2,
        onBatchEnd: () => {
          throw new Error('boom');
        },
      }),
    ).toThrow('boom');
    expect(net.fit(X, y, { epochs: 1 }).stopReason).toBe('epochs');
  });

  test('a divergence frees the network', () => {
    const net = create();
    expect(caught(() => net.fit(X, y, { epochs: 5, learningRate: 1e308 })).code).toBe('diverged');
    expect(caught(() => net.fit(X, y, { epochs: 1, reset: true, learningRate: 1e308 })).code).not.toBe('busy');
  });
});

describe('breaking out of a session’s for await stops it', () => {
  test('break after the first epoch: the result says stopped, far before the last epoch', async () => {
    const net = create();
    const session = net.train(X, y, { epochs: 10_000, batchSize: 4 });
    for await (const e of session) if (e.type === 'epoch') break;
    const r = await session.result;
    expect(r.stopReason).toBe('stopped');
    expect(r.epochs).toBeLessThan(10_000);
    expect(session.status).toBe('done');
    expect(() => net.fit(X, y, { epochs: 1 })).not.toThrow();
  });
});

describe('acquireTraining: a training loop of your own holds the network as fit does', () => {
  test('while held, fit and train throw busy naming the holder; after the release they run', () => {
    const net = create();
    const release = acquireTraining(net, 'myTrainer.fit');
    const e = caught(() => net.fit(X, y));
    expect(e.code).toBe('busy');
    expect(e.message).toMatch(/one still training in myTrainer\.fit/);
    expect(caught(() => acquireTraining(net, 'another')).code).toBe('busy');
    release();
    release(); // idempotent
    expect(net.fit(X, y, { epochs: 1 }).stopReason).toBe('epochs');
  });

  test('a running session makes it throw busy; bad arguments are typed errors', async () => {
    const net = create();
    const session = net.train(X, y, { epochs: 50, batchSize: 1 });
    session.pause();
    expect(caught(() => acquireTraining(net, 'myTrainer.fit')).message).toMatch(/one still training in net\.train/);
    session.stop();
    await session.result;
    expect(caught(() => acquireTraining(net, '')).code).toBe('invalid_argument');
    expect(caught(() => acquireTraining({} as Network, 'x')).message).toMatch(/net: expected a Network/);
  });
});
