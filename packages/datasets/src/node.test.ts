import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
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

test('readCSV passes parse errors through and lets a missing file reject with the fs error', async () => {
  const path = join(dir, 'bad.csv');
  await writeFile(path, 'a,b\n1,x\nz,1\n', 'utf8');
  await expect(readCSV(path)).rejects.toMatchObject({ code: 'invalid_argument', argument: 'line 3, column "a"' });
  await expect(readCSV(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
});
