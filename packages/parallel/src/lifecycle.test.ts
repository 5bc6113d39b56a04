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

// A call that would queue behind its own trainer's open session would wait for that session's close(): awaited
// before it, forever. It is refused at once instead (a race against a timer tells refusal from waiting).
const WAITING = 'still waiting after 300 ms';
const settled = (p: Promise<unknown>) =>
  Promise.race([p.then(() => 'resolved', (e: unknown) => e), new Promise((resolve) => setTimeout(() => resolve(WAITING), 300))]);
const held = (call: string, session: string) =>
  expect.objectContaining({ code: 'busy', argument: call, actual: `its trainer.rowGradient session ${session} still open`, message: expect.stringContaining('Close that session first') });

test('while a session is open, fit, rowGradient and close() of its trainer are refused at once, naming it', async () => {
  const trainer = await createParallelTrainer({ threads: 2 });
  const net = Network.create(spec);
  const session = await trainer.rowGradient(net, X, labels);
  const other = Network.create(spec);
  expect(await settled(trainer.fit(other, X, labels, { epochs: 1 }))).toEqual(held('trainer.fit', `#1 (${X.rows} rows)`));
  expect(await settled(trainer.rowGradient(other, X, labels))).toEqual(held('trainer.rowGradient', `#1 (${X.rows} rows)`));
  expect(await settled(trainer.close())).toEqual(held('trainer.close', `#1 (${X.rows} rows)`));
  // Refused, not closed: the session goes on, and once it is closed the trainer takes work again.
  expect(Number.isFinite(session.compute([0, 1, 2, 3], new Float32Array(net.flat.length)))).toBe(true);
  await session.close();
  await expect(trainer.fit(other, X, labels, { epochs: 1 })).resolves.toMatchObject({ epochs: 1 });
  // A session asked for behind a running fit holds the trainer from the call on (it will open, then wait for its close()).
  const running = trainer.fit(Network.create(spec), X, labels, { epochs: 1 });
  const opening = trainer.rowGradient(net, X, labels);
  expect(await settled(trainer.fit(other, X, labels))).toEqual(held('trainer.fit', '#2 (still opening)'));
  await running;
  await (await opening).close();
  // A session that fails to open holds nothing.
  await expect(trainer.rowGradient(net, X, labels.subarray(1))).rejects.toMatchObject({ code: 'shape_mismatch' });
  await expect(trainer.fit(other, X, labels, { epochs: 1 })).resolves.toMatchObject({ epochs: 1 });
  await trainer.close();
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
