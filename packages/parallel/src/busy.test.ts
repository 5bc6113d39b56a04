import { Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { bits, problem, spec } from './testing/problem.js';
import { openTrainers } from './testing/trainers.js';

// One training at a time per network, across core and this package: a parallel fit or session holds the
// network as core's fit / train / steps do (core's acquireTraining), so neither steps a θ the other is stepping.

const { X, labels } = problem();
const busy = (holder: string, argument: string) => expect.objectContaining({ code: 'busy', argument, actual: `one still training in ${holder}` });

describe('a network trains in one place at a time', () => {
  const trainers = openTrainers();

  test('trainer.fit and trainer.rowGradient refuse a network a core session is training, and leave it alone', async () => {
    const net = Network.create(spec);
    const session = net.train(X, labels, { epochs: 2 });
    const it = session[Symbol.asyncIterator]();
    await it.next(); // the session has started and yielded
    const before = bits(net);
    await expect(trainers.two.fit(net, X, labels, { epochs: 1 })).rejects.toEqual(busy('net.train', 'trainer.fit'));
    await expect(trainers.two.rowGradient(net, X, labels)).rejects.toEqual(busy('net.train', 'trainer.rowGradient'));
    expect(bits(net)).toEqual(before);
    while (!(await it.next()).done);
    expect((await session.result).stopReason).toBe('epochs');
    // The refusals held nothing: the trainer and the network are free again.
    await expect(trainers.two.fit(net, X, labels, { epochs: 1 })).resolves.toMatchObject({ epochs: 1 });
  });

  test("core's fit during a trainer.fit throws busy naming it; afterwards, succeeded or failed, the network is free", async () => {
    const net = Network.create(spec);
    const run = trainers.one.fit(net, X, labels, { epochs: 1 });
    await Promise.resolve(); // the fit has started (validated its input and taken the network)
    expect(() => net.fit(X, labels, { epochs: 1 })).toThrow(busy('trainer.fit', 'net.fit'));
    expect(() => net.train(X, labels, { epochs: 1 })).toThrow(busy('trainer.fit', 'net.train'));
    await run;
    expect(net.fit(X, labels, { epochs: 1 }).stopReason).toBe('epochs');
    await expect(trainers.two.fit(net, X, labels, { epochs: 2, batchSize: 300, learningRate: 1e30 })).rejects.toMatchObject({ code: 'diverged' });
    expect(net.fit(X, labels, { epochs: 1, reset: true }).stopReason).toBe('epochs');
  });

  test('two trainers fitting one network: the second is refused, the first trains', async () => {
    const net = Network.create(spec);
    const first = trainers.one.fit(net, X, labels, { epochs: 1 });
    const second = trainers.two.fit(net, X, labels, { epochs: 1 });
    await expect(second).rejects.toEqual(busy('trainer.fit', 'trainer.fit'));
    await expect(first).resolves.toMatchObject({ epochs: 1 });
  });

  test('a rowGradient session holds the network until it closes', async () => {
    const net = Network.create(spec);
    const g = await trainers.two.rowGradient(net, X, labels);
    expect(() => net.fit(X, labels, { epochs: 1 })).toThrow(busy('trainer.rowGradient', 'net.fit'));
    await expect(trainers.one.fit(net, X, labels, { epochs: 1 })).rejects.toEqual(busy('trainer.rowGradient', 'trainer.fit'));
    g.compute([0, 1, 2, 3], new Float32Array(net.flat.length)); // the session itself goes on
    await g.close();
    expect(net.fit(X, labels, { epochs: 1 }).stopReason).toBe('epochs');
    // A session refused for its data holds nothing.
    await expect(trainers.two.rowGradient(net, X, labels.subarray(1))).rejects.toMatchObject({ code: 'shape_mismatch' });
    expect(net.fit(X, labels, { epochs: 1 }).stopReason).toBe('epochs');
  });
});
