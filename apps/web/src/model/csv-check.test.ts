import { expect, test } from 'vitest';
import { checkCsv, isCsvFile } from './csv-check.js';

test('a good CSV is summarised: rows, features and classes', () => {
  expect(checkCsv('x1,x2,label\n0,1,a\n1,0,b\n2,2,a\n')).toEqual({ ok: true, rows: 3, summary: '3 rows, 2 features, 2 classes (a, b)' });
  expect(checkCsv('a,b,y\n0,1,0.5\n1,0,1.25\n').ok).toBe(true);
});

test('a bad cell is reported with its line and column name', () => {
  const r = checkCsv('x1,x2,label\n0,1,a\n1,oops,b\n');
  expect(r.ok).toBe(false);
  expect(!r.ok && r.message).toBe('line 3, column "x2": expected a number, got "oops"');
});

test('a short row names its line; a one-column file suggests the delimiter', () => {
  const short = checkCsv('x1,x2,label\n0,1,a\n1,0\n');
  expect(!short.ok && short.message).toMatch(/^line 3: expected 3 fields/);
  const semi = checkCsv('x1;x2;label\n0;1;a\n');
  expect(!semi.ok && semi.message).toMatch(/Is the delimiter ";"/);
  expect(checkCsv('').ok).toBe(false);
});

test('a CSV whose label column holds one class is refused, saying so', () => {
  const one = checkCsv('x1,x2,label\n1,2,0\n3,4,0\n');
  expect(one.ok).toBe(false);
  expect(!one.ok && one.message).toMatch(/one class only \(0\): a classifier needs at least 2/);
});

test('.csv and .txt files are data; .onnx and .json are models', () => {
  expect(isCsvFile({ name: 'points.CSV', type: '' })).toBe(true);
  expect(isCsvFile({ name: 'blob', type: 'text/csv' })).toBe(true);
  expect(isCsvFile({ name: 'model.onnx', type: '' })).toBe(false);
  expect(isCsvFile({ name: 'model.json', type: 'application/json' })).toBe(false);
});
