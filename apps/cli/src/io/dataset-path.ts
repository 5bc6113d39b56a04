import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { datasetNames } from '../data.js';

// A data set file recorded in a model or checkpoint file is written relative to that file's own directory
// (as a Makefile, a tsconfig or a Keras/PyTorch config does), so `backprop eval runs/model.json` finds
// `runs/../data/iris.csv` from any directory, and moving the two together keeps the link. In memory (the
// options, net.metadata) a path is as the user typed it: relative to the working directory, or absolute.

const isFile = (dataset: string) => !datasetNames.includes(dataset) && /\.csv$/i.test(dataset);
/** Forward slashes on disk, so a model file written on Windows reads on Linux and back. */
const portable = (path: string) => path.split(sep).join('/');

/** A path (relative to the working directory, or absolute) as recorded in `file`: relative to its directory. */
export function pathForFile(path: string, file: string): string {
  const target = resolve(path);
  const from = relative(dirname(resolve(file)), target);
  // Another drive (Windows) has no relative path: keep it absolute.
  return from === '' || isAbsolute(from) ? target : portable(from);
}

/**
 * A path recorded in `file` (by {@link pathForFile}), as a path from the working directory. Files written
 * before recorded paths relative to the directory `train` ran in: when `exists` does not hold beside the
 * file but does from here, that reading is taken.
 */
export function pathFromFile(path: string, file: string, exists: (path: string) => boolean = existsSync): string {
  if (isAbsolute(path)) return path;
  const target = resolve(dirname(resolve(file)), path);
  if (!exists(target) && exists(path)) return path;
  const fromHere = relative(process.cwd(), target);
  return fromHere !== '' && !fromHere.startsWith('..') && !isAbsolute(fromHere) ? portable(fromHere) : target;
}

/** `dataset` as recorded in `file` ({@link pathForFile}); a built-in name is itself. */
export function datasetForFile(dataset: string, file: string): string {
  return isFile(dataset) ? pathForFile(dataset, file) : dataset;
}

/** A data set recorded in `file` ({@link datasetForFile}), as a path from the working directory ({@link pathFromFile}). */
export function datasetFromFile(dataset: string, file: string): string {
  return isFile(dataset) ? pathFromFile(dataset, file) : dataset;
}

/** The metadata (or data options) with its `dataset` mapped by `map`; other fields untouched. */
export function withDataset<T extends { readonly dataset?: unknown }>(record: T, map: (dataset: string) => string): T {
  return typeof record.dataset === 'string' ? { ...record, dataset: map(record.dataset) } : record;
}

/**
 * A data set recorded in `from` as it is recorded in `to`, for a run carried from one file to another
 * (a checkpoint exported into a training folder, and back): the same file on disk, relative to `to`'s directory.
 */
export function rebaseDataset(dataset: string, from: string, to: string): string {
  return datasetForFile(datasetFromFile(dataset, from), to);
}
