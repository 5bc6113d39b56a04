import { expect, test } from 'vitest';
import { checkCsv } from './csv-check.js';
import { parsePageCsv } from './csv-text.js';

test('decimal commas in a semicolon file (German Excel) are read as decimal points, and the summary says so', () => {
  const { data, notes } = parsePageCsv('Fläche;Zimmer;Klasse\r\n120,5;3;teuer\r\n80,25;2;billig\r\n"-1,5";-2,0;teuer\r\n');
  expect(Array.from(data.X.data)).toEqual([120.5, 3, 80.25, 2, -1.5, -2]);
  expect(data.featureNames).toEqual(['Fläche', 'Zimmer']);
  expect(notes).toEqual(['decimal commas are read as decimal points']);
  // A decimal comma in the last column of a Windows line (\r\n): a regression target.
  const windows = parsePageCsv('a;y\r\n1;2,5\r\n2;3,75\r\n').data;
  expect(windows.task === 'regression' && Array.from(windows.Y.data)).toEqual([2.5, 3.75]);
  const r = checkCsv('a;b;label\n1,5;2;x\n3;4,25;y\n');
  expect(r.ok && r.summary).toBe('2 rows, 2 features, 2 classes (x, y); decimal commas are read as decimal points');
});

test('in a comma file a decimal comma stays refused, with the hint of the parser', () => {
  const r = checkCsv('a,b,label\n"1,5",2,x\n3,4,y\n');
  expect(!r.ok && r.message).toMatch(/line 2, column 1 \(a\): expected a finite number, got "1,5"\. Decimal commas are not read/);
});

test('an Excel "sep=;" first line names the delimiter and is not read as the header', () => {
  const { data, notes } = parsePageCsv('sep=;\na;b;label\n1;2;x\n3;4;y\n');
  expect(data.featureNames).toEqual(['a', 'b']);
  expect(data.X.rows).toBe(2);
  expect(notes).toEqual(['its first line "sep=;" names the delimiter']);
});

test('a delimiter at the end of every line is an empty last column, left out: the label is the last real column', () => {
  const { data, notes } = parsePageCsv('a,b,label,\n1,2,x,\n3,4,y,\n5,6,x,\n');
  expect(data.task === 'classification' && data.classNames).toEqual(['x', 'y']);
  expect(data.featureNames).toEqual(['a', 'b']);
  expect(notes).toEqual(['every line ends with a delimiter: the empty last column is left out']);
  // Only when every line ends so: one row with an empty last cell is a missing label, refused as before.
  const r = checkCsv('a,b,label\n1,2,x\n3,4,\n');
  expect(!r.ok && r.message).toMatch(/line 3, column 3 \(label\): expected a label, got an empty cell/);
});

test('plain files are read as they are, with no notes', () => {
  const { data, notes } = parsePageCsv('x1,x2,label\n0.5,1.5,a\n1,2,b\n');
  expect(notes).toEqual([]);
  expect(Array.from(data.X.data)).toEqual([0.5, 1.5, 1, 2]);
});
