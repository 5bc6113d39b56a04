import { accessSync, constants, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { usageError } from '../errors.js';

/**
 * Checks, before any work starts, that `path` can be written as a file: its directory exists and is
 * writable, and the path itself is not a directory or a device. A run that trains for an hour must not
 * find out at the end that its model has nowhere to go. `flag` names the option in the message.
 */
export function checkOutputPath(path: string, flag: string): void {
  const where = `${flag} ${path}`;
  if (path.trim() === '') throw usageError(`${flag}: expected a file name, got an empty string`);
  if (path.endsWith('/')) throw usageError(`${where}: expected a file name, got a directory (e.g. ${path}model.json)`);
  const target = resolve(path);
  const stats = statOrUndefined(target);
  if (stats?.isDirectory()) throw usageError(`${where}: is a directory; give a file name (e.g. ${path.replace(/\/?$/, '/')}model.json)`);
  if (stats && !stats.isFile()) throw usageError(`${where}: not a regular file; refusing to replace it`);
  const dir = dirname(target);
  const dirStats = statOrUndefined(dir);
  if (!dirStats) throw usageError(`${where}: the directory ${dirname(path)} does not exist (create it first)`);
  if (!dirStats.isDirectory()) throw usageError(`${where}: ${dirname(path)} is not a directory`);
  try {
    // The temp file of an atomic save is created beside the target, so the directory must be writable.
    accessSync(dir, constants.W_OK);
  } catch {
    throw usageError(`${where}: the directory ${dirname(path)} is not writable`);
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * `path` when nothing is there yet, else the first free `stem-N.ext` beside it (N = 1, 2, …), as a
 * browser names a second download: for files the program names itself, so an earlier run's file is kept.
 */
export function freeName(path: string): string {
  if (statOrUndefined(path) === undefined) return path;
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (statOrUndefined(candidate) === undefined) return candidate;
  }
}
