import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { loadData } from '../data.js';
import { CHECKPOINT_HISTORY, saveCheckpoint } from '../io/checkpoint.js';
import { createSession } from '../training/session.js';
import { resumeCommand } from './resume.js';
import { networkSpec, trainConfig } from './train-config.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-resume-'));

async function checkpointAt(epochs: number, name: string): Promise<string> {
  const path = join(dir, name);
  const config = trainConfig({ dataset: 'xor', seed: 0, validation: 0.2, epochs, checkpoint: path, samples: 40, batchSize: 40 });
  const data = await loadData(config.data);
  const net = Network.create(networkSpec(config, data.train));
  const session = createSession(net, data.train, { epochs, batchSize: config.batchSize, learningRate: config.learningRate, seed: 0, optimizer: config.optimizer });
  for await (const _ of session);
  saveCheckpoint(path, net, config);
  return path;
}

test('resume --epochs at or below the epochs done is refused with the number that would work (exit 2)', async () => {
  const ckpt = await checkpointAt(30, 'a.json');
  const rt = fakeRuntime();
  const error = await resumeCommand(ckpt, { epochs: 10 }, rt).catch((e: unknown) => e);
  expect(error).toMatchObject({ exitCode: 2, message: `--epochs 10: ${ckpt} has already trained 30 epochs, and --epochs counts all epochs; for 10 more, pass --epochs 40` });
  expect(rt.out()).toBe('');
});

test('resume of a finished checkpoint without --epochs explains instead of reporting success', async () => {
  const ckpt = await checkpointAt(5, 'b.json');
  await expect(resumeCommand(ckpt, {}, fakeRuntime())).rejects.toThrow(`${ckpt}: training already finished (5 of 5 epochs); to go on, pass --epochs with a larger total, e.g. --epochs 10`);
  const rt = fakeRuntime();
  expect(await resumeCommand(ckpt, { epochs: 7, json: true }, rt)).toBe(0);
  expect(rt.out().split('\n').filter((l) => l.includes('"type":"epoch"'))).toHaveLength(2);
});

test(`a checkpoint keeps the last ${CHECKPOINT_HISTORY} epochs of history, not all of them`, async () => {
  const ckpt = await checkpointAt(CHECKPOINT_HISTORY + 200, 'c.json');
  const saved = JSON.parse(readFileSync(ckpt, 'utf8'));
  expect(saved.model.training.epoch).toBe(CHECKPOINT_HISTORY + 200);
  expect(saved.model.training.history.loss).toHaveLength(CHECKPOINT_HISTORY);
  const rt = fakeRuntime();
  expect(await resumeCommand(ckpt, { epochs: CHECKPOINT_HISTORY + 202, json: true }, rt)).toBe(0);
  expect(rt.out()).toContain(`"epoch":${CHECKPOINT_HISTORY + 202}`);
});

test('--checkpoint-every N writes the checkpoint every N epochs; resume picks it up', async () => {
  const { trainCommand } = await import('./train.js');
  const ckpt = join(dir, 'every.json');
  const rt = fakeRuntime();
  expect(await trainCommand({ dataset: 'xor', seed: 0, validation: 0.2, epochs: 7, checkpoint: ckpt, checkpointEvery: 3 }, rt)).toBe(0);
  const notes = rt.err().match(/checkpoint saved to .* \(at epoch (\d+)\)/g) ?? [];
  expect(notes).toHaveLength(2);
  expect(notes[1]).toMatch(new RegExp(`^checkpoint saved to ${ckpt} \\(at epoch [67]\\)$`));
  // And at the end (epoch 7 is not a multiple of 3): nothing trained is lost.
  expect(rt.out()).toContain(`checkpoint saved to ${ckpt} (at epoch 7)`);
  expect(JSON.parse(readFileSync(ckpt, 'utf8')).model.training.epoch).toBe(7);
  const more = fakeRuntime();
  expect(await resumeCommand(ckpt, { json: true, epochs: 9 }, more)).toBe(0);
  expect(more.out().split('\n').filter((l) => l.includes('"type":"epoch"'))).toHaveLength(2);
});

test('without the dashboard (no s key) a named checkpoint is written at the end: train --checkpoint, and resume updates its checkpoint', async () => {
  const { trainCommand } = await import('./train.js');
  const ckpt = join(dir, 'named.json');
  const rt = fakeRuntime();
  expect(await trainCommand({ dataset: 'xor', seed: 0, validation: 0.2, epochs: 3, checkpoint: ckpt }, rt)).toBe(0);
  expect(rt.out()).toContain(`checkpoint saved to ${ckpt} (at epoch 3)`);
  expect(JSON.parse(readFileSync(ckpt, 'utf8')).model.training.epoch).toBe(3);
  // resume: the epochs it trains go back into the checkpoint it continued (as 's' would write them).
  const more = fakeRuntime();
  expect(await resumeCommand(ckpt, { epochs: 5 }, more)).toBe(0);
  expect(more.out()).toContain(`checkpoint saved to ${ckpt} (replaced the earlier file) (at epoch 5)`);
  expect(JSON.parse(readFileSync(ckpt, 'utf8')).model.training.epoch).toBe(5);
  // --json says so as an event.
  const json = fakeRuntime();
  expect(await resumeCommand(ckpt, { epochs: 6, json: true }, json)).toBe(0);
  const events = json.out().trim().split('\n').map((l) => JSON.parse(l));
  expect(events.at(-1)).toEqual({ type: 'checkpoint', path: ckpt });
  expect(JSON.parse(readFileSync(ckpt, 'utf8')).model.training.epoch).toBe(6);
  // A checkpoint --checkpoint-every has just written at the last epoch is not written (nor said) twice.
  const every = fakeRuntime();
  expect(await resumeCommand(ckpt, { epochs: 8, checkpointEvery: 2 }, every)).toBe(0);
  expect(every.err()).toContain(`checkpoint saved to ${ckpt} (replaced the earlier file) (at epoch 8)`);
  expect(every.out()).not.toContain('checkpoint saved');
});

test('a run that names no checkpoint writes none (the default name is only for the s key)', async () => {
  const { trainCommand } = await import('./train.js');
  const here = mkdtempSync(join(tmpdir(), 'backprop-nockpt-'));
  const cwd = process.cwd();
  process.chdir(here);
  try {
    const rt = fakeRuntime();
    expect(await trainCommand({ dataset: 'xor', seed: 0, epochs: 2 }, rt)).toBe(0);
    expect(rt.out()).not.toContain('checkpoint saved');
    expect(readdirSync(here)).toEqual([]);
  } finally {
    process.chdir(cwd);
  }
});

test('a checkpoint whose model records no data set (imported from a PyTorch run, or written by the library): the model resume saves records its config’s', async () => {
  const ckpt = await checkpointAt(3, 'c.json');
  expect(JSON.parse(readFileSync(ckpt, 'utf8')).model.metadata).toBeUndefined();
  const model = join(dir, 'c-model.json');
  expect(await resumeCommand(ckpt, { epochs: 4, json: true, save: model }, fakeRuntime())).toBe(0);
  expect(JSON.parse(readFileSync(model, 'utf8')).metadata).toEqual({ dataset: 'xor', seed: 0, validation: 0.2, samples: 40 });
});
