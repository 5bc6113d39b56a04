import { describe, expect, test } from 'vitest';
import { Network, TrainingDivergedError } from '../index.js';
import type { BatchEvent, TrainEvent } from '../index.js';

const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const Y = [0, 1, 1, 0];
const net = () => Network.create({ inputs: 2, layers: [{ units: 6, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 2, dtype: 'float64' });
const macrotask = () => new Promise<void>((r) => setImmediate(r));

describe('TrainingSession', () => {
  test('is an async iterable of every event, and result matches fit', async () => {
    const session = net().train(X, Y, { epochs: 3, batchSize: 2 });
    const events: TrainEvent[] = [];
    for await (const e of session) events.push(e);
    expect(events.map((e) => e.type).join(' ')).toBe('batch batch epoch batch batch epoch batch batch epoch end');
    const result = await session.result;
    expect(events.at(-1)).toEqual({ type: 'end', result });
    expect(session.status).toBe('done');
    const sync = net().fit(X, Y, { epochs: 3, batchSize: 2 });
    expect(result.history).toEqual(sync.history);
  });

  test('yields to the event loop while training', async () => {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const session = net().train(X, Y, { epochs: 50, batchSize: 1, yieldEveryMs: 0 });
    await session.result;
    running = false;
    expect(ticks).toBeGreaterThan(50);
  });

  test('pause holds training, resume continues it; setLearningRate applies from the next step', async () => {
    const session = net().train(X, Y, { epochs: 4, batchSize: 2, yieldEveryMs: 0 });
    const seen: BatchEvent[] = [];
    for await (const e of session) {
      if (e.type !== 'batch') continue;
      seen.push(e);
      if (e.iteration === 2) {
        session.pause();
        expect(session.status).toBe('paused');
        for (let i = 0; i < 5; i++) await macrotask();
        expect(seen).toHaveLength(2);
        session.setLearningRate(0.5);
        session.resume();
      }
    }
    expect(seen.map((e) => e.learningRate)).toEqual([0.01, 0.01, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect((await session.result).iterations).toBe(8);
  });

  test('stop ends training with reason "stopped", even while paused', async () => {
    const session = net().train(X, Y, { epochs: 100, batchSize: 1, yieldEveryMs: 0 });
    for await (const e of session) {
      if (e.type === 'batch' && e.iteration === 5) {
        session.pause();
        session.stop();
      }
    }
    expect(await session.result).toMatchObject({ stopReason: 'stopped', iterations: 5 });
  });

  test('bad options throw synchronously; divergence rejects result and the iterator', async () => {
    expect(() => net().train(X, Y, { epochz: 1 } as never)).toThrow(/options\.epochz/);
    const session = net().train(X, Y, { epochs: 50, batchSize: 4, learningRate: 1e308 });
    const it = session[Symbol.asyncIterator]();
    await expect(session.result).rejects.toBeInstanceOf(TrainingDivergedError);
    await expect((async () => {
      for (;;) if ((await it.next()).done) return;
    })()).rejects.toBeInstanceOf(TrainingDivergedError);
  });
});
