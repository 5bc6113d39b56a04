import { Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { createParallelTrainer } from './index.js';
import { problem, spec } from './testing/problem.js';

// What a user meets around a fit: closing the trainer while work is pending, and disposed networks.

const { X, labels } = problem();
const closed = expect.objectContaining({ code: 'invalid_argument', argument: 'trainer', expected: 'an open trainer' });

test('close() lets the fits asked for before it finish, then refuses new ones', async () => {
  const trainer = await createParallelTrainer({ threads: 2 });
  const running = trainer.fit(Network.create(spec), X, labels, { epochs: 3 });
  const queued = trainer.fit(Network.create(spec), X, labels, { epochs: 1 });
  const closing = trainer.close();
  await expect(trainer.fit(Network.create(spec), X, labels)).rejects.toEqual(closed);
  await expect(trainer.rowGradient(Network.create(spec), X, labels)).rejects.toEqual(closed);
  await expect(running).resolves.toMatchObject({ epochs: 3 });
  await expect(queued).resolves.toMatchObject({ epochs: 1 });
  await closing;
  await trainer.close(); // idempotent
});

test('close() waits for an open session, which goes on computing until its own close()', async () => {
  const trainer = await createParallelTrainer({ threads: 2 });
  const net = Network.create(spec);
  const session = await trainer.rowGradient(net, X, labels);
  let done = false;
  const closing = trainer.close().then(() => {
    done = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(done).toBe(false);
  expect(Number.isFinite(session.compute([0, 1, 2, 3], new Float32Array(net.flat.length)))).toBe(true);
  await session.close();
  await closing;
  expect(done).toBe(true);
});

test("a disposed network is a typed error naming the call's argument net", async () => {
  const trainer = await createParallelTrainer({ threads: 2 });
  const gone = Network.create(spec);
  gone.dispose();
  const disposed = expect.objectContaining({ code: 'disposed', argument: 'net', actual: 'a disposed network' });
  await expect(trainer.fit(gone, X, labels)).rejects.toEqual(disposed);
  await expect(trainer.rowGradient(gone, X, labels)).rejects.toEqual(disposed);
  // Disposed while the fit ran (between the fit's awaits): its result has nowhere to go, and it says so.
  const net = Network.create(spec);
  const run = trainer.fit(net, X, labels, { epochs: 2 });
  await Promise.resolve();
  net.dispose();
  await expect(run).rejects.toEqual(expect.objectContaining({ code: 'disposed', argument: 'net', actual: expect.stringContaining('disposed meanwhile') }));
  await trainer.close();
});
