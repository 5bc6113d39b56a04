import { readFileSync } from 'node:fs';
import { BackpropError, type FitOptions, Matrix, type Network, type OptimizerName, optimizerNames } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { SafetensorsError } from '../errors.js';
import { toPytorchTraining } from './export.js';
import { TrainingFolderError, fromPytorchTraining } from './import.js';
import { readSafetensors, writeSafetensors } from './tensors.js';
import { tinyData, tinyNet } from './testing.js';
import { TRAIN_PY } from './train-py.js';

const { X, y } = tinyData();
const trained = (optimizer: OptimizerName, options: FitOptions = {}): Network => {
  const net = tinyNet();
  net.fit(X, y, { epochs: 3, batchSize: 6, optimizer, maxIterations: 5, ...options });
  return net;
};

/** The folder with one file's tensors rewritten by `edit`. */
function edited(files: Record<string, Uint8Array>, file: string, edit: (t: Map<string, { shape: readonly number[]; values: Float64Array }>) => void, meta?: Record<string, string>) {
  const { tensors, metadata } = readSafetensors(file, files[file]!);
  edit(tensors);
  const list = [...tensors].map(([name, t]) => ({ name, shape: t.shape, values: t.values }));
  return { ...files, [file]: writeSafetensors(list, 'float64', (meta ?? metadata) as Record<string, string>) };
}

describe('toPytorchTraining / fromPytorchTraining without PyTorch', () => {
  test('train-py.ts is train.py (run node scripts/embed-train-py.mjs after editing train.py)', () => {
    expect(TRAIN_PY).toBe(readFileSync(new URL('./train.py', import.meta.url), 'utf8'));
  });

  test("the network's metadata goes through the folder's model.safetensors and back; the step stamp stays out of it", () => {
    const files = toPytorchTraining(trained('adam').setMetadata({ dataset: 'iris.csv', seed: 3 }), { epochs: 3, data: { X, Y: y } });
    expect(readSafetensors('model.safetensors', files['model.safetensors']!).metadata).toMatchObject({ dataset: 'iris.csv', seed: '3', iteration: '5' });
    expect(fromPytorchTraining(files).checkpoint.metadata).toEqual({ dataset: 'iris.csv', seed: 3 });
    expect(() => toPytorchTraining(trained('sgd').setMetadata({ iteration: 1 }), { epochs: 3 })).toThrow('net.metadata["iteration"]');
  });

  test.each(optimizerNames.map((n) => [n]))('%s: export then import gives back the same checkpoint, torch.optim state names', (name) => {
    const net = trained(name);
    const files = toPytorchTraining(net, { epochs: 3, data: { X, Y: y } });
    expect(Object.keys(files).sort()).toEqual(['README.md', 'X.npy', 'Y.npy', 'model.safetensors', 'optimizer.safetensors', 'train.py', 'training.json']);
    const { tensors } = readSafetensors('optimizer.safetensors', files['optimizer.safetensors']!);
    const slots = { sgd: [], momentum: ['momentum_buffer'], nesterov: ['momentum_buffer'], adagrad: ['sum'], rmsprop: ['square_avg'], adam: ['exp_avg', 'exp_avg_sq'], adamw: ['exp_avg', 'exp_avg_sq'] }[name];
    expect([...tensors.keys()].sort()).toEqual(['0', '2', '4'].flatMap((i) => ['weight', 'bias'].flatMap((p) => slots.map((s) => `${i}.${p}.${s}`))).sort());
    expect(tensors.get('0.weight')).toBeUndefined();
    const { checkpoint, fitOptions } = fromPytorchTraining(files);
    const original = net.checkpoint();
    const slotsOf = (c: typeof original) => (name === 'sgd' ? { ...c.training!.optimizer, slots: {} } : c.training!.optimizer);
    expect(slotsOf(checkpoint)).toEqual(slotsOf(original));
    expect({ ...checkpoint, training: { ...checkpoint.training, optimizer: null } }).toEqual({ ...original, training: { ...original.training, optimizer: null } });
    // Stopped inside epoch 2 (maxIterations 5, 4 steps an epoch): fit finishes it, then 1 new full epoch ends at 3.
    expect(original.training).toMatchObject({ epoch: 1, position: 1 });
    expect(fitOptions).toMatchObject({ epochs: 1, batchSize: 6, shuffle: true });
  });

  test('training.json carries the torch.optim and lr_scheduler twins at the current position', () => {
    const net = trained('adamw', { schedule: { name: 'step', every: 2, factor: 0.3 } });
    const folder = JSON.parse(new TextDecoder().decode(toPytorchTraining(net, { schedule: { name: 'step', every: 2, factor: 0.3 } })['training.json']));
    expect(folder.training.optimizer.torch).toEqual({ class: 'AdamW', kwargs: { betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0.01 } });
    expect(folder.schedule.torch).toEqual({ class: 'StepLR', kwargs: { step_size: 2, gamma: 0.3 }, last_epoch: 0 });
    expect(folder.training.optimizer.t).toBe(5);
  });

  test('refuses what train.py cannot continue, naming the option', () => {
    const plain = trained('sgd');
    expect(() => toPytorchTraining(tinyNet().toJSON())).toThrow(/checkpoint.training/);
    // The run's saved settings win over a schedule given again (as a continuing fit keeps them).
    expect(JSON.parse(new TextDecoder().decode(toPytorchTraining(plain, { schedule: 'step' })['training.json'])).schedule.config).toEqual({ name: 'constant' });
    expect(() => toPytorchTraining(plain, { clipNorm: -1 })).toThrow(BackpropError);
    expect(() => toPytorchTraining(plain, { data: { X: X.slice(1), Y: y.slice(1) } })).toThrow(/22 training rows/);
    const weighted = tinyNet();
    weighted.fit(X, y, { epochs: 1, batchSize: 6, classWeight: 'balanced' });
    expect(() => toPytorchTraining(weighted)).toThrow(/classWeight/);
    const sampleWeighted = tinyNet();
    sampleWeighted.fit(X, y, { epochs: 1, batchSize: 6, sampleWeight: Array.from({ length: X.length }, (_, i) => 1 + (i % 2)) });
    expect(() => toPytorchTraining(sampleWeighted)).toThrow(/checkpoint\.training\.sampleWeight/);
    const early = tinyNet();
    early.fit(X, y, { epochs: 2, batchSize: 6, earlyStopping: true });
    expect(() => toPytorchTraining(early)).toThrow(/earlyStopping/);
    const plateau = tinyNet();
    plateau.fit(X, y, { epochs: 2, batchSize: 6, schedule: { name: 'plateau', monitor: 'val-loss' }, validationSplit: 0.2 });
    expect(() => toPytorchTraining(plateau, { schedule: { name: 'plateau', monitor: 'val-loss' } })).toThrow(/validation/);
  });
});

describe('the data, in any form fit takes', () => {
  test('a Dataset (@backprop/datasets), { X, y } and { X, Y } give the same X.npy / Y.npy (and validation files)', () => {
    const net = trained('adam');
    const Xm = Matrix.from(X, 'float64');
    const dataset = { task: 'classification' as const, name: 'tiny', X: Xm, y: Int32Array.from(y), classes: 3, classNames: ['a', 'b', 'c'], featureNames: ['f1', 'f2', 'f3'] };
    const plain = toPytorchTraining(net, { epochs: 3, data: { X: Xm, Y: y }, validationData: { X: Xm, Y: y } });
    for (const data of [dataset, { X: Xm, y }]) {
      const files = toPytorchTraining(net, { epochs: 3, data, validationData: data });
      for (const name of ['X.npy', 'Y.npy', 'Xval.npy', 'Yval.npy']) expect(files[name], name).toEqual(plain[name]);
    }
  });

  test('ambiguous or unknown data is a typed error naming it', () => {
    const net = trained('adam');
    expect(() => toPytorchTraining(net, { epochs: 3, data: { X, y, Y: y } as never })).toThrow(/options\.data\.Y: expected targets as either y \(class indices\) or Y, exactly one, got both/);
    expect(() => toPytorchTraining(net, { epochs: 3, data: { X } as never })).toThrow(/options\.data\.Y: .* got neither/);
    expect(() => toPytorchTraining(net, { epochs: 3, data: { X, y, rows: 3 } as never })).toThrow(/options\.data\.rows: expected no such option/);
    expect(() => toPytorchTraining(net, { epochs: 3, data: X as never })).toThrow(/options\.data: expected data as fit takes it: a Dataset, \{ X, y \} or \{ X, Y \}, got inputs without targets/);
  });
});

describe('bad folders give typed errors', () => {
  const files = toPytorchTraining(trained('adam'), { epochs: 3 });
  const expectError = (f: Record<string, Uint8Array>, type: typeof BackpropError, message: RegExp) => {
    let error: unknown;
    try {
      fromPytorchTraining(f);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
  };

  test('a missing file', () => {
    for (const name of ['training.json', 'model.safetensors', 'optimizer.safetensors']) {
      const { [name]: _, ...rest } = files;
      expectError(rest, TrainingFolderError, new RegExp(name.replace('.', '\\.')));
    }
  });

  test('wrong tensor names or shapes', () => {
    expectError(edited(files, 'model.safetensors', (t) => t.set('9.weight', t.get('0.weight')!)), SafetensorsError, /9\.weight/);
    expectError(edited(files, 'optimizer.safetensors', (t) => t.delete('2.bias.exp_avg')), TrainingFolderError, /2\.bias\.exp_avg/);
    expectError(edited(files, 'optimizer.safetensors', (t) => t.set('0.bias.exp_avg', { shape: [4], values: new Float64Array(4) })), TrainingFolderError, /\[5\]/);
  });

  test("another optimizer's state", () => {
    const sgd = toPytorchTraining(trained('momentum'));
    expectError({ ...files, 'optimizer.safetensors': sgd['optimizer.safetensors']! }, TrainingFolderError, /optimizer.*'adam'/);
    expectError(edited(files, 'optimizer.safetensors', (t) => t.set('0.weight.momentum_buffer', t.get('0.weight.exp_avg')!)), TrainingFolderError, /another optimizer \(momentum_buffer\)/);
  });

  test('NaN in a tensor or in training.json', () => {
    expectError(edited(files, 'optimizer.safetensors', (t) => (t.get('4.weight.exp_avg_sq')!.values[2] = Number.NaN)), SafetensorsError, /finite/);
    expectError(edited(files, 'model.safetensors', (t) => (t.get('0.bias')!.values[0] = Number.POSITIVE_INFINITY)), SafetensorsError, /finite/);
    const text = new TextDecoder().decode(files['training.json']).replace(/"lossSum": [^,]+/, '"lossSum": NaN');
    expectError({ ...files, 'training.json': new TextEncoder().encode(text) }, TrainingFolderError, /NaN/);
  });

  test('files written at different steps', () => {
    const meta = readSafetensors('optimizer.safetensors', files['optimizer.safetensors']!).metadata as Record<string, string>;
    expectError(edited(files, 'optimizer.safetensors', () => {}, { ...meta, iteration: '99' }), TrainingFolderError, /different steps/);
  });

  test('a negative second moment (Adam\'s v)', () => {
    expectError(edited(files, 'optimizer.safetensors', (t) => (t.get('0.weight.exp_avg_sq')!.values[0] = -1)), TrainingFolderError, /0\.weight\.exp_avg_sq.*≥ 0/);
  });
});
