import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type CsvOptions, parseCSV } from './csv.js';
import type { Dataset } from './types.js';

/**
 * Reads a UTF-8 CSV file and parses it with {@link parseCSV}; the dataset's `name` defaults to the file
 * name without its extension. Node only (`@backprop/datasets/node`); file-system errors propagate as is.
 *
 * @example
 * import { readCSV } from '@backprop/datasets/node';
 * const iris = await readCSV('iris.csv', { label: 'species' });
 * @prelude writeFileSync('iris.csv', 'petal_length,species\n1.4,setosa\n4.7,versicolor\n');
 */
export async function readCSV(path: string, options: CsvOptions = {}): Promise<Dataset> {
  const text = await readFile(path, 'utf8');
  return parseCSV(text, { name: basename(path, extname(path)), ...options });
}

export type { CsvOptions } from './csv.js';
export type { ClassificationDataset, Dataset, RegressionDataset } from './types.js';
