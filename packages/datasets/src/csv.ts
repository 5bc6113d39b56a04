import { BackpropError, type DType, Matrix } from '@backprop/core';
import { CsvError, csvExpected, describeCell } from './csv-error.js';
import { type CsvRecord, tokenize } from './csv-tokenize.js';
import type { ClassificationDataset, Dataset, RegressionDataset } from './types.js';
import { checkOptions, describeValue, optionalDType, optionalName } from './validate.js';

/** Options of {@link parseCSV}. */
export interface CsvOptions {
  /** The label column: its header name, or its 0-based index (default: the last column). */
  readonly label?: string | number;
  /** Default: classification if any label is non-numeric, or all labels are integers with ≤ 20 distinct values. */
  readonly task?: 'classification' | 'regression';
  /** Whether the first row holds column names; `'auto'` (default): it does when it has a non-numeric feature cell. */
  readonly header?: boolean | 'auto';
  /** Field separator (default `','`). */
  readonly delimiter?: ',' | ';' | '\t';
  /** Fixes the label encoding: class c is `classNames[c]`; other labels are rejected. */
  readonly classNames?: readonly string[];
  /** The dataset's `name` (default `'csv'`). */
  readonly name?: string;
  /** Element type of `X` (and `Y`) (default `'float32'`). */
  readonly dtype?: DType;
}

const KEYS = ['label', 'task', 'header', 'delimiter', 'classNames', 'name', 'dtype'] as const;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MAX_INFERRED_CLASSES = 20; // integer labels with more distinct values are read as a regression target
const MAX_INDEX_LABEL = 1000; // integer labels in [0, 1000) are class indices themselves
/**
 * Label cells pandas' `read_csv` reads as missing (its default `na_values`): a missing label is refused as an
 * empty one is (scikit-learn refuses NaN in y), not taken as a class named "NaN".
 */
const MISSING = new Set(['#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null']);

/** The number in a cell, or undefined when the cell is not a plain decimal number. */
function toNumber(cell: string): number | undefined {
  return NUMBER.test(cell) ? Number(cell) : undefined;
}

/**
 * Parses CSV text (RFC 4180 quoting) into a dataset: one row per record, the label column as `y` (class
 * indices) or `Y` (one target column), every other column a numeric feature. Pure string in, so it
 * runs in browsers; `readCSV` in `@backprop/datasets/node` reads a file.
 *
 * Class labels are encoded by the first rule that applies: `options.classNames` given → its order;
 * all labels integers in [0, 1000), one of them 0 → the integer itself (class names `'0'…'max'`);
 * otherwise the distinct labels sorted (numerically if all are numbers, else by code unit), so labels 1, 2, 3
 * are classes 0, 1, 2. A test file encodes its labels as the training file does only when given
 * `classNames: train.classNames` (a file may lack a class).
 *
 * A problem in the text throws {@link CsvError} (a `BackpropError`) naming the place, lines and columns
 * counted from 1 (`line 7, column 4 (petal_width)`): `invalid_argument` for a missing or non-numeric
 * feature or a missing label (empty, or a cell pandas reads as missing: `NaN`, `NA`, `null`, …), `non_finite` for a number out of range, `shape_mismatch` for a row with another number of
 * columns (`line 7`), `label_out_of_range` for a label not in `classNames`. Bad options throw
 * `BackpropError` (`invalid_option`).
 *
 * @example
 * const iris = parseCSV(text, { label: 'species' });
 * // iris.task === 'classification'; iris.classNames → ['setosa', 'versicolor', 'virginica']
 * @prelude const text = 'petal_length,species\n1.4,setosa\n4.7,versicolor\n6.0,virginica\n';
 */
export function parseCSV(text: string, options?: CsvOptions): Dataset {
  const o = checkOptions(options, KEYS);
  if (typeof text !== 'string') throw new BackpropError('invalid_argument', 'text', 'a string of CSV text', describeValue(text));
  const delimiter = optionalName('delimiter', o.delimiter, [',', ';', '\t'], ',');
  const headerOption = optionalName<boolean | 'auto'>('header', o.header, [true, false, 'auto'], 'auto');
  const task = o.task === undefined ? undefined : optionalName('task', o.task, ['classification', 'regression'], 'classification');
  const classNames = o.classNames === undefined ? undefined : checkClassNames(o.classNames);
  const dtype = optionalDType(o.dtype);
  if (o.name !== undefined && typeof o.name !== 'string') throw new BackpropError('invalid_option', 'name', 'a string', describeValue(o.name));
  if (o.label !== undefined && typeof o.label !== 'string' && typeof o.label !== 'number') {
    throw new BackpropError('invalid_option', 'label', 'a column name or index', describeValue(o.label));
  }
  if (typeof o.label === 'string' && headerOption === false) {
    throw new BackpropError('invalid_option', 'label', 'a column index (header is false, so columns have no names)', describeValue(o.label));
  }

  const tokens = tokenize(text, delimiter);
  // A delimiter at the end of every line (some exporters write one) leaves an empty last field everywhere,
  // header included: not a column (pandas reads it as an all-NaN "Unnamed: n"; as the default label it
  // would hide the real one).
  const trailing = tokens.length > 0 && tokens.every((r) => r.fields.length > 2 && r.fields[r.fields.length - 1] === '');
  const records = trailing ? tokens.map((r) => ({ line: r.line, fields: r.fields.slice(0, -1) })) : tokens;
  const first = records[0];
  if (first === undefined) throw new BackpropError('invalid_argument', 'text', 'at least one row', 'no rows');
  const width = first.fields.length;
  if (width < 2) {
    const other = [';', '\t', ','].find((d) => d !== delimiter && first.fields[0]!.includes(d));
    const hint = other ? `Is the delimiter ${JSON.stringify(other)}? Pass options.delimiter.` : undefined;
    throw new CsvError('invalid_argument', first.line, undefined, undefined, 'at least 2 columns (features and a label)', '1 column', hint);
  }
  const labelIndex = typeof o.label === 'string' ? -1 : resolveIndex(o.label, width);
  const header =
    headerOption === 'auto'
      ? typeof o.label === 'string' || first.fields.some((cell, j) => j !== labelIndex && toNumber(cell) === undefined)
      : headerOption;
  for (const r of records) {
    if (r.fields.length !== width) throw new CsvError('shape_mismatch', r.line, undefined, undefined, csvExpected.columns(width, header, first.line), String(r.fields.length));
  }
  const names = header ? first.fields : first.fields.map((_, j) => `column ${j}`);
  if (header) {
    // Two columns of one name: the label or a feature name would be ambiguous (pandas renames, we refuse).
    const seen = new Map<string, number>();
    names.forEach((n, j) => {
      const before = seen.get(n);
      if (before !== undefined) throw new CsvError('invalid_argument', first.line, j + 1, n, `a header name not used before (as in column ${before + 1})`, `the duplicate ${JSON.stringify(n)}`);
      seen.set(n, j);
    });
  }
  const label = labelIndex >= 0 ? labelIndex : resolveName(o.label as string, names);
  const rows = header ? records.slice(1) : records;
  if (rows.length === 0) throw new BackpropError('invalid_argument', 'text', 'at least one data row', 'a header only');

  // The place of cell j of record r: its line, 1-based column and header name (csv-error.ts).
  const where = (r: CsvRecord, j: number): Place => [r.line, j + 1, header ? names[j] : undefined];
  const featureColumns = names.map((_, j) => j).filter((j) => j !== label);
  const X = Matrix.zeros(rows.length, featureColumns.length, dtype);
  rows.forEach((r, i) => {
    featureColumns.forEach((j, f) => {
      const k = i * featureColumns.length + f;
      X.data[k] = parseNumber(r.fields[j]!, where(r, j));
      checkStored(X.data[k]!, r.fields[j]!, dtype, where(r, j));
    });
  });

  const labels = rows.map((r) => r.fields[label]!);
  rows.forEach((r, i) => {
    const cell = labels[i]!;
    if (cell === '') throw new CsvError('invalid_argument', ...where(r, label), 'a label', 'an empty cell');
    if (MISSING.has(cell)) {
      throw new CsvError('invalid_argument', ...where(r, label), 'a label', `${JSON.stringify(cell)}, a missing value (as pandas reads it)`, 'Fill in the label or delete the row; scikit-learn refuses a missing label too');
    }
  });
  const values = labels.map(toNumber);
  const common = { name: o.name ?? 'csv', X, featureNames: featureColumns.map((j) => names[j]!) };
  if ((task ?? inferTask(values)) === 'regression') {
    const Y = Matrix.zeros(rows.length, 1, dtype);
    rows.forEach((r, i) => {
      Y.data[i] = parseNumber(labels[i]!, where(r, label), ' (the task is regression)');
      checkStored(Y.data[i]!, labels[i]!, dtype, where(r, label));
    });
    return { task: 'regression', ...common, Y, targetNames: [names[label]!] } satisfies RegressionDataset;
  }
  const encoding = classNames ?? defaultClassNames(labels, values);
  const index = new Map(encoding.map((name, c) => [name, c]));
  const y = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const v = values[i];
    const c = index.get(labels[i]!) ?? (v === undefined ? undefined : index.get(String(v)));
    if (c === undefined) {
      throw new CsvError('label_out_of_range', ...where(r, label), `one of the classNames (${encoding.join(', ')})`, describeCell(labels[i]!));
    }
    y[i] = c;
  });
  return {
    task: 'classification',
    ...common,
    y,
    classes: encoding.length,
    classNames: encoding,
  } satisfies ClassificationDataset;
}

/** A cell's place: line, 1-based column, header name. */
type Place = [line: number, column: number, columnName: string | undefined];

function parseNumber(cell: string, place: Place, why = ''): number {
  const v = toNumber(cell);
  if (v === undefined) {
    const hint = /^[+-]?\d*,\d+$/.test(cell) ? 'Decimal commas are not read: write 1.5, not 1,5.' : undefined;
    throw new CsvError('invalid_argument', ...place, `${csvExpected.number}${why}`, describeCell(cell), hint);
  }
  if (!Number.isFinite(v)) throw new CsvError('non_finite', ...place, `${csvExpected.number}${why}`, describeCell(cell));
  return v;
}

/** A number finite in float64 may overflow the target dtype (1e39 → Infinity in float32): caught here, with its place. */
function checkStored(stored: number, cell: string, dtype: DType, place: Place): void {
  if (!Number.isFinite(stored)) throw new CsvError('non_finite', ...place, `a number within ${dtype}'s range (|x| ≤ ${dtype === 'float32' ? '3.4028235e38' : '1.7976931348623157e308'})`, describeCell(cell));
}

function resolveIndex(label: number | undefined, width: number): number {
  if (label === undefined) return width - 1;
  if (!Number.isInteger(label) || label < 0 || label >= width) {
    throw new BackpropError('invalid_option', 'label', `a column index in [0, ${width - 1}]`, describeValue(label));
  }
  return label;
}

function resolveName(label: string, names: readonly string[]): number {
  const j = names.indexOf(label);
  if (j < 0) {
    const list = names.slice(0, 10).map((n) => JSON.stringify(n)).join(', ') + (names.length > 10 ? ', …' : '');
    throw new BackpropError('invalid_option', 'label', `a column name (one of ${list})`, describeValue(label));
  }
  return j;
}

function checkClassNames(value: unknown): readonly string[] {
  const ok =
    Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '') && new Set(value).size === value.length;
  if (!ok) throw new BackpropError('invalid_option', 'classNames', 'a non-empty array of distinct non-empty strings', describeValue(value));
  return Object.freeze([...value]);
}

/** Classification if any label is text, or all are integers with at most 20 distinct values. */
function inferTask(values: readonly (number | undefined)[]): 'classification' | 'regression' {
  if (values.some((v) => v === undefined)) return 'classification';
  if (!values.every((v) => Number.isInteger(v))) return 'regression';
  return new Set(values).size <= MAX_INFERRED_CLASSES ? 'classification' : 'regression';
}

function defaultClassNames(labels: readonly string[], values: readonly (number | undefined)[]): readonly string[] {
  const numbers = values.every((v) => v !== undefined) ? (values as number[]) : undefined;
  // Labels that start at 0 are class indices; 1-based ones (UCI, R) would leave an empty class 0 that skews
  // macro averages and the output layer, so they are sorted like any other numbers.
  if (numbers?.includes(0) && numbers.every((v) => Number.isInteger(v) && v >= 0 && v < MAX_INDEX_LABEL)) {
    const max = numbers.reduce((m, v) => Math.max(m, v), 0);
    return Array.from({ length: max + 1 }, (_, c) => String(c));
  }
  if (numbers) return [...new Set(numbers)].sort((a, b) => a - b).map(String);
  return [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
