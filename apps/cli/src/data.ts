import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Matrix, createRng, shuffleInPlace } from '@backprop/core';
import { type Dataset, generate, parseCSV, type ToyDatasetName, toyDatasetNames } from '@backprop/datasets';
import { loadMnist } from '@backprop/mnist';
import { CliError, fileProblem, usageError } from './errors.js';
import { csvRowError } from './io/rows.js';
import { closest } from './suggest.js';

/** Built-in data set names for `--dataset` (a path ending in .csv is also accepted). */
export const datasetNames: readonly string[] = ['mnist', ...toyDatasetNames];
const ALIASES: Readonly<Record<string, string>> = { gaussian: 'gaussians', digits: 'mnist' };

/** Where the data comes from and how it is split. */
export interface DataOptions {
  readonly dataset: string;
  /** Toy sets: number of points. */
  readonly samples?: number;
  /** Toy sets: noise in [0, 1]. */
  readonly noise?: number;
  readonly seed: number;
  /** Share held out for validation (toy and CSV sets; MNIST has its own 8000/2000 split). */
  readonly validation: number;
  /** CSV: label column (name or 0-based index). */
  readonly label?: string;
  /**
   * CSV: the class names in the order of a model's outputs (its `labels`), so that class c of the file is
   * the model's class c even when the file lacks a class or sorts differently. Never stored in checkpoints.
   */
  readonly classNames?: readonly string[];
}

/** A training set, its validation set, and whether the inputs are 2-D (for the decision-boundary map). */
export interface LoadedData {
  readonly name: string;
  readonly train: Dataset;
  readonly validation: Dataset | undefined;
  readonly twoD: boolean;
}

/** A built-in name's canonical spelling (`gaussian` → `gaussians`); anything else as given. */
export const resolveAlias = (value: string): string => ALIASES[value] ?? value;

/** Resolves `--dataset`: a built-in name, an alias, or a CSV path; anything else is a usage error (naming `NAME.csv` when that file exists, or the built-in name a typo is closest to). */
export function resolveDatasetName(value: string): string {
  const name = ALIASES[value] ?? value;
  if (datasetNames.includes(name) || extname(value).toLowerCase() === '.csv') return name;
  const valid = `${datasetNames.join(', ')}, or a file.csv`;
  // A path that exists is not a misspelt name: say what it is.
  const kind = statSync(value, { throwIfNoEntry: false });
  if (kind?.isDirectory()) throw usageError(`${value}: a folder, not a CSV file (-d takes one of ${valid})`);
  if (kind?.isFile()) throw usageError(`${value}: CSV files are read by their .csv extension; rename it (e.g. ${basename(value, extname(value))}.csv), or -d one of ${datasetNames.join(', ')}`);
  // `-d iris` beside iris.csv: the file is named rather than read, as the help promises names or a file.csv
  // (a bare word is never a path, so `-d spiral` stays the built-in set whatever files are around).
  const csv = [`${value}.csv`, `${value}.CSV`].find((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
  if (csv) throw usageError(`invalid dataset '${value}'; did you mean the file ${csv}?`);
  const guess = closest(value, [...datasetNames, ...Object.keys(ALIASES)]);
  throw usageError(guess ? `invalid dataset '${value}'; did you mean ${guess}?` : `invalid dataset '${value}' (valid: ${valid})`);
}

/** Shuffles the rows with `seed`, then holds out the last `share` of them for validation. */
export function splitValidation(source: Dataset, share: number, seed: number): { train: Dataset; validation: Dataset | undefined } {
  const n = source.X.rows;
  const order = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), createRng(seed));
  const data = permuteRows(source, order);
  const nVal = Math.floor(n * share);
  if (nVal < 1 || n - nVal < 1) return { train: data, validation: undefined };
  const cut = n - nVal;
  const part = (from: number, to: number, suffix: string): Dataset => {
    const X = data.X.sliceRows(from, to);
    return data.task === 'classification'
      ? { ...data, name: `${data.name}-${suffix}`, X, y: data.y.subarray(from, to) }
      : { ...data, name: `${data.name}-${suffix}`, X, Y: data.Y.sliceRows(from, to) };
  };
  return { train: part(0, cut, 'train'), validation: part(cut, n, 'validation') };
}

/** Loads the data set named by the options. */
export async function loadData(o: DataOptions): Promise<LoadedData> {
  const name = resolveDatasetName(o.dataset);
  if (name === 'mnist') {
    const { train, test } = await loadMnist({ seed: o.seed });
    return { name, train, validation: test, twoD: false };
  }
  let data: Dataset;
  if (datasetNames.includes(name)) {
    data = generate(name as ToyDatasetName, {
      seed: o.seed,
      ...(o.samples !== undefined ? { samples: o.samples } : {}),
      ...(o.noise !== undefined ? { noise: o.noise } : {}),
    });
  } else {
    data = await readDatasetFile(o.dataset, o.label, o.classNames);
  }
  const { train, validation } = splitValidation(data, o.validation, o.seed);
  return { name: data.name, train, validation, twoD: data.X.cols === 2 };
}

/** Reads a CSV file into a data set; file and parse problems name the file. */
export async function readDatasetFile(path: string, label?: string, classNames?: readonly string[]): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw fileProblem(path, error);
  }
  // As a model file says it: a CSV needs a header line (or none) and data rows.
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new CliError(`${path}: the file is empty (a CSV needs rows of features and a label)`);
  try {
    const labelOption = label === undefined ? {} : { label: /^\d+$/.test(label) ? Number(label) : label };
    // The delimiter is read off the first line (`;` and tab files are common), as predict does per line.
    const first = text.slice(0, text.indexOf('\n') >>> 0);
    const delimiter = first.includes(',') ? ',' : first.includes(';') ? ';' : first.includes('\t') ? '\t' : ',';
    return parseCSV(text, { name: basename(path, extname(path)), delimiter, ...labelOption, ...(classNames ? { classNames } : {}) });
  } catch (error) {
    // A bad cell or row: parseCSV's words with the file's name (one RowError, as predict's), line, column, expected and actual.
    const row = csvRowError(path, error);
    if (row) throw row;
    // parseCSV names its own argument (`text: expected at least one row`): the file is the argument here.
    throw new CliError(`${path}: ${(error as Error).message.replace(/^text: /, '')}`);
  }
}

function permuteMatrix(m: Matrix, order: Int32Array): Matrix {
  const out = Matrix.zeros(m.rows, m.cols, m.dtype);
  for (let to = 0; to < order.length; to++) out.data.set(m.data.subarray(order[to]! * m.cols, (order[to]! + 1) * m.cols), to * m.cols);
  return out;
}

function permuteRows(data: Dataset, order: Int32Array): Dataset {
  const X = permuteMatrix(data.X, order);
  if (data.task === 'regression') return { ...data, X, Y: permuteMatrix(data.Y, order) };
  return { ...data, X, y: order.map((from) => data.y[from]!) };
}
