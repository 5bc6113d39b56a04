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

describe('TrainingSession backpressure: the loop body acts before the next step', () => {
  // 200 rows in batches of 32: 7 steps per epoch, far less than one 16 ms yield apart.
  const rows = Array.from({ length: 200 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3)]);
  const labels = rows.map(([a, b]) => (a! * b! > 0 ? 1 : 0));
  const fresh = () => Network.create({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 2 });

  test('setLearningRate at the epoch-2 event applies from epoch 3; break at the epoch-5 event ends at 5 epochs', async () => {
    const session = fresh().train(rows, labels, { epochs: 200, learningRate: 0.1 });
    const lrByEpoch = new Map<number, number>();
    for await (const e of session) {
      if (e.type === 'batch' && !lrByEpoch.has(e.epoch)) lrByEpoch.set(e.epoch, e.learningRate);
      if (e.type !== 'epoch') continue;
      if (e.epoch === 2) session.setLearningRate(0.001);
      if (e.epoch === 5) break;
    }
    const result = await session.result;
    expect(result).toMatchObject({ stopReason: 'stopped', epochs: 5 });
    expect([...lrByEpoch]).toEqual([[1, 0.1], [2, 0.1], [3, 0.001], [4, 0.001], [5, 0.001]]);
  });

  test('stop() at the epoch-2 event ends training after 2 epochs', async () => {
    const session = fresh().train(rows, labels, { epochs: 100 });
    for await (const e of session) if (e.type === 'epoch' && e.epoch === 2) session.stop();
    expect(await session.result).toMatchObject({ stopReason: 'stopped', epochs: 2 });
  });

  test('stop() at a batch event ends training before the next step', async () => {
    const session = fresh().train(rows, labels, { epochs: 100 });
    for await (const e of session) if (e.type === 'batch' && e.iteration === 10) session.stop();
    expect(await session.result).toMatchObject({ stopReason: 'stopped', iterations: 10 });
  });

  test('an iterator that never pulls does not hold the run; awaiting result alone still finishes', async () => {
    const session = fresh().train(rows, labels, { epochs: 3 });
    session[Symbol.asyncIterator]();
    expect((await session.result).epochs).toBe(3);
  });
});

test('stop() from outside ends a run whose reader stopped pulling', async () => {
  const session = net().train(X, Y, { epochs: 100, batchSize: 1 });
  const it = session[Symbol.asyncIterator]();
  await it.next();
  session.stop();
  expect(await session.result).toMatchObject({ stopReason: 'stopped' });
});

test('after a stop inside an epoch, fit({ epochs: 1 }) finishes that epoch and then runs 1 new full epoch', async () => {
  const rows = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(i)]);
  const labels = rows.map(([a]) => (a! > 0 ? 1 : 0));
  const model = net();
  const session = model.train(rows, labels, { epochs: 100, batchSize: 4 }); // 10 steps an epoch
  for await (const e of session) if (e.type === 'batch' && e.iteration === 23) break; // epoch 3, step 3 of 10
  expect(model.checkpoint().training).toMatchObject({ epoch: 2, position: 3, iteration: 23 });
  const result = model.fit(rows, labels, { epochs: 1 });
  expect(result).toMatchObject({ epochs: 4, iterations: 40, stopReason: 'epochs' });
  expect(model.checkpoint().training).toMatchObject({ epoch: 4, position: 0 });
  expect(() => model.fit(rows, labels, { epochs: 0 })).toThrow(/options\.epochs: expected an integer ≥ 1 \(0 only finishes a run stopped inside an epoch\), got 0/);
  const again = model.train(rows, labels, { epochs: 10 });
  for await (const e of again) if (e.type === 'batch' && e.iteration === 45) break;
  expect(model.fit(rows, labels, { epochs: 0 })).toMatchObject({ epochs: 5, iterations: 50 });
});

test('leaving a for await frees the network before the loop exits: a fit written right after it runs', async () => {
  // yieldEveryMs: 0 makes the run hand the event loop a turn after every step, so the break lands while it waits
  // for that turn (under load the default 16 ms does the same, which failed in CI with `busy`).
  const model = net();
  const session = model.train(X, Y, { epochs: 100, batchSize: 1, yieldEveryMs: 0 });
  for await (const e of session) if (e.type === 'batch' && e.iteration === 3) break;
  expect(session.status).toBe('done');
  expect(await session.result).toMatchObject({ stopReason: 'stopped', iterations: 3 });
  expect(model.fit(X, Y, { epochs: 1, batchSize: 1 })).toMatchObject({ stopReason: 'epochs' });
});

test('an async callback that ends a reader’s loop does not wait for the run it holds up', async () => {
  const model = net();
  let reader: AsyncIterator<TrainEvent> | undefined;
  const session = model.train(X, Y, {
    epochs: 100,
    batchSize: 1,
    onBatchEnd: async (e) => {
      if (e.iteration === 2) await reader!.return!();
    },
  });
  reader = session[Symbol.asyncIterator]();
  expect(await session.result).toMatchObject({ stopReason: 'stopped', iterations: 2 });
});
