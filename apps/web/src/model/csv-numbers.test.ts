import { CsvError } from '@backprop/datasets';
import { expect, test } from 'vitest';
import { checkCsv } from './csv-check.js';
import { parsePageCsv } from './csv-text.js';
import { readNumbers } from './csv-numbers.js';

test('a semicolon file in the decimal-comma style reads 1.200,50 as 1200.5 and 12.500 as 12500, and says so', () => {
  const { data, notes } = parsePageCsv('Preis;Zimmer;Klasse\n1.200,50;3;teuer\n800,25;2;billig\n12.500;"1.000,5";teuer\n');
  expect(Array.from(data.X.data)).toEqual([1200.5, 3, 800.25, 2, 12500, 1000.5]);
  expect(notes).toEqual(['decimal commas are read as decimal points', 'points between digits are thousands separators (1.200,50 = 1200.5)']);
  // A regression target in that style: 1200.5, not a class named "1.200,50".
  const y = parsePageCsv('a;Preis\n1;1.200,50\n2;3,5\n3;4\n').data;
  expect(y.task === 'regression' && Array.from(y.Y.data)).toEqual([1200.5, 3.5, 4]);
  const r = checkCsv('Preis;Klasse\n1.200,50;teuer\n800,25;billig\n');
  expect(r.ok && r.summary).toBe('2 rows, 1 feature, 2 classes (billig, teuer); decimal commas are read as decimal points; points between digits are thousands separators (1.200,50 = 1200.5)');
});

test('a file that mixes decimal points and decimal commas is refused at the cell that breaks its style, naming both', () => {
  const r = checkCsv('Preis;Fläche;Klasse\n1.200,50;3;teuer\n800,25;1.5;billig\n');
  expect(!r.ok && r.message).toBe(
    'line 3, column 2 (Fläche): expected a number written as on line 2, column 1 ("1.200,50"), got "1.5". The file writes numbers with a decimal comma in some cells and a decimal point in others, so a number such as 1.200 could mean 1.2 or 1200. Save the file again from one spreadsheet, or write every number one way (3.5 or 3,5)',
  );
  expect(() => readNumbers('a;b\n0.5;x\n2,5;y\n', ';')).toThrow(CsvError);
});

test('in a comma file 1.200,50 is refused with the reason and the fix, never read as 1.2005 or 1.2', () => {
  const r = checkCsv('price,rooms,label\n"1.200,50",3,x\n800,2,y\n');
  expect(!r.ok && r.message).toBe(
    'line 2, column 1 (price): expected a finite number, got "1.200,50". It is written with points between thousands and a decimal comma (1.200,50 = 1200.5), which the page reads in files separated by semicolons or tabs, as European spreadsheets save them. Save the file with ";" as the delimiter, or write the number as 1200.50',
  );
});

test('files in the point style, and point numbers that cannot be thousands (0.125), are read as written', () => {
  expect(readNumbers('a;b;c\n1.200;0.125;x\n', ';')).toEqual({ text: 'a;b;c\n1.200;0.125;x\n', notes: [] });
  expect(Array.from(parsePageCsv('a;b;c\n0,125;3;x\n1;2;y\n').data.X.data)).toEqual([0.125, 3, 1, 2]);
  expect(readNumbers('a,b,c\n"x, y",2,z\n', ',').text).toBe('a,b,c\n"x, y",2,z\n');
});

test('a minus sign copied from a web page (−1.5, U+2212) is a minus, and the summary says so; a − inside a label stays', () => {
  const { data, notes } = parsePageCsv('x1,x2,label\n−1.5,2,a−b\n3,−.5,c\n');
  expect(Array.from(data.X.data)).toEqual([-1.5, 2, 3, -0.5]);
  expect(data.task === 'classification' && data.classNames).toEqual(['a−b', 'c']);
  expect(notes).toEqual(['minus signs (−) are read as -']);
});
