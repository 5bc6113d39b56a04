import { BackpropError, Network } from '@backprop/core';
import { describe, expect, test } from 'vitest';
import { type CsvOptions, parseCSV } from './csv.js';
import { CsvError, csvPlace } from './csv-error.js';
import type { ClassificationDataset, Dataset, RegressionDataset } from './types.js';

const IRIS = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
7.0,3.2,4.7,1.4,versicolor
6.3,3.3,6.0,2.5,virginica
4.9,3.0,1.4,0.2,setosa
`;

const classification = (d: Dataset): ClassificationDataset => {
  if (d.task !== 'classification') throw new Error(`expected classification, got ${d.task}`);
  return d;
};
const regression = (d: Dataset): RegressionDataset => {
  if (d.task !== 'regression') throw new Error(`expected regression, got ${d.task}`);
  return d;
};
function thrown(text: string, options?: CsvOptions): BackpropError {
  try {
    parseCSV(text, options);
  } catch (e) {
    if (e instanceof BackpropError) return e;
    throw e;
  }
  throw new Error('expected a BackpropError');
}
const fields = (e: BackpropError): [string, string, string, string] => [e.code, e.argument, e.expected, e.actual];

describe('parseCSV', () => {
  test('iris-like text: header detected, string labels sorted into classes, last column is the label', () => {
    const d = classification(parseCSV(IRIS));
    expect(d.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(d.y)).toEqual([0, 1, 2, 0]);
    expect([d.X.rows, d.X.cols, d.classes, d.name]).toEqual([4, 4, 3, 'csv']);
    expect(d.X.toArray()[1]).toEqual([7, 3.2, 4.7, 1.4].map(Math.fround));
  });

  test('label by name or index, anywhere in the row', () => {
    const text = 'y,a,b\n1,0.5,2\n0,1.5,3\n';
    const byName = classification(parseCSV(text, { label: 'y' }));
    const byIndex = classification(parseCSV(text, { label: 0, header: true }));
    for (const d of [byName, byIndex]) {
      expect(d.featureNames).toEqual(['a', 'b']);
      expect(d.X.toArray()).toEqual([[0.5, 2], [1.5, 3]]);
      expect(Array.from(d.y)).toEqual([1, 0]);
    }
  });

  test('no header: auto-detected from an all-numeric first row; columns named by index', () => {
    const d = classification(parseCSV('0,0,0\n0,1,1\n1,0,1\n1,1,0\n'));
    expect([d.X.rows, d.featureNames, d.classNames]).toEqual([4, ['column 0', 'column 1'], ['0', '1']]);
    expect(Array.from(d.y)).toEqual([0, 1, 1, 0]);
    expect(thrown('1,2,x\n3,y,1\n').argument).toBe('line 2, column 2');
  });

  test('a non-numeric label in the first row does not make it a header', () => {
    expect(parseCSV('5.1,3.5,setosa\n7.0,3.2,versicolor\n').X.rows).toBe(2);
  });

  test('header: true keeps a numeric first row as names; header: false reads it as data', () => {
    expect(parseCSV('1,2,3\n4,5,6\n', { header: true, task: 'regression' }).featureNames).toEqual(['1', '2']);
    expect(parseCSV('1,2,3\n4,5,6\n', { header: false, task: 'regression' }).X.rows).toBe(2);
  });

  test('quoted fields hold delimiters, doubled quotes and newlines; CRLF, BOM, blank lines, spaces', () => {
    const text = '\uFEFFx, "y, in cm" ,name\r\n1, 2 ,"Smith, ""J"""\r\n\r\n3,4,"two\nlines"\r\n';
    const d = classification(parseCSV(text));
    expect(d.featureNames).toEqual(['x', 'y, in cm']);
    expect(d.classNames).toEqual(['Smith, "J"', 'two\nlines']);
    expect(d.X.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  test('other delimiters', () => {
    expect(parseCSV('a;b;c\n1.5;2;x\n', { delimiter: ';' }).X.toArray()).toEqual([[1.5, 2]]);
    expect(thrown('a;b;c\n1,5;2;x\n', { delimiter: ';' }).hint).toBe('Decimal commas are not read: write 1.5, not 1,5.');
    expect(parseCSV('a\tb\tc\n1\t2\tx\n', { delimiter: '\t' }).featureNames).toEqual(['a', 'b']);
  });

  test('a delimiter at the end of every line (an empty last column, header and cells) is not a column; the label stays the last real one', () => {
    for (const text of ['a,b,kind,\n1,2,x,\n3,4,y,\n', 'a;b;kind;\r\n1;2;x;\r\n3;4;y;\r\n']) {
      const d = parseCSV(text, text.includes(';') ? { delimiter: ';' } : {});
      expect(d.task === 'classification' && [d.featureNames, d.classNames, Array.from(d.y), Array.from(d.X.data)]).toEqual([['a', 'b'], ['x', 'y'], [0, 1], [1, 2, 3, 4]]);
      expect(parseCSV(text, { label: 'kind', ...(text.includes(';') ? { delimiter: ';' } : {}) }).featureNames).toEqual(['a', 'b']);
    }
    // Not on every line: still the error at the cell (a real, partly empty column).
    expect(() => parseCSV('a,b,kind,\n1,2,x,\n3,4,y,5\n', { label: 'kind' })).toThrow(/line 2, column 4 \(\): expected a finite number, got an empty cell/);
  });

  test('task inference: text → classification, few integers → classification, else regression', () => {
    expect(parseCSV('a,y\n1,3\n2,7\n').task).toBe('classification');
    expect(parseCSV('a,y\n1,0.5\n2,7\n').task).toBe('regression');
    const many = ['a,y', ...Array.from({ length: 25 }, (_, i) => `${i},${i * 3}`)].join('\n');
    expect(parseCSV(many).task).toBe('regression');
    const r = regression(parseCSV('a,price\n1,0.5\n2,7\n'));
    expect([r.targetNames, r.Y.toArray()]).toEqual([['price'], [[0.5], [7]]]);
    expect(parseCSV('a,y\n1,3\n2,7\n', { task: 'regression' }).task).toBe('regression');
  });

  test('label encoding: integers 0…999 including 0 are their own index; other numbers and text are sorted', () => {
    const ints = classification(parseCSV('a,y\n1,3\n2,0\n'));
    expect([ints.classes, Array.from(ints.y)]).toEqual([4, [3, 0]]);
    const signed = classification(parseCSV('a,y\n1,10\n2,-1\n3,9\n4,9.0\n'));
    expect([signed.classNames, Array.from(signed.y)]).toEqual([['-1', '9', '10'], [2, 0, 1, 1]]);
    const oneBased = classification(parseCSV('a,y\n1,2\n2,1\n3,3\n4,1\n'));   // UCI wine's 1, 2, 3: no empty class 0
    expect([oneBased.classNames, Array.from(oneBased.y)]).toEqual([['1', '2', '3'], [1, 0, 2, 0]]);
    const gaps = classification(parseCSV('a,y\n1,5\n2,2\n3,7\n'));
    expect([gaps.classNames, Array.from(gaps.y)]).toEqual([['2', '5', '7'], [1, 0, 2]]);
    const given = classification(parseCSV(IRIS, { classNames: ['virginica', 'versicolor', 'setosa'] }));
    expect(Array.from(given.y)).toEqual([2, 1, 0, 2]);
  });

  test('dtype and name options', () => {
    const d = parseCSV(IRIS, { dtype: 'float64', name: 'iris' });
    expect([d.X.data instanceof Float64Array, d.name]).toEqual([true, 'iris']);
  });
});

describe('parseCSV errors name the place', () => {
  test('a non-numeric or missing feature: line, 1-based column and its name, "a finite number", the text (the CLI\'s wording)', () => {
    const bad = IRIS.replace('6.3,3.3,6.0,2.5', '6.3,3.3,6.0,n/a');
    expect(fields(thrown(bad))).toEqual(['invalid_argument', 'line 4, column 4 (petal_width)', 'a finite number', '"n/a"']);
    const missing = IRIS.replace('4.9,3.0,', '4.9,,');
    expect(fields(thrown(missing))).toEqual(['invalid_argument', 'line 5, column 2 (sepal_width)', 'a finite number', 'an empty cell']);
    expect(thrown(IRIS.replace('7.0', '0x10')).argument).toBe('line 3, column 1 (sepal_length)');
    expect(fields(thrown(IRIS.replace('7.0', '1e999')))).toEqual(['non_finite', 'line 3, column 1 (sepal_length)', 'a finite number', '"1e999"']);
  });

  test('a number finite in float64 but not in float32 (defect: 1e39 became Infinity silently): line, column and the text', () => {
    const e = thrown(IRIS.replace('7.0', '1e39'));
    expect([e.code, e.argument, e.actual]).toEqual(['non_finite', 'line 3, column 1 (sepal_length)', '"1e39"']);
    expect(e.expected).toContain('float32');
    const target = thrown('x,y\n1,2.5\n2,-4e38\n', { task: 'regression' });
    expect([target.code, target.argument]).toEqual(['non_finite', 'line 3, column 2 (y)']);
    // float64 holds it; the float32 maximum itself still reads.
    expect(parseCSV(IRIS.replace('7.0', '1e39'), { dtype: 'float64' }).X.get(1, 0)).toBe(1e39);
    expect(parseCSV(IRIS.replace('7.0', '3.4028234e38')).X.get(1, 0)).toBe(Math.fround(3.4028234e38));
  });

  test('a row with another number of columns: as in the header, or as on the first line without one', () => {
    expect(fields(thrown('a,b,c\n1,2,x\n1,2\n'))).toEqual(['shape_mismatch', 'line 3', '3 columns (as in the header)', '2']);
    expect(fields(thrown('\n1,2,x\n1,2\n'))).toEqual(['shape_mismatch', 'line 3', '3 columns (as on line 2)', '2']);
  });

  test('broken quotes', () => {
    expect(fields(thrown('a,b\n1,"x\n'))).toEqual(['invalid_argument', 'line 2', 'a closing quote (")', 'the end of the text']);
    expect(thrown('a,b\n1,"x"y\n').argument).toBe('line 2');
  });

  test('labels: missing, not numeric for regression, not among classNames', () => {
    expect(fields(thrown('a,y\n1,x\n2,\n'))).toEqual(['invalid_argument', 'line 3, column 2 (y)', 'a label', 'an empty cell']);
    // What pandas reads as missing is a missing label too, not a class named "NaN" (scikit-learn refuses NaN in y).
    for (const cell of ['NaN', 'nan', 'NA', 'N/A', 'null', 'None', '#N/A']) {
      const e = thrown(`a,y\n1,x\n2,y\n3,${cell}\n`);
      expect(fields(e)).toEqual(['invalid_argument', 'line 4, column 2 (y)', 'a label', `${JSON.stringify(cell)}, a missing value (as pandas reads it)`]);
      expect(e.message).toContain('Fill in the label or delete the row');
    }
    expect(classification(parseCSV('a,y\n1,NaNa\n2,y\n')).classNames).toEqual(['NaNa', 'y']); // only the whole cell
    expect(fields(thrown('a,y\n1,0.5\n2,big\n', { task: 'regression' }))).toEqual([
      'invalid_argument',
      'line 3, column 2 (y)',
      'a finite number (the task is regression)',
      '"big"',
    ]);
    const e = thrown(IRIS, { classNames: ['setosa', 'virginica'] });
    expect([e.code, e.argument, e.actual]).toEqual(['label_out_of_range', 'line 3, column 5 (species)', '"versicolor"']);
  });

  test('empty text, header only, a single column (with a delimiter hint)', () => {
    expect(fields(thrown('\n\n'))).toEqual(['invalid_argument', 'text', 'at least one row', 'no rows']);
    expect(thrown('a,b\n').actual).toBe('a header only');
    const e = thrown('a;b\n1;2\n');
    expect([e.argument, e.hint]).toEqual(['line 1', 'Is the delimiter ";"? Pass options.delimiter.']);
  });

  test('bad options are invalid_option naming the option', () => {
    expect(fields(thrown(IRIS, { label: 'petal' }))).toEqual([
      'invalid_option',
      'label',
      'a column name (one of "sepal_length", "sepal_width", "petal_length", "petal_width", "species")',
      '"petal"',
    ]);
    expect(fields(thrown(IRIS, { label: 5 }))).toEqual(['invalid_option', 'label', 'a column index in [0, 4]', '5']);
    expect(thrown(IRIS, { label: 'species', header: false }).argument).toBe('label');
    expect(thrown(IRIS, { delimiter: '|' } as never).argument).toBe('delimiter');
    expect(thrown(IRIS, { header: 'yes' } as never).argument).toBe('header');
    expect(thrown(IRIS, { task: 'ranking' } as never).argument).toBe('task');
    expect(thrown(IRIS, { classNames: ['a', 'a'] }).argument).toBe('classNames');
    expect(thrown(IRIS, { labels: 'species' } as never).argument).toBe('options.labels');
    expect(fields(thrown(42 as never))).toEqual(['invalid_argument', 'text', 'a string of CSV text', '42']);
  });
});

test('a CSV whose label column has one value fits into no classifier: the error says a classifier needs 2 classes', () => {
  const data = parseCSV('a,b,label\n1,2,x\n3,4,x\n');
  expect(data).toMatchObject({ task: 'classification', classes: 1 });
  const net = Network.create({ inputs: 2, output: { units: 2, fn: 'softmax' } });
  expect(() => net.fit(data, { epochs: 1 })).toThrow("data.classes: expected at least 2 classes (a classifier tells classes apart), got 1 class in 'csv' (x)");
});

test('a header that names two columns alike is refused, naming the duplicate (was accepted silently)', () => {
  let error: unknown;
  try {
    parseCSV('a,a,label\n1,2,x\n3,4,y\n');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BackpropError);
  expect((error as Error).message).toBe('line 1, column 2 (a): expected a header name not used before (as in column 1), got the duplicate "a"');
  expect(parseCSV('1,1,0\n3,4,1\n', { header: false }).X.rows).toBe(2); // data rows may repeat values
});

test('a problem in the text is a CsvError (a BackpropError) with its line, 1-based column and header name as fields', () => {
  let error: unknown;
  try {
    parseCSV('x1,x2,label\n0.5,1,up\n0.2,abc,down\n');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CsvError);
  expect(error).toBeInstanceOf(BackpropError);
  const e = error as CsvError;
  expect([e.name, e.line, e.column, e.columnName]).toEqual(['CsvError', 3, 2, 'x2']);
  expect(e.message).toBe('line 3, column 2 (x2): expected a finite number, got "abc"');
  expect(e.argument).toBe(csvPlace(3, 2, 'x2'));
  // Bad options are not a place in the text: a plain BackpropError.
  let option: unknown;
  try {
    parseCSV('a,b\n1,2\n', { label: 7 });
  } catch (e) {
    option = e;
  }
  expect(option).toBeInstanceOf(BackpropError);
  expect(option).not.toBeInstanceOf(CsvError);
});
