import { readFile } from 'node:fs/promises';
import { BackpropError } from '@backprop/core';
import { basename, extname } from 'node:path';
import { type CsvOptions, parseCSV } from './csv.js';
import type { Dataset } from './types.js';

/**
 * Reads a UTF-8 CSV file and parses it with {@link parseCSV}; the dataset's `name` defaults to the file
 * name without its extension. Node only (`@backprop/datasets/node`); a file that cannot be read is a typed
 * `BackpropError` naming the path (the Node error as `cause`), and a problem in the text is parseCSV's error
 * with its message starting with the path (`data/iris.csv: line 7, column 4 (petal_width): …`).
 *
 * @example
 * import { readCSV } from '@backprop/datasets/node';
 * const iris = await readCSV('iris.csv', { label: 'species' });
 * @prelude writeFileSync('iris.csv', 'petal_length,species\n1.4,setosa\n4.7,versicolor\n');
 */
export async function readCSV(path: string, options: CsvOptions = {}): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    // A typed error naming the path (the Node error, ENOENT, EACCES, EISDIR …, stays as `cause`).
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
    const error = new BackpropError('invalid_argument', 'path', 'a readable CSV file', `${JSON.stringify(path)} (${why})`);
    Object.defineProperty(error, 'cause', { value: e, enumerable: false, configurable: true, writable: true });
    throw error;
  }
  try {
    return parseCSV(text, { name: basename(path, extname(path)), ...options });
  } catch (e) {
    // The same error (CsvError with its line and column, or the BackpropError of a bad option), its message
    // starting with the file: with a training and a test file, which one is broken.
    if (e instanceof BackpropError && !e.message.startsWith(`${path}: `)) e.message = `${path}: ${e.message}`;
    throw e;
  }
}

export type { CsvOptions } from './csv.js';
export type { ClassificationDataset, Dataset, RegressionDataset } from './types.js';
