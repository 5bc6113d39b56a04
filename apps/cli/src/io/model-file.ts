import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ModelFormatError, Network, type NetworkJSON } from '@backprop/core';
import { datasetForFile, withDataset } from './dataset-path.js';
import { CliError, fileProblem } from '../errors.js';

/**
 * Writes `content` (text as UTF-8, or bytes) to `path` atomically: a temp file in the same directory
 * (so the rename stays on one file system), fsync, then rename over the target. A crash, kill or Ctrl-C
 * at any moment leaves either the old file or the complete new one, never half of it.
 */
export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  // Only regular files are replaced: renaming over /dev/null or a FIFO would destroy it. A symlink is
  // followed, so the file it points to is the one replaced.
  let path = target;
  try {
    path = realpathSync(target);
    if (!statSync(path).isFile()) throw new CliError(`${target}: not a regular file; refusing to replace it`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    path = target; // does not exist yet: created below
  }
  const dir = dirname(path);
  removeStaleTemps(dir, basename(path));
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o644);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temp file was never created or is already renamed.
    }
    throw fileProblem(path, error);
  }
  try {
    // Persist the rename itself; not every platform lets a directory be opened, so this is best effort.
    const dirFd = openSync(dir, 'r');
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Best effort only.
  }
}

/** Whether a process with this id is running (signal 0 only checks). EPERM: it runs, as another user. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files of earlier saves to the same target whose writer is gone (killed mid-save, e.g. by
 * SIGKILL or a power cut): `.NAME.PID.STAMP.tmp`. A save still running in another process is left alone.
 */
export function removeStaleTemps(dir: string, name: string): string[] {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return removed;
  }
  const prefix = `.${name}.`;
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.tmp')) continue;
    const match = /^(\d+)\.[0-9a-z]+\.tmp$/.exec(entry.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && alive(pid)) continue;
    try {
      unlinkSync(join(dir, entry));
      removed.push(entry);
    } catch {
      // Someone else removed it first.
    }
  }
  return removed;
}

/** Reads and parses a JSON file; a missing file or bad JSON becomes a one-line CliError naming the file. */
export function readJSONFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // The folder `export --format pytorch` writes, given where a model goes: say how it comes back.
    if ((error as { code?: unknown }).code === 'EISDIR' && existsSync(join(path, 'training.json'))) {
      throw new CliError(`${path}: is a training folder (from export --format pytorch), not a model file; bring it back first: backprop import ${path} --out checkpoint.json`);
    }
    throw fileProblem(path, error);
  }
  // A byte-order mark (Windows editors write one) is not part of the JSON text (RFC 8259 §8.1 lets a parser ignore it).
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new CliError(`${path}: the file is empty`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary files are recognised by control bytes
  if (/[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 512))) {
    throw new CliError(`${path}: a binary file, not a backprop model (JSON); an .onnx or .safetensors file comes in with: backprop import ${path} --out model.json`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    // The data where the model goes (`eval iris.csv`): say which file is which.
    const firstLine = text.slice(0, text.indexOf('\n') >>> 0).trim();
    if (/\.(csv|tsv|txt)$/i.test(path) || (!/^[[{]/.test(firstLine) && /[,;\t]/.test(firstLine))) {
      throw new CliError(`${path}: a data file (CSV), not a backprop model (JSON): the model file comes first (one saved by backprop train --save), the data after -d/--dataset (eval) or second (predict)`);
    }
    // The parser stopped at the end of the text: the file was cut short (a copy or a write interrupted), not mistyped.
    const at = /at position (\d+)/.exec(message)?.[1];
    if (/Unexpected end of JSON input/.test(message) || (at !== undefined && Number(at) >= text.trimEnd().length)) {
      throw new CliError(`${path}: not valid JSON: it stops in the middle, after ${text.length.toLocaleString('en-US')} characters (a truncated file: an interrupted copy or download?)`);
    }
    throw new CliError(`${path}: not valid JSON (${message})`);
  }
}

/** Builds a network from parsed JSON, turning a format error into a one-line message naming the file. */
export function networkFromJSON(path: string, json: unknown): Network {
  try {
    return Network.fromJSON(json as NetworkJSON);
  } catch (error) {
    if (error instanceof ModelFormatError || error instanceof Error) throw new CliError(`${path}: not a backprop model: ${error.message}`);
    throw error;
  }
}

/** Loads a model file, or the model inside a checkpoint file. */
export function loadModel(path: string): Network {
  const json = readJSONFile(path);
  const inner = isCheckpointLike(json) ? json.model : json;
  return networkFromJSON(path, inner);
}

/** Saves a network as versioned JSON, atomically; a data set file in its metadata is recorded relative to `path`'s directory. */
export function saveModel(path: string, net: Network): void {
  const json = net.toJSON();
  const metadata = json.metadata && withDataset(json.metadata, (d) => datasetForFile(d, path));
  writeFileAtomic(path, `${JSON.stringify(metadata ? { ...json, metadata } : json)}\n`);
}

function isCheckpointLike(json: unknown): json is { model: unknown } {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'backprop-checkpoint';
}
