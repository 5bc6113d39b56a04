import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { BackpropError, type Network } from '@backprop/core';
import { ONNX_OPSET, pytorchSnippet, toCSource, toOnnx, toSafetensors, toStandaloneModule } from '@backprop/interop';
import { CliError, usageError } from '../errors.js';
import { count } from '../format.js';
import { datasetForFile, datasetFromFile, withDataset } from '../io/dataset-path.js';
import { loadModel, writeFileAtomic } from '../io/model-file.js';
import { checkOutputPath } from '../io/output-path.js';
import type { Runtime } from '../runtime.js';
import { type ExportDtype, type ExportFormat, exportExtensions, exportFormats } from './interop-formats.js';
import { architecture } from './run-context.js';

/** The `.d.ts` beside a generated module: `model.js` → `model.d.ts`, `model.mjs` → `model.d.mts`. */
export function declarationPath(js: string): string {
  if (js.endsWith('.mjs')) return `${js.slice(0, -4)}.d.mts`;
  if (js.endsWith('.js')) return `${js.slice(0, -3)}.d.ts`;
  return `${js}.d.ts`;
}

/** The C identifier for `--format c --out DIR/my-model.c`: `my_model` (also the header's name, `my_model.h`). */
export function cName(out: string): string {
  const name = basename(out).replace(/\.c$/, '').replace(/[^A-Za-z0-9_]/g, '_').slice(0, 63) || 'model';
  return /^[0-9]/.test(name) ? `_${name}`.slice(0, 63) : name;
}

/** One file to write: its path and content. */
interface Output {
  readonly path: string;
  readonly content: string | Uint8Array;
}

/** The files an export produces (nothing is written here). */
export function exportFiles(net: Network, format: Exclude<ExportFormat, 'pytorch'>, out: string, options: { dtype?: ExportDtype; snippet?: string } = {}): Output[] {
  const dtype = options.dtype ? { dtype: options.dtype } : {};
  switch (format) {
    case 'onnx':
      return [{ path: out, content: toOnnx(net, dtype) }];
    case 'safetensors': {
      const files: Output[] = [{ path: out, content: toSafetensors(net, dtype) }];
      // The snippet opens the weights relative to its own directory, where one would run it.
      const file = options.snippet ? relative(dirname(resolve(options.snippet)), resolve(out)) || basename(out) : undefined;
      if (options.snippet) files.push({ path: options.snippet, content: pytorchSnippet(net, { file: file! }) });
      return files;
    }
    case 'c': {
      // The header first, beside the source that includes it by name.
      const { name, header, source } = toCSource(net, { name: cName(out) });
      return [
        { path: join(dirname(out), `${name}.h`), content: header },
        { path: out, content: source },
      ];
    }
    case 'js': {
      const { js, dts } = toStandaloneModule(net);
      // The declaration first: when the module appears, its types are already there.
      return [
        { path: declarationPath(out), content: dts },
        { path: out, content: js },
      ];
    }
  }
}

/** The format `--out`'s extension names, as `backprop import` reads one off its file (a usage error when it names none). */
export function exportFormatOf(out: string): ExportFormat {
  const ext = extname(out).toLowerCase();
  const format = exportExtensions[ext];
  if (format) return format;
  const known = Object.keys(exportExtensions).join(', ');
  throw usageError(`--out ${out}: cannot tell the format from the extension '${ext}' (expected ${known}, or pass --format ${exportFormats.join('|')}; pytorch writes a folder)`);
}

/** `backprop export model.json --format onnx|safetensors|js|c --out FILE`, and `--format pytorch --out DIR` (a training folder). */
export async function exportCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const out = flags.out as string;
  const format = (flags.format as ExportFormat | undefined) ?? exportFormatOf(out);
  const snippet = flags.snippet as string | undefined;
  const dtype = flags.dtype as ExportDtype | undefined;
  if (format === 'pytorch') {
    if (snippet !== undefined || dtype !== undefined) throw usageError('--snippet and --dtype go with --format safetensors / onnx; pytorch writes a whole training folder in the model dtype');
    return (await import('./pytorch-training.js')).exportPytorchCommand(file, out, rt);
  }
  if (snippet !== undefined && format !== 'safetensors') throw usageError(`--snippet goes with --format safetensors, not ${format}`);
  if (dtype !== undefined && format === 'js') throw usageError('--dtype applies to --format onnx and safetensors; the js module keeps the model dtype');
  if (dtype !== undefined && format === 'c') throw usageError('--dtype applies to --format onnx and safetensors; the C export has float32 weights');
  // Before any work: an unwritable --out is said in words (a missing folder, a directory), not as "no such file".
  checkOutputPath(out, '--out');
  if (snippet !== undefined) checkOutputPath(snippet, '--snippet');
  const net = loadModel(file);
  // The data set a model records is relative to its own file (io/dataset-path.ts): so it is in the exported file.
  if (net.metadata) net.setMetadata(withDataset(net.metadata, (d) => datasetForFile(datasetFromFile(d, file), out)));
  let files: Output[];
  try {
    files = exportFiles(net, format, out, { ...(dtype && { dtype }), ...(snippet !== undefined && { snippet }) });
  } catch (error) {
    // What the model file holds cannot go into this format (a metadata key the format's own entries use): a fault of the file, exit 1, named in its terms.
    if (error instanceof BackpropError && error.argument.startsWith('net.metadata')) {
      throw new CliError(`${file}: ${error.message.replace(/^net\./, '')}; rename or remove that key in the file's "metadata"`);
    }
    throw error;
  }
  const clash = files.find((f) => resolve(f.path) === resolve(file));
  if (clash) throw usageError(`${clash.path}: is the input model; choose another --out`);
  for (const f of files) writeFileAtomic(f.path, f.content);
  const what = format === 'onnx' ? `ONNX opset ${ONNX_OPSET}` : format === 'safetensors' ? 'safetensors' : format === 'c' ? 'C99 header + source (float32)' : 'standalone ES module';
  for (const f of files) rt.stdout.write(`wrote ${f.path} (${count(byteLength(f.content))} bytes)\n`);
  rt.stdout.write(`${file}: ${architecture(net)} → ${what}\n`);
  return 0;
}

const byteLength = (content: string | Uint8Array): number => (typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length);
