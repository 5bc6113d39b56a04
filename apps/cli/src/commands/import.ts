import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { BackpropError, type Network, type NetworkSpec } from '@backprop/core';
import { fromOnnx, fromSafetensors } from '@backprop/interop';
import { CliError, fileProblem, usageError } from '../errors.js';
import { readJSONFile, saveModel } from '../io/model-file.js';
import type { Runtime } from '../runtime.js';
import { type ImportFormat, importFormats } from './interop-formats.js';
import { architecture } from './run-context.js';


const EXTENSIONS: Readonly<Record<string, ImportFormat>> = { '.onnx': 'onnx', '.safetensors': 'safetensors' };

/** The format of `file`: `--format` when given, else its extension (a usage error when neither tells). */
export function importFormat(file: string, flag: ImportFormat | undefined): ImportFormat {
  if (flag) return flag;
  const ext = extname(file).toLowerCase();
  const format = EXTENSIONS[ext];
  if (!format) throw usageError(`${file}: cannot tell the format from the extension '${ext}' (expected .onnx or .safetensors, or pass --format ${importFormats.join('|')})`);
  return format;
}

/** Reads the whole file; a missing file or a directory becomes one line naming it (exit 1). */
function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw fileProblem(path, error);
  }
}

/**
 * Builds the network from the file's bytes. The loaders' typed errors (truncated file, unsupported
 * operator, NaN weights, hostile sizes) describe a bad *file*, so they are exit 1 whatever their code.
 */
export function importNetwork(path: string, bytes: Uint8Array, format: ImportFormat, spec?: NetworkSpec): Network {
  if (bytes.length === 0) throw new CliError(`${path}: the file is empty`);
  try {
    return format === 'onnx' ? fromOnnx(bytes) : fromSafetensors(bytes, spec);
  } catch (error) {
    if (error instanceof BackpropError) {
      const hint = format === 'safetensors' && error.argument === 'architecture' && !spec ? ' (a file saved by PyTorch needs --spec spec.json)' : '';
      throw new CliError(`${path}: not a usable ${format === 'onnx' ? 'ONNX' : 'safetensors'} model: ${error.message}${hint}`);
    }
    throw error;
  }
}

/** `backprop import FILE --out model.json`. */
export async function importCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const format = importFormat(file, flags.format as ImportFormat | undefined);
  const out = flags.out as string;
  if (resolve(out) === resolve(file)) throw usageError(`${out}: is the input file; choose another --out`);
  const specFile = flags.spec as string | undefined;
  if (specFile !== undefined && format !== 'safetensors') throw usageError(`--spec goes with safetensors files, not ${format}`);
  const spec = specFile === undefined ? undefined : (readJSONFile(specFile) as NetworkSpec);
  const net = importNetwork(file, readBytes(file), format, spec);
  saveModel(out, net);
  rt.stdout.write(`${file}: ${architecture(net)} (${net.dtype}, ${format}) → wrote ${out}\n`);
  return 0;
}
