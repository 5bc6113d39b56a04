import { type ActivationName, BackpropError, type LossName, MODEL_FORMAT, Network, type NetworkSpec, type OutputName, type Preprocessing } from '@backprop/core';
import { asBytes, type Bytes } from './bytes.js';
import { safetensorsFail } from './errors.js';
import { type DenseLayer, networkFromParts, partsOf } from './model-parts.js';
import { checkNetwork, checkOptions, describeValue } from './options.js';
import { checkNames, linearModules, type SafetensorsNames } from './safetensors-names.js';
import { metadataEntries, metadataRecord } from './user-metadata.js';

/** `__metadata__` keys that {@link toSafetensors} writes itself (a user metadata key may not take them). */
const OWN_KEYS = ['format', 'architecture', 'preprocessing'] as const;

// safetensors (https://github.com/huggingface/safetensors): an 8-byte little-endian header length, a JSON
// header { name: { dtype, shape, data_offsets: [begin, end] }, __metadata__: { string: string } }, then
// the tensors' bytes back to back (little-endian, row-major), offsets relative to the end of the header.

/** Options of {@link toSafetensors}. */
export interface SafetensorsOptions {
  /** Tensor type: `float32` (F32, default; what PyTorch models use) or `float64` (F64, exact for float64 networks). */
  readonly dtype?: 'float32' | 'float64';
}

/** The `__metadata__.architecture` JSON: what {@link fromSafetensors} needs beyond the tensors. */
interface Architecture {
  readonly inputs: number;
  readonly layers: readonly { readonly units: number; readonly activation: ActivationName }[];
  readonly output: { readonly units: number; readonly fn: OutputName; readonly loss: LossName };
}

/** nn.Sequential names: Linear k (1-based) sits at index 2(k − 1), its activation at the odd index after it. */
export const linearIndex = (k: number): number => 2 * (k - 1);

/** The largest header we read (the reference implementation's limit is 100 MB). */
const MAX_HEADER = 100_000_000;
/** Tensor data beyond this is not a plausible file (so a hostile offset is a bad offset, not a truncated file). */
const MAX_FILE = 2 ** 40;

/**
 * Exports a network's weights as safetensors bytes with nn.Sequential's names: `0.weight` (W_1,
 * n_1 × n_0, nn.Linear.weight's layout), `0.bias`, `2.weight`, … (activations at the odd indices), and
 * `__metadata__` carrying `format`, `architecture` (JSON: widths, activations, output function, loss)
 * and, when stored, `preprocessing` (JSON), so {@link fromSafetensors} needs nothing else; `net.metadata` goes
 * there too, one string per key (a number or boolean as its JSON text, its type in `backprop.metadata.types`;
 * the keys `format`, `architecture`, `preprocessing` and `backprop.…` throw `BackpropError`).
 * @example writeFileSync('model.safetensors', toSafetensors(net)); writeFileSync('load.py', pytorchSnippet(net));
 */
export function toSafetensors(net: Network, options: SafetensorsOptions = {}): Uint8Array {
  checkNetwork('net', net);
  checkOptions('options', options, ['dtype']);
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') throw new BackpropError('invalid_option', 'options.dtype', "'float32' or 'float64'", String(dtype));
  const parts = partsOf(net);
  const size = dtype === 'float32' ? 4 : 8;
  const architecture: Architecture = {
    inputs: parts.inputs,
    layers: parts.layers.slice(0, -1).map((l) => ({ units: l.units, activation: l.activation! })),
    output: { units: parts.layers[parts.layers.length - 1]!.units, fn: parts.output, loss: parts.loss },
  };
  const metadata: Record<string, string> = { format: MODEL_FORMAT, architecture: JSON.stringify(architecture) };
  if (parts.preprocessing) metadata.preprocessing = JSON.stringify(parts.preprocessing);
  for (const [key, value] of metadataEntries(parts.metadata, OWN_KEYS)) metadata[key] = value;
  const header: Record<string, unknown> = { __metadata__: metadata };
  const tensors: ArrayLike<number>[] = [];
  let offset = 0;
  parts.layers.forEach((l, i) => {
    const index = linearIndex(i + 1);
    for (const [name, values, shape] of [['weight', l.W, [l.units, l.fanIn]], ['bias', l.b, [l.units]]] as const) {
      header[`${index}.${name}`] = { dtype: dtype === 'float32' ? 'F32' : 'F64', shape, data_offsets: [offset, offset + values.length * size] };
      tensors.push(values);
      offset += values.length * size;
    }
  });
  // Pad the header with spaces to a multiple of 8 bytes, so every tensor starts aligned (as the reference writer does).
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padded - json.length));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const values of tensors) {
    for (let i = 0; i < values.length; i++, at += size) {
      if (size === 4) view.setFloat32(at, values[i]!, true);
      else view.setFloat64(at, values[i]!, true);
    }
  }
  return out;
}

/** The JSON header and the data after it; a typed {@link SafetensorsError} when either is unreadable. */
export function readHeader(file: Bytes, argument = 'bytes'): { header: Record<string, unknown>; data: DataView } {
  const bytes = asBytes(file, (actual) => safetensorsFail('invalid_argument', argument, 'the bytes of a safetensors file (a Uint8Array, an ArrayBuffer or a view of one)', actual));
  if (bytes.length < 8) safetensorsFail('corrupt_model', 'bytes', 'at least the 8-byte header length', `${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) {
    // A plausible length past the end: the file was cut short (an interrupted download or copy).
    const cut = length <= BigInt(MAX_HEADER) ? ' (the file ends inside its header: truncated?)' : '';
    safetensorsFail('corrupt_model', 'header length', `at most ${Math.min(MAX_HEADER, bytes.length - 8)} bytes (the file's size)`, `${length}${cut}`);
  }
  const n = Number(length);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    safetensorsFail('corrupt_model', 'header', 'UTF-8 JSON text', `a parse error (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) safetensorsFail('corrupt_model', 'header', 'a JSON object', 'another JSON value');
  // The data ends where the tensors' offsets say it does: less is a file cut short (an interrupted download or copy).
  const declared = Object.values(header).reduce((end: number, t) => {
    const o = (t as { data_offsets?: unknown } | null)?.data_offsets;
    return Array.isArray(o) && Number.isSafeInteger(o[1]) ? Math.max(end, o[1] as number) : end;
  }, 0);
  if (declared > bytes.length - 8 - n && declared <= MAX_FILE) {
    safetensorsFail('corrupt_model', 'bytes', `${declared} bytes of tensor data after the header (as its data_offsets say)`, `${bytes.length - 8 - n} (the file was cut short: truncated)`);
  }
  return { header: header as Record<string, unknown>, data: new DataView(bytes.buffer, bytes.byteOffset + 8 + n, bytes.length - 8 - n) };
}

function readTensor(header: Record<string, unknown>, data: DataView, name: string, shape: readonly number[]): Float32Array | Float64Array {
  const entry = header[name] as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | undefined;
  if (typeof entry !== 'object' || entry === null) return safetensorsFail('corrupt_model', `tensor "${name}"`, `a tensor of shape [${shape.join(', ')}]`, 'none');
  if (entry.dtype !== 'F32' && entry.dtype !== 'F64') safetensorsFail('corrupt_model', `tensor "${name}".dtype`, "'F32' or 'F64'", JSON.stringify(entry.dtype));
  if (!Array.isArray(entry.shape) || entry.shape.length !== shape.length || entry.shape.some((d, i) => d !== shape[i])) {
    safetensorsFail('shape_mismatch', `tensor "${name}".shape`, `[${shape.join(', ')}]`, JSON.stringify(entry.shape)?.slice(0, 60) ?? 'none');
  }
  const size = entry.dtype === 'F32' ? 4 : 8;
  const count = shape.reduce((a, b) => a * b, 1);
  const offsets = entry.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[1] > data.byteLength || offsets[1] - offsets[0] !== count * size) {
    safetensorsFail('corrupt_model', `tensor "${name}".data_offsets`, `[begin, begin + ${count * size}] within the ${data.byteLength} data bytes`, JSON.stringify(offsets)?.slice(0, 60) ?? 'none');
  }
  const begin = (offsets as number[])[0]!;
  const out = size === 4 ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = size === 4 ? data.getFloat32(begin + i * 4, true) : data.getFloat64(begin + i * 8, true);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) safetensorsFail('non_finite', `tensor "${name}"[${bad}]`, 'finite weights', String(out[bad]));
  return out;
}

function metadataJSON(header: Record<string, unknown>, key: string): unknown {
  const text = (header.__metadata__ as Record<string, unknown> | undefined)?.[key];
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return safetensorsFail('corrupt_model', `__metadata__.${key}`, 'JSON text', JSON.stringify(text.slice(0, 40)));
  }
}

/** `__metadata__`'s entries (the format makes every value a string; another value is left out). */
function stringEntries(header: Record<string, unknown>): [string, string][] {
  const metadata = header.__metadata__;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return [];
  return Object.entries(metadata).filter((e): e is [string, string] => typeof e[1] === 'string');
}

/**
 * Loads a network from safetensors bytes with nn.Sequential names (`0.weight`, `0.bias`, `2.weight`, …,
 * as {@link toSafetensors} and `safetensors.torch.save_file(model.state_dict(), …)` write them), or any
 * state_dict naming whose order {@link inspectSafetensors} recovers (`fc1.weight`, `layers.0.weight`,
 * `net.2.bias`), or the Linear modules listed in `options.names`. The
 * architecture comes from `__metadata__` when present, else from `architecture` (a {@link NetworkSpec};
 * given, it wins). Other `__metadata__` entries become `net.metadata` (as {@link toSafetensors} wrote them; another
 * tool's entries that the core's metadata cannot hold are left out). F32 tensors make a float32 network, F64 a float64 one. Throws {@link SafetensorsError}
 * (`corrupt_model`, `shape_mismatch`, `non_finite`) before anything is built.
 * @example fromSafetensors(bytes, { inputs: 4, layers: [{ units: 8, activation: 'relu' }], output: { units: 3, fn: 'softmax' } })
 * @prelude const bytes = torchStateDict; // a bare 4 → 8 → 3 nn.Sequential state_dict
 */
export function fromSafetensors(bytes: Bytes, architecture?: NetworkSpec, options: SafetensorsNames = {}): Network {
  checkOptions('options', options, ['names']);
  const names = checkNames(options.names);
  if (architecture !== undefined && (typeof architecture !== 'object' || architecture === null || Array.isArray(architecture))) {
    safetensorsFail('invalid_argument', 'architecture', 'a NetworkSpec object (or nothing, to read __metadata__.architecture)', describeValue(architecture));
  }
  const { header, data } = readHeader(bytes);
  let spec: NetworkSpec | undefined = architecture;
  if (!spec) {
    const stored = metadataJSON(header, 'architecture') as Architecture | undefined;
    if (!stored) return safetensorsFail('invalid_argument', 'architecture', 'a NetworkSpec (the file has no __metadata__.architecture)', 'none');
    if (typeof stored !== 'object' || Array.isArray(stored)) return safetensorsFail('corrupt_model', '__metadata__.architecture', 'a JSON object { inputs, layers, output }', describeValue(stored));
    spec = { inputs: stored.inputs, layers: stored.layers, output: stored.output };
  }
  // A hostile architecture must not make us allocate: it cannot need more parameters than the file holds.
  // Only a well-formed spec is sized here; anything else is left to the core's validation below.
  const layers = spec.layers ?? [];
  const widths = Array.isArray(layers) ? [spec.inputs, ...layers.map((l: unknown) => (l as { units?: unknown } | null)?.units), (spec.output as { units?: unknown } | null)?.units] : [];
  if (widths.length > 0 && widths.every((w) => Number.isSafeInteger(w) && (w as number) > 0)) {
    const count = widths.slice(1).reduce((n: number, w, i) => n + (w as number) * ((widths[i] as number) + 1), 0);
    if (count * 4 > data.byteLength) safetensorsFail('shape_mismatch', 'architecture', `at most ${Math.floor(data.byteLength / 4)} parameters (the file's tensor bytes / 4)`, `${count}`);
  }
  let shapeOf: Network;
  try {
    // Validates the spec with the core's rules and resolves its defaults (widths, loss); its weights are discarded.
    shapeOf = Network.create(spec);
  } catch (e) {
    if (e instanceof BackpropError) return safetensorsFail(e.code, `architecture (${e.argument})`, e.expected, e.actual);
    throw e;
  }
  const expected = new Set<string>(['__metadata__']);
  // Our own files and bare nn.Sequential ones use 0, 2, 4, …; other state_dicts their module names (safetensors-names.ts).
  const tensorNames = Object.keys(header).filter((k) => k !== '__metadata__');
  const modules = !names && `${linearIndex(1)}.weight` in header ? undefined : linearModules(tensorNames, names);
  if (modules && modules.length !== shapeOf.layers.length) {
    safetensorsFail('shape_mismatch', 'architecture', `${modules.length} layers (the file's Linear modules: ${modules.join(', ')})`, `${shapeOf.layers.length}`);
  }
  const dense: DenseLayer[] = shapeOf.layers.map((l) => {
    const index = modules ? modules[l.layer - 1]! : linearIndex(l.layer);
    expected.add(`${index}.weight`).add(`${index}.bias`);
    const W = readTensor(header, data, `${index}.weight`, [l.units, l.fanIn]);
    const b = readTensor(header, data, `${index}.bias`, [l.units]);
    if (W.constructor !== b.constructor) safetensorsFail('corrupt_model', `tensor "${index}.bias".dtype`, 'the same dtype as the weight', b instanceof Float32Array ? 'F32' : 'F64');
    return { units: l.units, fanIn: l.fanIn, activation: l.kind === 'hidden' ? (l.activation as ActivationName) : undefined, W, b };
  });
  const extra = Object.keys(header).find((k) => !expected.has(k));
  if (extra !== undefined) safetensorsFail('corrupt_model', `tensor "${extra}"`, `only the tensors of this architecture (${[...expected].slice(1).join(', ')})`, 'an unexpected tensor');
  const dtype = dense.every((l) => l.W instanceof Float32Array) ? 'float32' : dense.every((l) => l.W instanceof Float64Array) ? 'float64' : undefined;
  if (!dtype) return safetensorsFail('corrupt_model', 'tensors', 'all F32 or all F64', 'a mix');
  const preprocessing = metadataJSON(header, 'preprocessing') as Preprocessing | undefined;
  const metadata = metadataRecord(stringEntries(header), OWN_KEYS, '__metadata__', (argument, expected, actual) => safetensorsFail('corrupt_model', argument, expected, actual));
  try {
    return networkFromParts({ inputs: shapeOf.inputs, dtype, layers: dense, output: shapeOf.output, loss: shapeOf.lossName, preprocessing, metadata });
  } catch (e) {
    if (e instanceof BackpropError) return safetensorsFail(e.code, `model (${e.argument})`, e.expected, e.actual);
    throw e;
  }
}
