import { expect, test } from 'vitest';
import { checkCsv, detectDelimiter, isCsvFile } from './csv-check.js';

test('a good CSV is summarised: rows, features and classes', () => {
  expect(checkCsv('x1,x2,label\n0,1,a\n1,0,b\n2,2,a\n')).toEqual({ ok: true, rows: 3, summary: '3 rows, 2 features, 2 classes (a, b)' });
  expect(checkCsv('a,b,y\n0,1,0.5\n1,0,1.25\n').ok).toBe(true);
});

test('a bad cell is reported with its line and column name', () => {
  const r = checkCsv('x1,x2,label\n0,1,a\n1,oops,b\n');
  expect(r.ok).toBe(false);
  expect(!r.ok && r.message).toBe('line 3, column 2 (x2): expected a finite number, got "oops"');
});

test('a short row names its line; a one-column file is refused without parser option names', () => {
  const short = checkCsv('x1,x2,label\n0,1,a\n1,0\n');
  expect(!short.ok && short.message).toMatch(/^line 3: expected 3 columns \(as in the header\), got 2$/);
  const one = checkCsv('x1|x2|label\n0|1|a\n');
  expect(!one.ok && one.message).toMatch(/^line 1: expected at least 2 columns/);
  expect(!one.ok && one.message).not.toMatch(/options|\.$/);
  expect(checkCsv('').ok).toBe(false);
});

test('the delimiter is the one of , ; tab the header line holds most; semicolon and tab files are read', () => {
  expect(detectDelimiter('x1;x2;label\n0,5;1;a\n')).toBe(';');
  expect(detectDelimiter('\n\nx1\tx2\tlabel\n')).toBe('\t');
  expect(detectDelimiter('x1,x2;label\n')).toBe(',');
  expect(checkCsv('x1;x2;label\n0;1;a\n1;0;b\n')).toEqual({ ok: true, rows: 2, summary: '2 rows, 2 features, 2 classes (a, b)' });
  expect(checkCsv('x1\tx2\tlabel\n0\t1\ta\n1\t0\tb\n').ok).toBe(true);
});

test('a header-only CSV is refused in plain words', () => {
  const r = checkCsv('a,b,label\n');
  expect(!r.ok && r.message).toBe('it has a header line but no data rows below it');
});

test('an empty file (or blank lines only) is refused in plain words, not as the parser\'s argument', () => {
  for (const text of ['', '\n\n  \n']) {
    const r = checkCsv(text);
    expect(!r.ok && r.message).toBe('it is empty: there are no lines to read');
  }
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

test('a label column of ids (every row its own class) is used with a warning that says which column is the label', () => {
  const ids = checkCsv(`x1,x2,id\n${Array.from({ length: 30 }, (_, i) => `${i},${i % 5},id${i}`).join('\n')}\n`);
  expect(ids.ok && ids.summary).toMatch(/^30 rows, 2 features, 30 classes \(id0, .*\)\. Warning: the last column, the label, has 30 different values in 30 rows, so most classes have a single row to learn from and none to test on\. If it is an id or a name, put the column to predict last$/);
  // 3 classes in 6 rows: fine.
  const fine = checkCsv('a,b,label\n1,2,x\n3,4,y\n5,6,z\n1,1,x\n2,2,y\n3,3,z\n');
  expect(fine.ok && fine.summary).toBe('6 rows, 2 features, 3 classes (x, y, z)');
});

test('a CSV of one data row is refused for its row count, not for its one class', () => {
  for (const text of ['x1,x2,label\n1,2,a\n', 'a,y\n1,2.5\n']) {
    const r = checkCsv(text);
    expect(!r.ok && r.message).toBe('it has 1 data row: the page needs at least 2, one to train on and one to test on (and 20 or more in the test part for its figures to mean much)');
  }
});
