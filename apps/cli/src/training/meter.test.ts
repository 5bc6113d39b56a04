import { Network } from '@backprop/core';
import { generate } from '@backprop/datasets';
import { expect, test } from 'vitest';
import { createMeter, throughputLine } from './meter.js';
import { createSession } from './session.js';

test('the window runs from the end of the first step to the end of the last; frames count only inside it', () => {
  const meter = createMeter();
  meter.frame(50); // before training: start-up, not counted
  meter.step(32);
  meter.step(32);
  meter.frame(5);
  meter.step(16);
  expect(meter.throughput()).toBeUndefined(); // not ended yet
  meter.end();
  meter.frame(70); // the final frame: not counted
  const t = meter.throughput()!;
  expect(t).toMatchObject({ steps: 2, samples: 48, frames: 1, frameMs: 5 });
  expect(t.samplesPerSecond).toBeCloseTo(48 / t.wallSeconds);
});

test("the report line is what scripts/measure-overhead.sh parses", () => {
  const line = throughputLine({ steps: 9, samples: 1000, wallSeconds: 2, cpuSeconds: 2.5, systemSeconds: 0.1, samplesPerSecond: 500, samplesPerCpuSecond: 400, frames: 2, frameMs: 40 });
  const parsed = line.replace(/.* ([0-9]+) samples\/s, ([0-9]+) samples\/cpu-s(; [0-9]+ frames, [0-9]+ ms = ([0-9.]+)%)?.*/, '$1 $2 $4');
  expect(parsed).toBe('500 400 2.00');
});

test('a session tells the meter about every step', async () => {
  const data = generate('xor', { samples: 64, seed: 1 });
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });
  const meter = createMeter();
  const session = createSession(net, data, { epochs: 3, batchSize: 16, learningRate: 0.1, seed: 1, meter });
  for await (const _ of session);
  expect(meter.throughput()).toMatchObject({ steps: 3 * 4 - 1, samples: (3 * 4 - 1) * 16 });
});
