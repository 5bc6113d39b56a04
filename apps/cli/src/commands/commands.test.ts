import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { CliError } from '../errors.js';
import { evalCommand } from './eval.js';
import { gradcheckCommand } from './gradcheck.js';
import { inspectCommand } from './inspect.js';
import { predictCommand } from './predict.js';
import { resumeCommand } from './resume.js';
import { trainCommand } from './train.js';
import { networkSpec, trainConfig } from './train-config.js';
import { loadData } from '../data.js';
import { saveCheckpoint } from '../io/checkpoint.js';
import { createSession } from '../training/session.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-cmd-'));
const model = join(dir, 'xor.json');
const flags = (extra: Record<string, unknown> = {}) => ({ dataset: 'xor', seed: 0, validation: 0.2, ...extra });

beforeAll(async () => {
  const rt = fakeRuntime();
  expect(await trainCommand(flags({ epochs: 40, save: model }), rt)).toBe(0);
});

describe('train (non-TTY)', () => {
  test('plain lines: a header, one line per epoch, the stop reason, no ANSI', async () => {
    const rt = fakeRuntime();
    expect(await trainCommand(flags({ epochs: 3 }), rt)).toBe(0);
    const out = rt.out();
    expect(out).toMatch(/^training xor \(400 train, 100 validation\)/);
    expect(out.match(/^epoch \d+\/3 /gm)).toHaveLength(3);
    expect(out).toMatch(/done: 3 epochs, .*\(all epochs done\) {2}epoch 3: loss /);
    // The learning rate as typed (adam 0.01 is the toy default), not padded to 4 digits.
    expect(out).toMatch(/^epoch 1\/3 .* lr 0\.01 /m);
    expect(out).toMatch(/^training .* adam lr 0\.01 · /m);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting there is no ANSI escape
    expect(out).not.toMatch(/\u001b/);
  });

  test('--patience without a validation set is refused (early stopping watches the validation loss), not ignored', async () => {
    const error = await trainCommand(flags({ epochs: 5, patience: 3, validation: 0 }), fakeRuntime()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(/^--patience 3: .*no validation set.*--validation 0\.2/);
  });

  test('--json: one JSON object per line, start … epoch … end', async () => {
    const rt = fakeRuntime();
    expect(await trainCommand(flags({ epochs: 2, json: true }), rt)).toBe(0);
    const events = rt.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(events[0].type).toBe('start');
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'end', stopReason: 'epochs' });
  });
});

test('eval prints loss, accuracy, per-class rates and the confusion matrix', async () => {
  const rt = fakeRuntime();
  expect(await evalCommand(model, flags(), rt)).toBe(0);
  const out = rt.out();
  expect(out).toMatch(/accuracy \d+\.\d\d%/);
  expect(out).toContain('precision');
  expect(out).toContain('true \\ pred');
  const json = fakeRuntime();
  await evalCommand(model, flags({ json: true }), json);
  const parsed = JSON.parse(json.out());
  expect(parsed.classification.accuracy).toBeGreaterThan(0.8);
  expect(parsed.classification.confusion).toHaveLength(2);
});

test('inspect shows the architecture and weight statistics', async () => {
  const rt = fakeRuntime();
  expect(await inspectCommand(model, {}, rt)).toBe(0);
  expect(rt.out()).toContain('2-16-16-2 tanh/softmax');
  expect(rt.out()).toMatch(/1\s+16×2\s+tanh\s+48/);
  // What train recorded in the file: the data set, seed and split (eval without -d uses them).
  expect(rt.out()).toContain('trained on: xor · seed 0 · validation 0.2');
  const json = fakeRuntime();
  await inspectCommand(model, { json: true }, json);
  expect(JSON.parse(json.out()).metadata).toEqual({ dataset: 'xor', seed: 0, validation: 0.2 });
});

test('predict reads CSV or JSON lines and writes classes and probabilities', async () => {
  const rt = fakeRuntime('x1,x2\n0.5,0.5\n[-3,2]\n\n{"x2": -1, "x1": 1}\n');
  expect(await predictCommand(model, undefined, {}, rt)).toBe(0);
  const lines = rt.out().trim().split('\n');
  expect(lines[0]).toBe('class,p_negative,p_positive');
  expect(lines).toHaveLength(4);
  for (const line of lines.slice(1)) expect(line).toMatch(/^(negative|positive),[\d.e-]+,[\d.e-]+$/);
  const json = fakeRuntime('[0.5,0.5]\n');
  await predictCommand(model, undefined, { json: true }, json);
  expect(JSON.parse(json.out())).toMatchObject({ class: expect.stringMatching(/^(negative|positive)$/), probabilities: [expect.any(Number), expect.any(Number)] });
});

test('predict names the bad line', async () => {
  const rt = fakeRuntime('1,2\n1,2,3\n');
  await expect(predictCommand(model, undefined, {}, rt)).rejects.toThrow('stdin line 2: expected 2 columns (the model\'s inputs), got 3');
});

test('gradcheck passes on a fresh network and on a saved model (exit 0), and reports per tensor', async () => {
  const rt = fakeRuntime();
  expect(await gradcheckCommand(undefined, { inputs: 3, outputs: 2, batch: 4, seed: 0, layers: [4], activation: 'tanh' }, rt)).toBe(0);
  expect(rt.out()).toContain('W1');
  expect(rt.out()).toContain('gradients OK');
  const saved = fakeRuntime();
  expect(await gradcheckCommand(model, { batch: 4, seed: 0, mode: 'sampled' }, saved)).toBe(0);
});

test('resume continues a checkpoint to the target epoch; a corrupt checkpoint names the file', async () => {
  const ckpt = join(dir, 'ckpt.json');
  const config = trainConfig(flags({ epochs: 2, checkpoint: ckpt }));
  const data = await loadData(config.data);
  const net = Network.create(networkSpec(config, data.train));
  const session = createSession(net, data.train, { epochs: 2, batchSize: config.batchSize, learningRate: config.learningRate, seed: 0, optimizer: config.optimizer });
  for await (const _ of session);
  saveCheckpoint(ckpt, net, config);
  // The data set's class names went in with it (one Dataset path: core's fit takes what loadData returns).
  expect(net.preprocessing?.labels).toEqual(data.train.task === 'classification' ? data.train.classNames : undefined);
  // --epochs is the total: at or below the checkpoint's epoch there is nothing to do, and it says so.
  await expect(resumeCommand(ckpt, { epochs: 2, json: true }, fakeRuntime())).rejects.toThrow(/^--epochs 2: .* has already trained 2 epochs, and --epochs counts all epochs; for 2 more, pass --epochs 4$/);
  const rt = fakeRuntime();
  expect(await resumeCommand(ckpt, { epochs: 4, json: true }, rt)).toBe(0);
  const epochs = rt.out().trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'epoch');
  expect(epochs.map((e) => e.epoch)).toEqual([3, 4]);
  writeFileSync(ckpt, 'not json');
  await expect(resumeCommand(ckpt, {}, fakeRuntime())).rejects.toThrow(`${ckpt}: not valid JSON`);
  writeFileSync(ckpt, JSON.stringify(net.toJSON()));
  await expect(resumeCommand(ckpt, {}, fakeRuntime())).rejects.toThrow('not a checkpoint');
});
