import { Network } from '@backprop/core';
import { generate, trainTestSplit } from '@backprop/datasets';
import { describe, expect, test } from 'vitest';
import type { TrainEvent } from './events.js';
import { cliAdvice, createSession } from './session.js';

const data = generate('xor', { samples: 200, seed: 1 });
const net = () => Network.create({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 3 });
const options = { epochs: 6, batchSize: 16, learningRate: 0.2, seed: 5 };

async function drain(session: AsyncIterable<TrainEvent>): Promise<TrainEvent[]> {
  const events: TrainEvent[] = [];
  for await (const e of session) events.push(e);
  return events;
}

describe('training session', () => {
  test('emits batch and epoch events, then one end event, and learns', async () => {
    const n = net();
    const session = createSession(n, data, options);
    const events = await drain(session);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)).toMatchObject({ type: 'end', stopReason: 'epochs', epoch: 6, iterations: 6 * 13 });
    expect(session.history.trainLoss[5]!).toBeLessThan(session.history.trainLoss[0]!);
    expect(epochs[0]!.type === 'epoch' && epochs[0]!.layers).toHaveLength(2);
    expect((await session.result).stopReason).toBe('epochs');
  });

  test('stopping mid-way ends with the reason; resuming from the position gives the same weights as one run', async () => {
    // Yield after every step, so stop() lands at the next step however fast the machine trains (with the
    // default 16 ms slices, 60 tiny epochs can finish before the first event is read).
    const long = { ...options, epochs: 60, yieldEveryMs: 0 };
    const straight = net();
    await drain(createSession(straight, data, long));

    const first = net();
    const a = createSession(first, data, long);
    // The first batch event is always forwarded (later ones are throttled to one per 50 ms), so stop there.
    for await (const e of a) if (e.type === 'batch') a.stop();
    const end = await a.result;
    expect(end.stopReason).toBe('stopped');
    const position = a.position();
    expect(position.epoch).toBeLessThan(60);

    const resumed = Network.fromJSON(JSON.parse(JSON.stringify(first.checkpoint())));
    const b = createSession(resumed, data, { ...long, resume: true });
    expect(b.position().epoch).toBeGreaterThanOrEqual(position.epoch);
    expect(b.history.trainLoss.length).toBe(b.position().epoch);
    await drain(b);
    expect(Array.from(resumed.flat)).toEqual(Array.from(straight.flat));
  });

  test('pause holds training until resume; the learning rate can change live', async () => {
    const session = createSession(net(), data, { ...options, epochs: 200, yieldEveryMs: 0 });
    const it = session[Symbol.asyncIterator]();
    await it.next();
    session.pause();
    expect(session.paused).toBe(true);
    // Drain what was queued before the pause; then nothing more arrives while paused.
    const quiet = () => Promise.race([it.next().then(() => 'event'), new Promise((r) => setTimeout(() => r('quiet'), 80))]);
    let pending: Promise<unknown> = quiet();
    while ((await pending) === 'event') pending = quiet();
    const before = session.position().iterations;
    await new Promise((r) => setTimeout(r, 80));
    session.setLearningRate(0.05);
    session.resume();
    await it.next();
    await it.next();
    expect(session.position().iterations).toBeGreaterThan(before);
    expect(session.learningRate).toBe(0.05);
    session.stop();
    while (!(await it.next()).done);
    expect((await session.result).stopReason).toBe('stopped');
  });

  // Epochs of 4000 one-row batches: the throttle (one batch event per 1e9 ms: only the first passes) holds back
  // thousands of steps inside an epoch, and no epoch ends during the test.
  const long = generate('xor', { samples: 4000, seed: 2 });
  const held = { ...options, epochs: 50, batchSize: 1, yieldEveryMs: 0, batchEventMs: 1e9 };

  test('flush while training: the held-back steps as one batch event at the true position, once', async () => {
    const session = createSession(net(), long, held);
    const it = session[Symbol.asyncIterator]();
    const first = (await it.next()).value as TrainEvent;
    expect(first.type).toBe('batch');
    const next = it.next(); // the session takes in steps (between them a key can flush), passing none on
    await new Promise((r) => setTimeout(r, 100));
    const e = session.flush();
    expect(e).toMatchObject({ type: 'batch', ...session.position() });
    expect(e!.iterations).toBeGreaterThan(first.iterations);
    expect(Number.isFinite(e!.loss) && Number.isFinite(e!.epochLoss)).toBe(true);
    expect(session.flush()).toBeUndefined(); // nothing new held back yet: flushed once
    session.stop();
    await next;
    while (!(await it.next()).done);
  });

  test('paused: every step still arriving is passed on, and the screen can show the step the network is at', async () => {
    const n = net();
    const session = createSession(n, long, held);
    const it = session[Symbol.asyncIterator]();
    await it.next();
    let next = it.next();
    await new Promise((r) => setTimeout(r, 100));
    session.pause();
    const flushed = session.flush(); // what a key press does
    // The steps queued before the pause took hold arrive one event each; then nothing more.
    const events: TrainEvent[] = [];
    for (;;) {
      const got = await Promise.race([next, new Promise<'quiet'>((r) => setTimeout(() => r('quiet'), 300))]);
      if (got === 'quiet') break;
      events.push(got.value as TrainEvent);
      next = it.next();
    }
    const shown = events.at(-1) ?? flushed!;
    expect(shown.iterations).toBe(n.checkpoint().training!.iteration);
    expect(shown.iterations).toBe(session.position().iterations);
    session.stop();
    session.resume();
    await next;
    while (!(await it.next()).done);
  });

  test('divergence stops with the core diagnosis and keeps finite weights', async () => {
    const n = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'linear' }], output: { units: 1, fn: 'linear' }, seed: 3 });
    const plane = generate('plane', { samples: 100, seed: 1 });
    const session = createSession(n, plane, { ...options, learningRate: 1e6 });
    const events = await drain(session);
    const end = events.at(-1)!;
    expect(end).toMatchObject({ type: 'end', stopReason: 'diverged' });
    expect(end.type === 'end' && end.message).toMatch(/finite|diverge/i);
    expect(Array.from(n.flat).every(Number.isFinite)).toBe(true);
  });
});

describe('layer statistics probe', () => {
  const run = async (probeEveryMs?: number) => {
    const session = createSession(net(), data, { ...options, epochs: 5, ...(probeEveryMs !== undefined ? { probeEveryMs } : {}) });
    const events = await drain(session);
    return { session, events };
  };
  test('runs at most once a second by default, and after the last epoch', async () => {
    const { session } = await run();
    // Five tiny epochs take far less than a second: only the final probe.
    expect(session.probes).toBe(1);
  });
  test('runs at every epoch end with probeEveryMs 0, never with Infinity (plain output shows no layer stats)', async () => {
    expect((await run(0)).session.probes).toBe(5);
    const never = await run(Number.POSITIVE_INFINITY);
    expect(never.session.probes).toBe(0);
    // Gradient norms stay live without the probe.
    const last = never.events.filter((e) => e.type === 'epoch').at(-1)!;
    expect(last.type === 'epoch' && last.layers.every((l) => Number.isFinite(l.gradNorm) && l.gradNorm > 0)).toBe(true);
  });

  test('--clip-norm reaches the core: the same weights as fit with clipNorm, and not those without', async () => {
    const clipped = net();
    await drain(createSession(clipped, data, { ...options, clipNorm: 0.05 }));
    const direct = net();
    direct.fit(data, { epochs: options.epochs, batchSize: options.batchSize, learningRate: options.learningRate, seed: options.seed, clipNorm: 0.05 });
    const free = net();
    await drain(createSession(free, data, options));
    expect(Array.from(clipped.flat)).toEqual(Array.from(direct.flat));
    expect(Array.from(clipped.flat)).not.toEqual(Array.from(free.flat));
  });

  test('the CLI trains through the core Dataset path: a session on loadData-style sets is fit(train, { validationData }) bit for bit', async () => {
    const { train, test: validation } = trainTestSplit(generate('spiral', { samples: 120, seed: 2 }), { test: 0.25, seed: 4 });
    const cli = net();
    const session = createSession(cli, train, { ...options, validation });
    await drain(session);
    const direct = net();
    const fit = direct.fit(train, { epochs: options.epochs, batchSize: options.batchSize, learningRate: options.learningRate, seed: options.seed, validationData: validation });
    expect(Array.from(cli.flat)).toEqual(Array.from(direct.flat));
    expect(session.history.valLoss).toEqual(fit.history.valLoss);
    expect(session.history.valLoss).toHaveLength(options.epochs);
    expect(cli.preprocessing?.labels).toEqual(train.task === 'classification' ? train.classNames : undefined);
    expect(cli.preprocessing?.labels).toHaveLength(2);
  });

  test("a divergence's advice names the CLI's flags, not the library's options", () => {
    const core = 'training diverged at epoch 3: the gradient norm exploded: clip it (clipNorm) or lower the learning rate (learningRate 0.5)';
    expect(cliAdvice(core)).toBe('training diverged at epoch 3: the gradient norm exploded: clip it (--clip-norm) or lower the learning rate (--lr 0.5)');
  });

  test("batch events carry the epoch's running mean loss (Keras's progress number); at an epoch's last batch it is the epoch's loss, bit for bit", async () => {
    // 200 rows in batches of 16: the last batch has 8 rows, so an unweighted mean of batch losses would differ.
    const events = await drain(createSession(net(), data, { ...options, batchEventMs: 0 }));
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs).toHaveLength(6);
    for (const epoch of epochs) {
      const i = events.indexOf(epoch);
      const last = events[i - 1]!;
      expect(last).toMatchObject({ type: 'batch', epoch: epoch.epoch - 1, batch: 13 });
      expect(last.type === 'batch' && last.epochLoss).toBe(epoch.loss);
    }
    // Every batch of an epoch: the mean so far, starting afresh with each epoch.
    const firstBatch = events.find((e) => e.type === 'batch' && e.epoch === 1 && e.batch === 1);
    expect(firstBatch?.type === 'batch' && firstBatch.epochLoss).toBe(firstBatch?.type === 'batch' && firstBatch.loss);
  });
});

