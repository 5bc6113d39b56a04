import { basename, dirname, relative, resolve } from 'node:path';
import type { Network } from '@backprop/core';
import { ONNX_OPSET, pytorchSnippet, toOnnx, toSafetensors, toStandaloneModule } from '@backprop/interop';
import { usageError } from '../errors.js';
import { count } from '../format.js';
import { loadModel, writeFileAtomic } from '../io/model-file.js';
import type { Runtime } from '../runtime.js';
import type { ExportDtype, ExportFormat } from './interop-formats.js';
import { architecture } from './run-context.js';

/** The `.d.ts` beside a generated module: `model.js` → `model.d.ts`, `model.mjs` → `model.d.mts`. */
export function declarationPath(js: string): string {
  if (js.endsWith('.mjs')) return `${js.slice(0, -4)}.d.mts`;
  if (js.endsWith('.js')) return `${js.slice(0, -3)}.d.ts`;
  return `${js}.d.ts`;
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

/** `backprop export model.json --format onnx|safetensors|js --out FILE`, and `--format pytorch --out DIR` (a training folder). */
export async function exportCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const format = flags.format as ExportFormat;
  const out = flags.out as string;
  const snippet = flags.snippet as string | undefined;
  const dtype = flags.dtype as ExportDtype | undefined;
  if (format === 'pytorch') {
    if (snippet !== undefined || dtype !== undefined) throw usageError('--snippet and --dtype go with --format safetensors / onnx; pytorch writes a whole training folder in the model dtype');
    return (await import('./pytorch-training.js')).exportPytorchCommand(file, out, rt);
  }
  if (snippet !== undefined && format !== 'safetensors') throw usageError(`--snippet goes with --format safetensors, not ${format}`);
  if (dtype !== undefined && format === 'js') throw usageError('--dtype applies to --format onnx and safetensors; the js module keeps the model dtype');
  const net = loadModel(file);
  const files = exportFiles(net, format, out, { ...(dtype && { dtype }), ...(snippet !== undefined && { snippet }) });
  const clash = files.find((f) => resolve(f.path) === resolve(file));
  if (clash) throw usageError(`${clash.path}: is the input model; choose another --out`);
  for (const f of files) writeFileAtomic(f.path, f.content);
  const what = format === 'onnx' ? `ONNX opset ${ONNX_OPSET}` : format === 'safetensors' ? 'safetensors' : 'standalone ES module';
  for (const f of files) rt.stdout.write(`wrote ${f.path} (${count(byteLength(f.content))} bytes)\n`);
  rt.stdout.write(`${file}: ${architecture(net)} → ${what}\n`);
  return 0;
}

const byteLength = (content: string | Uint8Array): number => (typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length);
