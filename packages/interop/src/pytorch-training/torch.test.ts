// train.py against the core, in real PyTorch (Debian's python3-torch; the test setup installs it).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type FitOptions, Network, type OptimizerConfig, type ScheduleConfig } from '@backprop/core';
import { afterAll, describe, expect, test } from 'vitest';
import { toPytorchTraining } from './export.js';
import { fromPytorchTraining } from './import.js';
import { PYTHON, fitLosses, loggedLosses, readFolder, relativeDiff, runTrainPy, tempRoot, tinyData, tinyNet, writeFolder } from './testing.js';

const { X, y } = tinyData();
const K = 7; // steps per leg: 22 rows in batches of 6 → 4 batches per epoch, so legs end mid-epoch and cross epochs

interface Case {
  readonly optimizer: OptimizerConfig;
  readonly schedule: ScheduleConfig;
  readonly extra?: Pick<FitOptions, 'regularization' | 'clipValue' | 'clipNorm' | 'shuffle' | 'earlyStopping'>;
  /** With a validation set (evaluated by train.py after each epoch; plateau and early stopping then watch val-loss). */
  readonly validation?: boolean;
}
const VAL = (() => {
  const v = tinyData(9, 6);
  return { X: v.X, Y: v.y };
})();

// Every optimizer, every schedule (each optimizer paired with one; the schedules cycle), and L1 / L2 / clipping.
const CASES: Case[] = [
  { optimizer: { name: 'sgd' }, schedule: { name: 'step', every: 1, factor: 0.5 }, extra: { regularization: { l1: 1e-3, l2: 1e-2 } } },
  { optimizer: { name: 'momentum', momentum: 0.8 }, schedule: { name: 'exponential', factor: 0.7 }, extra: { clipValue: 0.05 } },
  { optimizer: { name: 'nesterov' }, schedule: { name: 'cosine', period: 3 }, extra: { clipNorm: 0.1 } },
  { optimizer: { name: 'adagrad' }, schedule: { name: 'cosine', period: 2, restarts: true, periodMultiplier: 2, minLearningRate: 0.01 } },
  { optimizer: { name: 'rmsprop', rho: 0.8 }, schedule: { name: 'plateau', patience: 1, factor: 0.5, minDelta: 10 }, extra: { clipValue: 0.3, clipNorm: 0.2 } },
  { optimizer: { name: 'adam' }, schedule: { name: 'constant' }, extra: { regularization: { l2: 1e-3, layers: [{ l1: 1e-3 }] } } },
  { optimizer: { name: 'adamw', weightDecay: 0.1 }, schedule: { name: 'step', every: 2 }, extra: { shuffle: false } },
  // A validation set: plateau watches val-loss, early stopping's bookkeeping (best, wait, best weights) crosses both ways.
  { optimizer: { name: 'momentum' }, schedule: { name: 'plateau', patience: 1, factor: 0.5 }, extra: { earlyStopping: { patience: 3 } }, validation: true },
  // Early stopping that ends the run inside train.py (epoch 2, step 8), which then puts back epoch 1's weights.
  { optimizer: { name: 'adam' }, schedule: { name: 'constant' }, extra: { earlyStopping: { patience: 1, minDelta: 10 } }, validation: true },
];

/** The core's history after 2k steps (per-epoch losses, accuracies, validation, rates): train.py must have kept it identically. */
function at2KHistory(options: FitOptions) {
  const net = tinyNet();
  net.fit(X, y, { ...options, maxIterations: 2 * K });
  const h = net.checkpoint().training!.history;
  return { ...h, loss: close(h.loss), valLoss: close(h.valLoss), learningRate: close(h.learningRate) };
}
const close = (xs: readonly number[]) => xs.map((x) => expect.closeTo(x, 12));

const root = tempRoot('backprop-pytorch-training-');
const worst = new Map<string, number>();
afterAll(() => {
  // The figures for the closing note: worst relative difference per optimizer over weights and per-step losses.
  console.log(`worst relative difference per optimizer: ${[...worst].map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}`);
});

describe('backprop k steps → train.py k steps → backprop k steps equals 3k steps in backprop (float64)', () => {
  const setups = CASES.map((c, i) => {
    const val = c.validation ? { validationData: VAL } : {};
    const options: FitOptions = { epochs: 10, batchSize: 6, learningRate: c.optimizer.name.startsWith('ada') || c.optimizer.name === 'rmsprop' ? 0.05 : 0.3, optimizer: c.optimizer, schedule: c.schedule, seed: 11, ...c.extra, ...val };
    const reference = tinyNet();
    const referenceLosses = fitLosses(reference, X, y, { ...options, maxIterations: 3 * K });
    const atK = tinyNet();
    atK.fit(X, y, { ...options, maxIterations: K });
    const files = toPytorchTraining(atK.checkpoint(), { ...c.extra, epochs: 10, schedule: c.schedule, data: { X, Y: y }, ...val });
    const dir = writeFolder(root, `case-${i}-${c.optimizer.name}`, files);
    return { c, options, reference, referenceLosses, dir, val };
  });
  const statuses = runTrainPy(setups.map((s) => ({ dir: s.dir, args: ['--steps', String(K), '--log', join(s.dir, 'steps.ndjson')] })));

  test.each(setups.map((s, i) => [`${s.c.optimizer.name} + ${s.c.schedule.name}${s.c.validation ? ' + validation, early stopping' : ''}`, i] as const))('%s', (_, i) => {
    const s = setups[i]!;
    expect(statuses[i]).toBe('0');
    // Where the reference stopped (early stopping may end it before 3k steps): the legs take what it took.
    const total = s.referenceLosses.length;
    const torchLosses = loggedLosses(join(s.dir, 'steps.ndjson'));
    expect(torchLosses).toHaveLength(Math.min(K, total - K));
    const { checkpoint, fitOptions } = fromPytorchTraining(readFolder(s.dir));
    expect(checkpoint.training!.iteration).toBe(Math.min(2 * K, total));
    expect(checkpoint.training!.history).toEqual(at2KHistory(s.options));
    // The reference at 2k steps, for the weights PyTorch wrote.
    const at2K = tinyNet();
    at2K.fit(X, y, { ...s.options, maxIterations: 2 * K });
    const back = Network.fromJSON(checkpoint);
    const weightsDiff = relativeDiff(back.flat, at2K.flat);
    const lossesDiff = relativeDiff(torchLosses, s.referenceLosses.slice(K, 2 * K));
    // And back: the core continues from PyTorch's state for k more steps (unless the run ended in PyTorch).
    let resumedDiff = 0;
    if (total > 2 * K) {
      const resumedLosses = fitLosses(back, X, y, { ...fitOptions, learningRate: s.options.learningRate!, optimizer: s.c.optimizer, seed: 11, resume: true, maxIterations: K, ...s.val });
      expect(resumedLosses).toHaveLength(total - 2 * K);
      resumedDiff = Math.max(relativeDiff(back.flat, s.reference.flat), relativeDiff(resumedLosses, s.referenceLosses.slice(2 * K)));
    }
    const w = Math.max(weightsDiff, lossesDiff, resumedDiff);
    worst.set(s.c.optimizer.name, Math.max(worst.get(s.c.optimizer.name) ?? 0, w));
    expect(weightsDiff).toBeLessThan(1e-9);
    expect(lossesDiff).toBeLessThan(1e-9);
    expect(resumedDiff).toBeLessThan(1e-9);
  });
});

describe('DistributedDataParallel: train.py --processes 2 (gloo) equals one process', () => {
  test('same weights to 1e-6 on the same global batches (23 rows in batches of 6: the last one splits 3 / 2)', () => {
    const data = tinyData(23, 9);
    const net = tinyNet(4);
    const options: FitOptions = { epochs: 4, batchSize: 6, optimizer: 'adam', learningRate: 0.05, regularization: { l2: 1e-3 } };
    net.fit(data.X, data.y, { ...options, maxIterations: 3 });
    const files = toPytorchTraining(net.checkpoint(), { epochs: 4, regularization: { l2: 1e-3 }, data: { X: data.X, Y: data.y } });
    const one = writeFolder(root, 'ddp-1', files);
    const two = writeFolder(root, 'ddp-2', files);
    runTrainPy([{ dir: one, args: ['--log', join(one, 'steps.ndjson')] }]);
    execFileSync(PYTHON, [join(two, 'train.py'), '--processes', '2', '--threads', '1', '--log', join(two, 'steps.ndjson')], { stdio: ['ignore', 'ignore', 'inherit'] });
    const a = Network.fromJSON(fromPytorchTraining(readFolder(one)).checkpoint);
    const b = Network.fromJSON(fromPytorchTraining(readFolder(two)).checkpoint);
    const reference = tinyNet(4);
    reference.fit(data.X, data.y, options);
    const ddp = relativeDiff(b.flat, a.flat);
    console.log(`DDP 2 processes vs 1: worst relative weight difference ${ddp.toExponential(1)} after ${a.checkpoint().training!.iteration} steps`);
    expect(a.checkpoint().training!.epoch).toBe(4);
    expect(ddp).toBeLessThan(1e-6);
    expect(relativeDiff(loggedLosses(join(two, 'steps.ndjson')), loggedLosses(join(one, 'steps.ndjson')))).toBeLessThan(1e-6);
    expect(relativeDiff(a.flat, reference.flat)).toBeLessThan(1e-9);
    // Three Python processes each import torch and meet over gloo: ~20 s on a quiet 2-core machine, but
    // 196 s was measured under a load of 30 (the run itself agreed to 5e-15), so the budget is generous.
  }, 400_000);
});

describe('a finished run', () => {
  test('train.py says how to go on (--epochs N), rather than training 0 steps; with --epochs it trains on', () => {
    const net = tinyNet();
    net.fit(X, y, { epochs: 3, batchSize: 6 });
    const files = toPytorchTraining(net.checkpoint(), { epochs: 3, data: { X, Y: y } });
    const done = writeFolder(root, 'finished', files);
    const more = writeFolder(root, 'finished-more', files);
    const [refused, trained] = runTrainPy([
      { dir: done, args: [] },
      { dir: more, args: ['--epochs', '4'] },
    ]);
    expect(refused).toBe('nothing to train: the run is at epoch 3 and ends at epoch 3; pass --epochs N with N > 3 (the run\'s new end)');
    expect(fromPytorchTraining(readFolder(done)).checkpoint.training!.iteration).toBe(12); // untouched
    expect(trained).toBe('0');
    expect(fromPytorchTraining(readFolder(more)).checkpoint.training!.epoch).toBe(4);
  }, 200_000);
});
