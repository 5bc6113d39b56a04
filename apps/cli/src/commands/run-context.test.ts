import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Network } from '@backprop/core';
import { expect, test } from 'vitest';
import { loadData } from '../data.js';
import { createSession } from '../training/session.js';
import { createRunContext } from './run-context.js';
import { networkSpec, trainConfig } from './train-config.js';

// Files the dashboard's keys write ('s': a checkpoint; the model at the end) are named in full, and a
// file that was there before the run is never replaced silently.
async function context(extra: Record<string, unknown>, named: { checkpoint?: boolean } = {}) {
  const config = trainConfig({ dataset: 'xor', epochs: 1, ...extra });
  const data = await loadData(config.data);
  const net = Network.create(networkSpec(config, data.train));
  const session = createSession(net, data.train, { epochs: 1, batchSize: config.batchSize, learningRate: config.learningRate, seed: 0 });
  for await (const _ of session);
  return createRunContext(session, net, data, config, { checkpointNamed: named.checkpoint ?? false });
}

test("'s' with the default name: the full path; an existing checkpoint.json is kept and the run writes checkpoint-1.json", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-ctx-'));
  const theirs = join(dir, 'checkpoint.json');
  writeFileSync(theirs, 'an earlier run\n');
  // A relative name (the default is relative to the working directory) is reported in full.
  const ctx = await context({ checkpoint: relative(process.cwd(), theirs) });
  const said = ctx.checkpoint();
  const ours = join(dir, 'checkpoint-1.json');
  expect(said).toBe(`${ours} (checkpoint.json was already there; kept it)`);
  expect(readFileSync(theirs, 'utf8')).toBe('an earlier run\n');
  expect(JSON.parse(readFileSync(ours, 'utf8')).format).toBe('backprop-checkpoint');
  // Pressed again: the run's own checkpoint is brought up to date, no third file.
  expect(ctx.checkpoint()).toBe(ours);
  expect(readdirSync(dir).sort()).toEqual(['checkpoint-1.json', 'checkpoint.json']);
});

test('without an earlier file the default name is used, reported as a full path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-ctx-'));
  const ctx = await context({ checkpoint: relative(process.cwd(), join(dir, 'checkpoint.json')) });
  expect(ctx.checkpoint()).toBe(join(dir, 'checkpoint.json'));
});

test('a name the user gave (--checkpoint, resume) is written, and replacing an earlier file is said once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-ctx-'));
  const path = join(dir, 'ck.json');
  writeFileSync(path, 'old\n');
  const ctx = await context({ checkpoint: path }, { checkpoint: true });
  expect(ctx.checkpoint()).toBe(`${path} (replaced the earlier file)`);
  expect(ctx.checkpoint()).toBe(path);
  expect(readdirSync(dir)).toEqual(['ck.json']);
});

test('the model without --save: model.json, or model-1.json when model.json exists; the question names it before writing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-ctx-'));
  writeFileSync(join(dir, 'model.json'), 'keep me\n');
  writeFileSync(join(dir, 'model-1.json'), 'and me\n');
  const cwd = process.cwd();
  const ctx = await context({});
  process.chdir(dir);
  try {
    expect(ctx.modelPath).toBe(join(dir, 'model-2.json'));
    expect(ctx.save()).toBe(`${join(dir, 'model-2.json')} (model.json was already there; kept it)`);
  } finally {
    process.chdir(cwd);
  }
  expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe('keep me\n');
  expect(Network.fromJSON(readFileSync(join(dir, 'model-2.json'), 'utf8')).inputs).toBe(2);
});

test('a batch size above the training rows is shown as what is used: every row, one step per epoch', async () => {
  const ctx = await context({ batchSize: 99999999 });
  expect(ctx.title).toContain('batch 400 (all rows)');
  expect(ctx.title).not.toContain('99999999');
  expect(ctx.titleParts(0.01)).toContain('batch 400 (all rows)');
  expect((await context({ batchSize: 16 })).title).toContain('batch 16 ·');
});
