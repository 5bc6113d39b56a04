import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { resolveDatasetName } from './data.js';

const dir = mkdtempSync(join(tmpdir(), 'backprop-data-'));

test('-d: a built-in name (or alias) or a .csv path; a folder or a CSV file under another name is said to be one (exit 2), not "invalid dataset"', () => {
  expect(resolveDatasetName('gaussian')).toBe('gaussians');
  expect(resolveDatasetName('data/iris.CSV')).toBe('data/iris.CSV');
  const folder = join(dir, 'data');
  mkdirSync(folder);
  expect(() => resolveDatasetName(folder)).toThrow(expect.objectContaining({ exitCode: 2, message: `${folder}: a folder, not a CSV file (-d takes one of mnist, xor, circle, gaussians, spiral, spiral3, plane, bump, or a file.csv)` }));
  const txt = join(dir, 'iris.txt');
  writeFileSync(txt, 'a,b,label\n1,2,x\n');
  expect(() => resolveDatasetName(txt)).toThrow(expect.objectContaining({ exitCode: 2, message: `${txt}: CSV files are read by their .csv extension; rename it (e.g. iris.csv), or -d one of mnist, xor, circle, gaussians, spiral, spiral3, plane, bump` }));
  expect(() => resolveDatasetName('moons')).toThrow(expect.objectContaining({ exitCode: 2, message: "invalid dataset 'moons' (valid: mnist, xor, circle, gaussians, spiral, spiral3, plane, bump, or a file.csv)" }));
});

test('-d: a misspelt built-in name gets a "did you mean", as a misspelt flag or command does', () => {
  expect(() => resolveDatasetName('spirl')).toThrow(expect.objectContaining({ exitCode: 2, message: "invalid dataset 'spirl'; did you mean spiral?" }));
  expect(() => resolveDatasetName('cirlce')).toThrow("invalid dataset 'cirlce'; did you mean circle?");
});

test('-d iris when iris.csv is there: not read (-d takes a name or a file.csv), but the file is named', () => {
  const bare = join(dir, 'flowers');
  writeFileSync(`${bare}.csv`, 'a,b,label\n1,2,x\n');
  expect(() => resolveDatasetName(bare)).toThrow(expect.objectContaining({ exitCode: 2, message: `invalid dataset '${bare}'; did you mean the file ${bare}.csv?` }));
});
