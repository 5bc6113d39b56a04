import { safetensorsFail } from '../errors.js';
import type { Bytes } from '../bytes.js';
import { readHeader } from '../safetensors.js';

/** One tensor to write: row-major values of `shape`. */
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
}

/**
 * safetensors bytes of float tensors (F32 or F64), names sorted, `__metadata__` string → string, the header
 * padded with spaces to 8 bytes (as the reference writer does, so every tensor starts aligned).
 */
export function writeSafetensors(tensors: readonly NamedTensor[], dtype: 'float32' | 'float64', metadata: Readonly<Record<string, string>>): Uint8Array {
  const size = dtype === 'float32' ? 4 : 8;
  const sorted = [...tensors].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const t of sorted) {
    header[t.name] = { dtype: dtype === 'float32' ? 'F32' : 'F64', shape: t.shape, data_offsets: [offset, offset + t.values.length * size] };
    offset += t.values.length * size;
  }
  const text = JSON.stringify(header);
  const length = new TextEncoder().encode(text).length;
  const json = new TextEncoder().encode(text + ' '.repeat(Math.ceil(length / 8) * 8 - length));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of sorted) {
    for (let i = 0; i < t.values.length; i++, at += size) {
      if (size === 4) view.setFloat32(at, t.values[i]!, true);
      else view.setFloat64(at, t.values[i]!, true);
    }
  }
  return out;
}

/** A read tensor: its shape and values (float64 whatever the file's F32 / F64). */
export interface ReadTensor {
  readonly shape: readonly number[];
  readonly values: Float64Array;
}

/**
 * Every tensor of a safetensors file, checked: F32 / F64 only, offsets inside the data, finite values.
 * Throws {@link SafetensorsError} naming `file` and the tensor.
 */
export function readSafetensors(file: string, bytes: Bytes): { tensors: Map<string, ReadTensor>; metadata: Record<string, unknown> } {
  const { header, data } = readHeader(bytes, file);
  const tensors = new Map<string, ReadTensor>();
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const e = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const at = `${file}: tensor "${name}"`;
    if (e.dtype !== 'F32' && e.dtype !== 'F64') safetensorsFail('corrupt_model', `${at}.dtype`, "'F32' or 'F64'", JSON.stringify(e.dtype));
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) safetensorsFail('corrupt_model', `${at}.shape`, 'an array of sizes', JSON.stringify(e.shape));
    const shape = e.shape as number[];
    const size = e.dtype === 'F32' ? 4 : 8;
    const count = shape.reduce((a, b) => a * b, 1);
    const o = e.data_offsets;
    if (!Array.isArray(o) || o.length !== 2 || !o.every((x) => Number.isSafeInteger(x) && x >= 0) || o[1] > data.byteLength || o[1] - o[0] !== count * size) {
      safetensorsFail('corrupt_model', `${at}.data_offsets`, `[begin, begin + ${count * size}] within the ${data.byteLength} data bytes`, JSON.stringify(o)?.slice(0, 60) ?? 'none');
    }
    const begin = (o as number[])[0]!;
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = size === 4 ? data.getFloat32(begin + i * 4, true) : data.getFloat64(begin + i * 8, true);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) safetensorsFail('non_finite', `${at}[${bad}]`, 'finite values', String(values[bad]));
    tensors.set(name, { shape, values });
  }
  const metadata = (header.__metadata__ ?? {}) as Record<string, unknown>;
  return { tensors, metadata };
}

/** A float64 `.npy` file (format 1.0, C order) of an N × cols matrix, as `numpy.load` reads it. */
export function writeNpy(values: ArrayLike<number>, rows: number, cols: number): Uint8Array {
  let dict = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  // magic (6) + version (2) + length (2) + dict + '\n' must be a multiple of 64 bytes.
  dict += ' '.repeat((64 - ((10 + dict.length + 1) % 64)) % 64);
  dict += '\n';
  const out = new Uint8Array(10 + dict.length + values.length * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, dict.length, true);
  out.set(new TextEncoder().encode(dict), 10);
  for (let i = 0; i < values.length; i++) view.setFloat64(10 + dict.length + i * 8, values[i]!, true);
  return out;
}
