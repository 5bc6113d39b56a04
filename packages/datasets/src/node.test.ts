import { BackpropError } from '@backprop/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CsvError } from './csv-error.js';
import { readCSV } from './node.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backprop-datasets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('readCSV reads a file and names the dataset after it', async () => {
  const path = join(dir, 'tiny.csv');
  await writeFile(path, 'a,b,kind\n1,2,x\n3,4,y\n', 'utf8');
  const d = await readCSV(path);
  expect([d.name, d.task, d.X.rows, d.featureNames]).toEqual(['tiny', 'classification', 2, ['a', 'b']]);
  expect((await readCSV(path, { name: 'other' })).name).toBe('other');
});

test('readCSV passes parse errors through', async () => {
  const path = join(dir, 'bad.csv');
  await writeFile(path, 'a,b\n1,x\nz,1\n', 'utf8');
  await expect(readCSV(path)).rejects.toMatchObject({ code: 'invalid_argument', argument: 'line 3, column 1 (a)', line: 3, column: 1, columnName: 'a' });
});

test('a problem in the text names the file first (which of a training and a test file is broken)', async () => {
  const bad = join(dir, 'test.csv');
  await writeFile(bad, 'a,b\n1,x\nz,1\n', 'utf8');
  const e = await readCSV(bad).catch((error: unknown) => error);
  expect(e).toBeInstanceOf(CsvError);
  expect((e as Error).message).toBe(`${bad}: line 3, column 1 (a): expected a finite number, got "z"`);
  const empty = join(dir, 'empty.csv');
  await writeFile(empty, '', 'utf8');
  await expect(readCSV(empty)).rejects.toThrow(`${empty}: text: expected at least one row, got no rows`);
  await expect(readCSV(bad, { label: 'species' })).rejects.toThrow(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: label: expected a column name`));
});

test('a missing file is a typed error naming the path, with the Node error as cause (was a bare ENOENT)', async () => {
  const path = join(dir, 'missing.csv');
  const e = await readCSV(path).catch((error: unknown) => error);
  expect(e).toBeInstanceOf(BackpropError);
  expect(e).toMatchObject({ code: 'invalid_argument', argument: 'path', actual: `${JSON.stringify(path)} (no such file)` });
  expect((e as Error & { cause?: { code?: string } }).cause?.code).toBe('ENOENT');
  await expect(readCSV(dir)).rejects.toMatchObject({ actual: `${JSON.stringify(dir)} (a directory)` });
});
