import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { loadData } from '../data.js';
import { saveCheckpoint } from '../io/checkpoint.js';
import { createSession } from '../training/session.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { resumeCommand } from './resume.js';
import { networkSpec, trainConfig } from './train-config.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-pytorch-'));
const ckpt = join(dir, 'ck.json');

beforeAll(async () => {
  // A CLI checkpoint mid-run: xor with its validation split, adam, 2 epochs of 25 batches.
  const config = trainConfig({ dataset: 'xor', seed: 0, validation: 0.2, epochs: 6, checkpoint: ckpt });
  const data = await loadData(config.data);
  const net = Network.create(networkSpec(config, data.train));
  const session = createSession(net, data.train, { epochs: 2, batchSize: config.batchSize, learningRate: config.learningRate, seed: 0, optimizer: config.optimizer, validation: data.validation! });
  for await (const _ of session);
  saveCheckpoint(ckpt, net, config);
});

describe('backprop export --format pytorch / backprop import DIR', () => {
  test('writes the folder with the data set, and imports it back to the same checkpoint', async () => {
    const out = join(dir, 'run');
    const rt = fakeRuntime();
    expect(await exportCommand(ckpt, { format: 'pytorch', out }, rt)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'X.npy', 'Xval.npy', 'Y.npy', 'Yval.npy', 'model.safetensors', 'optimizer.safetensors', 'train.py', 'training.json']);
    expect(rt.out()).toMatch(/epoch 2, step 50, adam → wrote .*run/);
    const back = join(dir, 'back.json');
    expect(await importCommand(out, { out: back }, fakeRuntime())).toBe(0);
    const original = JSON.parse(readFileSync(ckpt, 'utf8'));
    const imported = JSON.parse(readFileSync(back, 'utf8'));
    expect(imported.model).toEqual(original.model);
    expect(imported.config).toEqual({ ...original.config, checkpoint: back });
  });

  test('refuses a non-empty --out, --dtype, and a model without training state', async () => {
    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    await expect(exportCommand(ckpt, { format: 'pytorch', out: full }, fakeRuntime())).rejects.toThrow(/not an empty folder/);
    expect(readdirSync(full)).toEqual(['keep.txt']);
    await expect(exportCommand(ckpt, { format: 'pytorch', out: join(dir, 'x'), dtype: 'float32' }, fakeRuntime())).rejects.toThrow(/--dtype/);
    const model = join(dir, 'model.json');
    writeFileSync(model, JSON.stringify(Network.create({ inputs: 2, output: { units: 1, fn: 'logistic' } }).toJSON()));
    await expect(exportCommand(model, { format: 'pytorch', out: join(dir, 'y') }, fakeRuntime())).rejects.toThrow(/no training state/);
  });

  test('a bad folder is one line naming it, and no checkpoint is written', async () => {
    const out = join(dir, 'bad');
    expect(await exportCommand(ckpt, { format: 'pytorch', out }, fakeRuntime())).toBe(0);
    const target = join(dir, 'never.json');
    const bytes = readFileSync(join(out, 'optimizer.safetensors'));
    bytes.writeDoubleLE(Number.NaN, bytes.length - 8); // the last value of the last tensor
    writeFileSync(join(out, 'optimizer.safetensors'), bytes);
    await expect(importCommand(out, { out: target }, fakeRuntime())).rejects.toThrow(/bad: not a usable training folder: .*finite/);
    rmSync(join(out, 'model.safetensors'));
    await expect(importCommand(out, { out: target }, fakeRuntime())).rejects.toThrow(/model\.safetensors is missing/);
    expect(existsSync(target)).toBe(false);
  });

  test('PyTorch trains 30 steps, the checkpoint comes back, and backprop resume finishes the run', async () => {
    const out = join(dir, 'torch');
    expect(await exportCommand(ckpt, { format: 'pytorch', out }, fakeRuntime())).toBe(0);
    execFileSync('/usr/bin/python3', [join(out, 'train.py'), '--steps', '30', '--threads', '1'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const back = join(dir, 'from-torch.json');
    const rt = fakeRuntime();
    expect(await importCommand(out, { out: back }, rt)).toBe(0);
    expect(rt.out()).toMatch(/epoch 3, step 80 → wrote .*backprop resume/);
    // train.py evaluated the validation split after its epoch, as the CLI's run does: the history has no gap.
    const history = JSON.parse(readFileSync(back, 'utf8')).model.training.history;
    expect(history.valLoss).toHaveLength(3);
    expect(history.valAccuracy).toHaveLength(3);
    const resumed = fakeRuntime();
    expect(await resumeCommand(back, { json: true }, resumed)).toBe(0);
    const epochs = resumed.out().trim().split('\n').map((l) => JSON.parse(l)).filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([4, 5, 6]);
  });

  test('the continue command it prints works here: a python3 first on PATH without torch is not the one named', async () => {
    // As on this machine: a pyenv/venv python3 (and python) without torch comes first on PATH; the system's has it.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const name of ['python3', 'python']) {
      writeFileSync(join(bin, name), "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'torch'\" >&2\nexit 1\n");
      chmodSync(join(bin, name), 0o755);
    }
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    const out = join(dir, 'printed');
    const rt = fakeRuntime();
    try {
      expect(await exportCommand(ckpt, { format: 'pytorch', out }, rt)).toBe(0);
    } finally {
      process.env.PATH = path;
    }
    const line = /^continue: +(.*)$/m.exec(rt.out())?.[1] ?? '';
    expect(line).toMatch(/^cd \S+printed && \/usr\/bin\/python3 train\.py --processes 2 {3}\(the Python here with PyTorch 1\.\d+/);
    // The command as printed (one process, 3 steps instead of two processes to the end) trains and writes back.
    const command = line.replace(/ {3}\(.*$/, '').replace('--processes 2', '--steps 3 --threads 1');
    execFileSync('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, PATH: `${bin}:${path}` } });
    expect(JSON.parse(readFileSync(join(out, 'training.json'), 'utf8')).training.iteration).toBe(53);
  });

  test('a finished run: the continue command sets a later end with --epochs (train.py would have nothing to train), and it trains there', async () => {
    const { trainCommand } = await import('./train.js');
    const done = join(dir, 'done.json');
    expect(await trainCommand({ dataset: 'xor', seed: 0, samples: 60, epochs: 2, checkpoint: done }, fakeRuntime())).toBe(0);
    const out = join(dir, 'done-run');
    const rt = fakeRuntime();
    expect(await exportCommand(done, { format: 'pytorch', out }, rt)).toBe(0);
    const line = /^continue: +(.*)$/m.exec(rt.out())?.[1] ?? '';
    expect(line).toMatch(/ train\.py --epochs 4 --processes 2 {3}\((the Python here with PyTorch [^;]+; )?its 2 epochs are done: --epochs sets the new end\)$/);
    const command = line.replace(/ {3}\(.*$/, '').replace('--processes 2', '--threads 1'); // the Python it names, as printed
    execFileSync('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
    expect(JSON.parse(readFileSync(join(out, 'training.json'), 'utf8')).training.epoch).toBe(4);
  });
});
