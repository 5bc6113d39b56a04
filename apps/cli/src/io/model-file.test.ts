import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { CliError } from '../errors.js';
import { loadModel, saveModel, writeFileAtomic } from './model-file.js';

const dir = () => mkdtempSync(join(tmpdir(), 'backprop-model-'));
const net = () => Network.create({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }], output: { units: 2, fn: 'softmax' }, seed: 1 });

describe('model files', () => {
  test('save then load gives back the same weights, and leaves no temp file', () => {
    const d = dir();
    const path = join(d, 'model.json');
    const a = net();
    saveModel(path, a);
    expect(readdirSync(d)).toEqual(['model.json']);
    expect(Array.from(loadModel(path).flat)).toEqual(Array.from(a.flat));
  });

  test('a training folder given where a model goes says how it comes back; another folder is just a folder', () => {
    const d = dir();
    const run = join(d, 'run');
    mkdirSync(run);
    expect(() => loadModel(run)).toThrow(`${run}: is a directory, not a file`);
    writeFileSync(join(run, 'training.json'), '{}');
    expect(() => loadModel(run)).toThrow(`${run}: is a training folder (from export --format pytorch), not a model file; bring it back first: backprop import ${run} --out checkpoint.json`);
  });

  test('an atomic write replaces the old content entirely', () => {
    const path = join(dir(), 'f.txt');
    writeFileSync(path, 'old old old old old');
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
  });

  test('a device or directory is never replaced', () => {
    expect(() => writeFileAtomic('/dev/null', 'x')).toThrow('/dev/null: not a regular file');
    expect(() => writeFileAtomic(dir(), 'x')).toThrow('not a regular file');
  });

  test('a write into a missing directory names the file and leaves nothing behind', () => {
    const path = join(dir(), 'nope', 'model.json');
    expect(() => writeFileAtomic(path, 'x')).toThrow(`${path}: no such file`);
  });

  test.each([
    ['missing', undefined, 'no such file'],
    ['empty', '', 'the file is empty'],
    ['truncated', '{"format": "backprop-network", "vers', 'not valid JSON'],
    ['not a model', '{"hello": 1}', 'not a backprop model'],
    ['wrong shapes', JSON.stringify({ ...net().toJSON(), inputs: 5 }), 'not a backprop model'],
  ])('%s file → one-line CliError naming the file', (_name, content, words) => {
    const path = join(dir(), 'model.json');
    if (content !== undefined) writeFileSync(path, content);
    let error: unknown;
    try {
      loadModel(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).message).toContain(path);
    expect((error as CliError).message).toContain(words);
    expect((error as CliError).message).not.toContain('\n');
  });

  test('a truncated model file is called truncated, not a JSON syntax puzzle; a typo in the middle keeps the parser words', () => {
    const d = dir();
    const text = JSON.stringify(net().toJSON());
    for (const cut of [1, 40, 300, text.length - 1]) {
      const path = join(d, `cut-${cut}.json`);
      writeFileSync(path, text.slice(0, cut));
      expect(() => loadModel(path), String(cut)).toThrow(`${path}: not valid JSON: it stops in the middle, after ${cut} characters (a truncated file: an interrupted copy or download?)`);
    }
    const typo = join(d, 'typo.json');
    writeFileSync(typo, text.replace('"inputs":2', '"inputs":2,,'));
    expect(() => loadModel(typo)).toThrow(/typo\.json: not valid JSON \(.*position \d+/);
  });

  test('a byte-order mark before the JSON (a Windows editor) is read past', () => {
    const path = join(dir(), 'bom.json');
    writeFileSync(path, `\uFEFF${JSON.stringify(net().toJSON())}`);
    expect(Array.from(loadModel(path).flat)).toEqual(Array.from(net().flat));
  });

  test('a data file given where the model goes says which file is which', () => {
    const d = dir();
    for (const [name, text] of [['iris.csv', '\uFEFFsepal_length,species\n5.1,setosa\n'], ['rows.data', '0.5,1\n0.2,3\n']] as const) {
      const path = join(d, name);
      writeFileSync(path, text);
      expect(() => loadModel(path), name).toThrow(`${path}: a data file (CSV), not a backprop model (JSON): the model file comes first (one saved by backprop train --save), the data after -d/--dataset (eval) or second (predict)`);
    }
  });

  test('a checkpoint file is accepted as a model', () => {
    const path = join(dir(), 'ckpt.json');
    writeFileSync(path, JSON.stringify({ format: 'backprop-checkpoint', version: 1, model: net().toJSON() }));
    expect(loadModel(path).inputs).toBe(2);
  });
});
