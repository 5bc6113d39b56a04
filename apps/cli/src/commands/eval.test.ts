import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { fakeRuntime } from '../../test/helpers/fake-runtime.js';
import { CliError } from '../errors.js';
import { run } from '../program.js';
import { dispatch } from './index.js';
import { evalCommand } from './eval.js';
import { trainCommand } from './train.js';

// Which data `eval` measures on: never a silent guess. A checkpoint records its data set (name, seed,
// split), and so does a model file written by `backprop train` (its metadata); a model file that records
// none (imported, or written by the library) is refused without -d/--dataset, in plain words.
const dir = mkdtempSync(join(tmpdir(), 'backprop-eval-'));
const model = join(dir, 'circle.json');
const checkpoint = join(dir, 'circle-ckpt.json');
/** The same model without its metadata, as an imported or library-written file. */
const bareModel = join(dir, 'circle-bare.json');

beforeAll(async () => {
  // Seed 3: a recorded seed that differs from the flag's default (0) shows that the recording is used.
  const flags = { dataset: 'circle', seed: 3, validation: 0.25, epochs: 3, save: model, checkpoint, checkpointEvery: 3 };
  expect(await trainCommand(flags, fakeRuntime())).toBe(0);
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { metadata: _, ...bare } = JSON.parse(readFileSync(model, 'utf8'));
  writeFileSync(bareModel, JSON.stringify(bare));
});

test('a model file that records no data set, without -d/--dataset, is refused: a usage error naming the option and the model’s input size', async () => {
  const error = await evalCommand(bareModel, {}, fakeRuntime()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(2);
  const message = (error as CliError).message;
  expect(message).toContain('-d/--dataset');
  expect(message).toContain('2 inputs');
  expect(message).toContain('2 classes');
  expect(message).not.toContain('mnist has 784');
});

test('a model with MNIST’s shape is still not assumed to be MNIST, but the hint names it', async () => {
  const { Network } = await import('@backprop/core');
  const { saveModel } = await import('../io/model-file.js');
  const path = join(dir, 'digits.json');
  saveModel(path, Network.create({ inputs: 784, layers: [{ units: 8, activation: 'relu' }], output: { units: 10, fn: 'softmax' } }));
  await expect(evalCommand(path, {}, fakeRuntime())).rejects.toThrow(/784 inputs.*-d mnist/);
});

test('a checkpoint without -d evaluates on the data set it recorded (same seed and split), and says so', async () => {
  const rt = fakeRuntime();
  expect(await evalCommand(checkpoint, { json: true }, rt)).toBe(0);
  const recorded = JSON.parse(rt.out());
  expect(recorded.dataset).toBe('circle-validation');
  expect(rt.err()).toContain('circle');
  // The same numbers as naming that data explicitly.
  const explicit = fakeRuntime();
  await evalCommand(checkpoint, { json: true, dataset: 'circle', seed: 3, validation: 0.25 }, explicit);
  expect(JSON.parse(explicit.out()).loss).toBe(recorded.loss);
  // A flag still wins over the recording; another data set than the recorded one is scored whole.
  const other = fakeRuntime();
  await evalCommand(checkpoint, { json: true, dataset: 'xor' }, other);
  expect(JSON.parse(other.out())).toMatchObject({ dataset: 'xor', split: 'all', rows: 500 });
});

test('through the command line: the flags’ defaults (--seed 0, --validation 0.2) do not override the recorded ones', async () => {
  const rt = fakeRuntime();
  const code = await run(['eval', checkpoint, '--json'], (command, args, flags) => dispatch(command, args, flags, rt), { out: () => {}, err: () => {} });
  expect(code).toBe(0);
  const explicit = fakeRuntime();
  await evalCommand(checkpoint, { json: true, dataset: 'circle', seed: 3, validation: 0.25 }, explicit);
  expect(JSON.parse(rt.out()).loss).toBe(JSON.parse(explicit.out()).loss);
  const bare = await run(['eval', bareModel], (command, args, flags) => dispatch(command, args, flags, fakeRuntime()), { out: () => {}, err: (s) => rt.stderr.write(s) });
  expect(bare).toBe(2);
});

test('data whose class names differ from the model’s: a plain message in the CLI’s words (no library call to make)', async () => {
  const csv = join(dir, 'other.csv');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(csv, 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n');
  const error = await evalCommand(model, { dataset: csv }, fakeRuntime()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  const message = (error as CliError).message;
  expect(message).toMatch(/expected one of the model's classes \(\S+, \S+\), got "x"/);
  expect(message).not.toContain('parseCSV');
  expect(message).not.toContain('classNames');
  // A built-in set with other names (a cat / dog model on xor): the same, in the CLI's words.
  const { Network } = await import('@backprop/core');
  const { saveModel } = await import('../io/model-file.js');
  const pets = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 2, fn: 'softmax' } });
  pets.setPreprocessing({ labels: ['cat', 'dog'] });
  saveModel(join(dir, 'pets.json'), pets);
  const toy = await evalCommand(join(dir, 'pets.json'), { dataset: 'xor' }, fakeRuntime()).catch((e: unknown) => e);
  expect((toy as Error).message).toMatch(/the model's classes are cat, dog; xor has negative, positive; evaluate it on data with the classes it was trained on$/);
});

test('a test CSV that lacks one of the model’s classes is evaluated, its labels encoded in the model’s class order', async () => {
  const { Network } = await import('@backprop/core');
  const { saveModel } = await import('../io/model-file.js');
  const { writeFileSync } = await import('node:fs');
  const path = join(dir, 'abc.json');
  const net = Network.create({ inputs: 2, layers: [{ units: 4, activation: 'tanh' }], output: { units: 3, fn: 'softmax' } });
  net.setPreprocessing({ labels: ['a', 'b', 'c'] });
  saveModel(path, net);
  // Only classes c and a, c first: sorted on its own, "a" would become class 0 of 2.
  const csv = join(dir, 'ca.csv');
  writeFileSync(csv, 'x1,x2,label\n1,2,c\n3,4,a\n5,6,c\n');
  const rt = fakeRuntime();
  expect(await evalCommand(path, { dataset: csv, validation: 0, json: true }, rt)).toBe(0);
  const report = JSON.parse(rt.out()).classification;
  expect(report.perClass.map((m: { support: number }) => m.support)).toEqual([1, 0, 2]);
});

describe('which rows eval scores', () => {
  // A test file handed to eval is scored whole (Keras model.evaluate(x, y), scikit-learn score(X, y)).
  const testCsv = join(dir, 'circle-test.csv');
  beforeAll(async () => {
    const { writeFileSync } = await import('node:fs');
    const rows = Array.from({ length: 37 }, (_, i) => `${Math.cos(i)},${Math.sin(i) * (i % 2 ? 0.3 : 1.5)},${i % 2 ? 'positive' : 'negative'}`);
    writeFileSync(testCsv, `x1,x2,label\n${rows.join('\n')}\n`);
  });

  test('a model file on a CSV: every row is scored by default, and the output says how many', async () => {
    const rt = fakeRuntime();
    expect(await evalCommand(model, { dataset: testCsv }, rt)).toBe(0);
    expect(rt.out()).toMatch(/ on circle-test \(all 37 rows\): loss /);
    const json = fakeRuntime();
    expect(await evalCommand(model, { dataset: testCsv, json: true }, json)).toBe(0);
    const parsed = JSON.parse(json.out());
    expect(parsed).toMatchObject({ rows: 37, totalRows: 37, split: 'all' });
    expect(parsed.classification.perClass.reduce((n: number, m: { support: number }) => n + m.support, 0)).toBe(37);
  });

  test('an explicit --validation share still scores only that held-out share, and says so', async () => {
    const rt = fakeRuntime();
    expect(await evalCommand(model, { dataset: testCsv, validation: 0.25, seed: 1, json: true }, rt)).toBe(0);
    expect(JSON.parse(rt.out())).toMatchObject({ rows: 9, totalRows: 37, split: 'validation' });
    const text = fakeRuntime();
    await evalCommand(model, { dataset: testCsv, validation: 0.25, seed: 1 }, text);
    expect(text.out()).toMatch(/ \(9 of 37 rows\): loss .*\nthe validation split of --validation 0\.25 with seed 1\n/);
  });

  test('a checkpoint on its recorded data scores its recorded validation split, and says that it does', async () => {
    const rt = fakeRuntime();
    expect(await evalCommand(checkpoint, {}, rt)).toBe(0);
    expect(rt.out()).toMatch(/ on circle \(125 of 500 rows\): loss .*\nthe recorded validation split \(0\.25, seed 3\); all rows: --validation 0\n/);
    const all = fakeRuntime();
    expect(await evalCommand(checkpoint, { validation: 0, json: true }, all)).toBe(0);
    expect(JSON.parse(all.out())).toMatchObject({ rows: 500, totalRows: 500, split: 'all' });
    // Another data set than the recorded one: scored whole, as for a model file.
    const other = fakeRuntime();
    expect(await evalCommand(checkpoint, { dataset: testCsv, json: true }, other)).toBe(0);
    expect(JSON.parse(other.out())).toMatchObject({ rows: 37, split: 'all' });
  });
});

describe('a model file written by train records its data set', () => {
  test('train writes metadata: the data set, seed and split (class names are in preprocessing.labels)', async () => {
    const { readFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(model, 'utf8'));
    expect(json.metadata).toEqual({ dataset: 'circle', seed: 3, validation: 0.25 });
    expect(json.preprocessing.labels).toEqual(['negative', 'positive']);
  });

  test('eval model.json without -d uses the recorded data set, seed and split, as a checkpoint does, and says so', async () => {
    const rt = fakeRuntime();
    expect(await evalCommand(model, { json: true }, rt)).toBe(0);
    expect(rt.err()).toBe(`data: circle (seed 3), as recorded in ${model}\n`);
    const recorded = JSON.parse(rt.out());
    expect(recorded).toMatchObject({ dataset: 'circle-validation', split: 'validation', rows: 125, totalRows: 500 });
    const explicit = fakeRuntime();
    await evalCommand(model, { json: true, dataset: 'circle', seed: 3, validation: 0.25 }, explicit);
    expect(JSON.parse(explicit.out()).loss).toBe(recorded.loss);
    // The checkpoint of the same run gives the same numbers.
    const fromCheckpoint = fakeRuntime();
    await evalCommand(checkpoint, { json: true }, fromCheckpoint);
    expect(JSON.parse(fromCheckpoint.out()).loss).toBe(recorded.loss);
  });

  test('a CSV data set is recorded with its label column; eval without -d reads it again', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const csv = join(dir, 'pts.csv');
    writeFileSync(csv, `kind,a,b\n${Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'up' : 'down'},${i % 2 ? 1 + i / 40 : -1 - i / 40},${i / 40}`).join('\n')}\n`);
    const saved = join(dir, 'pts.json');
    expect(await trainCommand({ dataset: csv, label: 'kind', seed: 0, validation: 0.2, epochs: 5, save: saved }, fakeRuntime())).toBe(0);
    // Relative to the model file's directory (the two sit side by side), so eval finds it from anywhere.
    expect(JSON.parse(readFileSync(saved, 'utf8')).metadata).toEqual({ dataset: 'pts.csv', seed: 0, validation: 0.2, label: 'kind' });
    const rt = fakeRuntime();
    expect(await evalCommand(saved, { json: true }, rt)).toBe(0);
    expect(JSON.parse(rt.out())).toMatchObject({ split: 'validation', rows: 8, totalRows: 40 });
  });

  test('recorded metadata that is not a usable data description is refused naming the file and the key', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const json = JSON.parse(readFileSync(model, 'utf8'));
    for (const [metadata, words] of [
      [{ ...json.metadata, seed: -1 }, 'metadata.seed: expected an integer in [0, 4294967295], got -1'],
      [{ ...json.metadata, validation: 1.5 }, 'metadata.validation: expected a number in [0, 1), got 1.5'],
      [{ ...json.metadata, seed: 'abc' }, 'metadata.seed: expected an integer in [0, 4294967295], got "abc"'],
      [{ dataset: 'nosuchset' }, 'records its data as "nosuchset", not a data set backprop can open'],
    ] as const) {
      const path = join(dir, 'edited.json');
      writeFileSync(path, JSON.stringify({ ...json, metadata }));
      const error = await evalCommand(path, {}, fakeRuntime()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).message).toContain(words);
      if (typeof metadata.seed !== 'undefined') expect((error as CliError).message).toContain(path);
      // With -d naming another data set, the recording is not used, so it does not stand in the way.
      expect(await evalCommand(path, { dataset: 'xor' }, fakeRuntime())).toBe(0);
    }
  });
});

test('a recorded CSV that is no longer where it was: the error says it was recorded and how to name it', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const json = JSON.parse(readFileSync(model, 'utf8'));
  const path = join(dir, 'moved.json');
  writeFileSync(path, JSON.stringify({ ...json, metadata: { dataset: join(dir, 'gone', 'pts.csv'), seed: 0, validation: 0.2 } }));
  await expect(evalCommand(path, {}, fakeRuntime())).rejects.toThrow(`${join(dir, 'gone', 'pts.csv')}: no such file (the data set recorded in ${path}; name it with -d/--dataset)`);
});

test('an empty CSV or one with a header only: the file and the problem, without the parser’s argument name', async () => {
  const { writeFileSync } = await import('node:fs');
  for (const [name, text, words] of [['empty.csv', '', 'the file is empty \\(a CSV needs rows of features and a label\\)'], ['header.csv', 'x1,x2,label\n', 'expected at least one data row, got a header only']] as const) {
    const csv = join(dir, name);
    writeFileSync(csv, text);
    await expect(evalCommand(model, { dataset: csv }, fakeRuntime())).rejects.toThrow(new RegExp(`^${csv.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${words}$`));
  }
});

test('a CSV of inputs only (no label column): eval says the labels are missing and points to predict', async () => {
  const { writeFileSync } = await import('node:fs');
  const csv = join(dir, 'inputs.csv');
  writeFileSync(csv, 'x1,x2\n0.1,0.2\n0.3,0.4\n');
  await expect(evalCommand(model, { dataset: csv }, fakeRuntime())).rejects.toThrow(`${model}: inputs has the model's 2 inputs but no label column (x2 was taken for the label): eval needs the true labels; for answers without them: backprop predict ${model} ${csv}`);
});

describe('--plain on the report commands: what a pipe gets, in a terminal too', () => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes
  const ANSI = /\u001b\[/;
  const inTerminal = () => {
    const rt = fakeRuntime();
    (rt.stdout as { isTTY?: boolean }).isTTY = true;
    return rt;
  };
  const typed = async (argv: string[]) => {
    const rt = inTerminal();
    const code = await run(argv, (command, args, flags) => dispatch(command, args, flags, rt), { out: () => {}, err: () => {} });
    return { code, out: rt.out() };
  };
  const noForce = { FORCE_COLOR: process.env.FORCE_COLOR, NO_COLOR: process.env.NO_COLOR };
  beforeAll(() => {
    delete process.env.FORCE_COLOR;
    delete process.env.NO_COLOR;
    return () => Object.assign(process.env, Object.fromEntries(Object.entries(noForce).filter(([, v]) => v !== undefined)));
  });

  test('eval: colours in a terminal, none with --plain (the same text otherwise)', async () => {
    const coloured = await typed(['eval', model]);
    expect(coloured.code).toBe(0);
    expect(coloured.out).toMatch(ANSI);
    const plain = await typed(['eval', model, '--plain']);
    expect(plain.code).toBe(0);
    expect(plain.out).not.toMatch(ANSI);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
    expect(plain.out).toBe(coloured.out.replace(/\u001b\[\d+m/g, ''));
  });

  test('gradcheck: the same', async () => {
    expect((await typed(['gradcheck'])).out).toMatch(ANSI);
    const plain = await typed(['gradcheck', '--plain']);
    expect([plain.code, ANSI.test(plain.out)]).toEqual([0, false]);
  });

  test('--help says what --plain does for a report', async () => {
    let help = '';
    await run(['eval', '--help'], async () => 0, { out: (s) => { help += s; }, err: (s) => { help += s; } });
    expect(help).toContain('--plain');
    expect(help).toContain('no colours');
    expect(help).not.toContain('progress lines');
  });
});

test('a recorded data set that is not a file or a built-in name (the playground writes "pasted CSV") asks for -d, naming what was recorded', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const json = JSON.parse(readFileSync(model, 'utf8'));
  const pasted = join(dir, 'pasted.json');
  writeFileSync(pasted, JSON.stringify({ ...json, metadata: { ...json.metadata, dataset: 'pasted CSV' } }));
  const error = await evalCommand(pasted, {}, fakeRuntime()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(2);
  expect((error as CliError).message).toBe(`${pasted}: records its data as "pasted CSV", not a data set backprop can open (mnist, xor, circle, gaussians, spiral, spiral3, plane, bump, or a file.csv): pass it with -d/--dataset`);
  // An alias of a built-in set is a name it can open.
  writeFileSync(pasted, JSON.stringify({ ...json, metadata: { ...json.metadata, dataset: 'gaussian' } }));
  expect((await evalCommand(pasted, {}, fakeRuntime()).catch((e: unknown) => e)) as unknown).not.toBeInstanceOf(CliError);
});
