import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { type ActivationName, BackpropError, Network, type NetworkSpec, type OutputName, naturalLoss } from '@backprop/core';
import { type ChainChoices, chainSpec, fromOnnx, fromSafetensors, inspectSafetensors } from '@backprop/interop';
import { datasetFromFile, withDataset } from '../io/dataset-path.js';
import { CliError, fileProblem, usageError } from '../errors.js';
import { readJSONFile, saveModel } from '../io/model-file.js';
import { checkOutputPath } from '../io/output-path.js';
import type { Runtime } from '../runtime.js';
import { type ImportFormat, importFormats } from './interop-formats.js';
import { architecture } from './run-context.js';

const EXTENSIONS: Readonly<Record<string, ImportFormat>> = { '.onnx': 'onnx', '.safetensors': 'safetensors' };

/** The format of `file`: `--format` when given, else its extension (a usage error when neither tells). */
export function importFormat(file: string, flag: ImportFormat | undefined): ImportFormat {
  if (flag) return flag;
  const ext = extname(file).toLowerCase();
  const format = EXTENSIONS[ext];
  // A .json file is most often backprop's own model: it needs no import (eval, predict, inspect, export read it).
  const own = ext === '.json' ? '; a .json model is backprop\'s own: use it as it is, or export it' : '';
  if (!format) throw usageError(`${file}: cannot tell the format from the extension '${ext}' (expected .onnx or .safetensors, or pass --format ${importFormats.join('|')}${own})`);
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

/** `--activation` / `--output` as given (commander has checked the names), or undefined when neither is. */
function chainFlags(flags: Record<string, unknown>): ChainChoices | undefined {
  const activation = flags.activation as ActivationName | undefined;
  const output = flags.output as OutputName | undefined;
  if (activation === undefined && output === undefined) return undefined;
  return { ...(activation ? { activation } : {}), ...(output ? { output } : {}) };
}

/**
 * The spec a bare safetensors file (PyTorch's `save_file(seq.state_dict(), …)`, no backprop metadata)
 * needs: widths from its tensors, functions from `choices` (interop's defaults when absent). Undefined
 * when the file carries its architecture; `--activation` / `--output` then have nothing to say.
 */
function bareSpec(path: string, bytes: Uint8Array, choices: ChainChoices | undefined): NetworkSpec | undefined {
  const content = inspectSafetensors(bytes);
  if (content.kind === 'chain') return chainSpec(content.chain, choices ?? {});
  if (choices) throw usageError(`${path}: carries its architecture in __metadata__; --activation and --output go with bare PyTorch files`);
  return undefined;
}

/** What the bytes look like, whatever the name says: a renamed or mislabelled file is common (`model.onnx` that is safetensors). */
export function sniffFormat(bytes: Uint8Array): ImportFormat | 'json' | undefined {
  const first = bytes.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
  if (first === 0x7b) return 'json';
  // safetensors: a little-endian u64 header length that fits the file, then the header's JSON object.
  if (bytes.length > 9 && bytes[8] === 0x7b) {
    const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
    if (n <= BigInt(bytes.length - 8)) return 'safetensors';
  }
  // ONNX: ModelProto's first field, ir_version (field 1, varint: tag 0x08), a small number.
  if (bytes[0] === 0x08 && bytes.length > 1 && bytes[1]! > 0 && bytes[1]! < 0x40) return 'onnx';
  return undefined;
}

/** A hint when the content is not what the format says: the format it looks like, or a backprop model that needs no import. */
function contentHint(bytes: Uint8Array, format: ImportFormat): string {
  const looks = sniffFormat(bytes);
  if (looks === undefined || looks === format) return '';
  if (looks === 'json') return ' (it holds JSON text: a backprop model file needs no import; use it as it is)';
  return ` (its content looks like ${looks === 'onnx' ? 'ONNX' : 'safetensors'}: pass --format ${looks})`;
}

/**
 * Builds the network from the file's bytes. The loaders' typed errors (truncated file, unsupported
 * operator, NaN weights, hostile sizes, tensors that do not chain) describe a bad *file*, so they are
 * exit 1 whatever their code.
 */
export function importNetwork(path: string, bytes: Uint8Array, format: ImportFormat, spec?: NetworkSpec, choices?: ChainChoices): Network {
  if (bytes.length === 0) throw new CliError(`${path}: the file is empty`);
  try {
    if (format === 'onnx') return fromOnnx(bytes);
    return fromSafetensors(bytes, spec ?? bareSpec(path, bytes, choices));
  } catch (error) {
    if (error instanceof BackpropError) throw new CliError(`${path}: not a usable ${format === 'onnx' ? 'ONNX' : 'safetensors'} model: ${error.message}${contentHint(bytes, format)}`);
    throw error;
  }
}

/** `backprop import FILE --out model.json [--spec spec.json | --activation g --output O]`, or `backprop import DIR --out checkpoint.json` (a training folder). */
export async function importCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const folder = await import('./pytorch-training.js');
  if (folder.isFolder(file)) {
    if (['format', 'spec', 'activation', 'output'].some((k) => flags[k] !== undefined)) throw usageError(`${file}: a training folder carries its architecture; --format, --spec, --activation and --output go with files`);
    return folder.importPytorchCommand(file, flags.out as string, rt);
  }
  const format = importFormat(file, flags.format as ImportFormat | undefined);
  const out = flags.out as string;
  if (resolve(out) === resolve(file)) throw usageError(`${out}: is the input file; choose another --out`);
  checkOutputPath(out, '--out');
  const specFile = flags.spec as string | undefined;
  const choices = chainFlags(flags);
  if (specFile !== undefined && format !== 'safetensors') throw usageError(`--spec goes with safetensors files, not ${format}`);
  if (choices?.activation !== undefined && format !== 'safetensors') throw usageError(`--activation goes with bare safetensors files, not ${format} (its graph names its activations)`);
  if (choices && specFile !== undefined) throw usageError('--activation and --output replace --spec (the spec names the functions itself); pass one or the other');
  const spec = specFile === undefined ? undefined : (readJSONFile(specFile) as NetworkSpec);
  const bytes = readBytes(file);
  const imported = importNetwork(file, bytes, format, spec, choices);
  const net = format === 'onnx' ? onnxOutput(file, imported, choices?.output) : imported;
  // A recorded data set is relative to the imported file; saveModel records it relative to --out.
  if (net.metadata) net.setMetadata(withDataset(net.metadata, (d) => datasetFromFile(d, file)));
  saveModel(out, net);
  rt.stdout.write(`${file}: ${architecture(net)} (${net.dtype}, ${format}) → wrote ${out}\n`);
  const assumed = format === 'safetensors' && spec === undefined ? assumedFunctions(net, bytes, choices) : format === 'onnx' && choices?.output === undefined && !recordsLoss(bytes) ? logitsNote(net) : undefined;
  if (assumed) rt.stderr.write(`${file}: ${assumed}\n`);
  return 0;
}

/**
 * An ONNX graph that ends in a Linear layer gives logits: with `--output softmax` (or logistic) the model
 * applies that function and trains with its natural loss, as the PyTorch classifier did (CrossEntropyLoss /
 * BCEWithLogitsLoss take logits). A graph with an output function of its own keeps it.
 */
function onnxOutput(file: string, net: Network, output: OutputName | undefined): Network {
  if (output === undefined || output === net.output) return net;
  if (net.output !== 'linear') throw usageError(`${file}: the graph ends with its own ${net.output} output; --output goes with graphs that end in a Linear layer (logits)`);
  const json = net.toJSON();
  return Network.fromJSON({ ...json, output: { ...json.output, fn: output, loss: naturalLoss[output] } });
}

/** True for an ONNX file of ours: its metadata records the loss (a linear output there is a regression, as trained). */
const recordsLoss = (bytes: Uint8Array): boolean => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('backprop.loss');

/** What an ONNX import of logits means and how to say it is a classifier, or undefined. */
function logitsNote(net: Network): string | undefined {
  if (net.output !== 'linear') return undefined;
  const [fn, loss] = net.outputs > 1 ? ['softmax', 'CrossEntropyLoss'] : ['logistic', 'BCEWithLogitsLoss'];
  return `the graph ends in a Linear layer (no Softmax or Sigmoid): imported with a linear output (regression, squared error); for a classifier exported as logits (trained with ${loss}), import again with --output ${fn}`;
}

/**
 * What a bare state dict's import took for granted, in words (the functions are not in such a file: a tanh
 * network read with the default relu gives wrong answers without any error), or undefined when nothing was.
 */
function assumedFunctions(net: Network, bytes: Uint8Array, choices: ChainChoices | undefined): string | undefined {
  if (inspectSafetensors(bytes).kind !== 'chain') return undefined;
  const hidden = net.layers.find((l) => l.kind === 'hidden')?.activation;
  const parts = [
    ...(choices?.activation === undefined && hidden !== undefined ? [`${hidden} between the Linear layers`] : []),
    ...(choices?.output === undefined ? [`a ${net.output} output`] : []),
  ];
  if (parts.length === 0) return undefined;
  const flags = [...(choices?.activation === undefined && hidden !== undefined ? ['--activation NAME'] : []), ...(choices?.output === undefined ? ['--output FN'] : [])];
  return `a bare state dict (the file holds weights, not the functions between them): assumed ${parts.join(' and ')}; if the network used others, import again with ${flags.join(' ')}`;
}
