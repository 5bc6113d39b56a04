import { BackpropError, describe } from './errors.js';
import type { NetworkHandle as Network } from './handle.js';

/** One metadata value: a string, a finite number or a boolean (no nesting, no null). */
export type MetadataValue = string | number | boolean;

/**
 * Facts saved with a model that the network does not use: the data set it was trained on, its split and
 * seed, an author, a licence. A flat record (as ONNX's `metadata_props` and safetensors' `__metadata__`),
 * small and checked: see {@link METADATA_LIMITS}.
 * @example const meta: ModelMetadata = { dataset: 'iris.csv', label: 'species', seed: 0, validation: 0.2, standardized: true };
 */
export type ModelMetadata = Readonly<Record<string, MetadataValue>>;

/**
 * The bounds of {@link ModelMetadata}: at most 64 keys; each key 1–64 characters of `A–Z a–z 0–9 _ . -`
 * starting with a letter or `_` (not `__proto__`); each string value at most 1024 characters (a file path
 * fits; a data set does not). So a model file's metadata is at most about 70 kB.
 */
export const METADATA_LIMITS = { keys: 64, keyLength: 64, stringLength: 1024 } as const;

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * True when `key` may name a metadata entry (see {@link METADATA_LIMITS}): for code that reads entries another
 * tool wrote (ONNX `metadata_props`, safetensors `__metadata__`) and keeps only those a model file can hold.
 * @example isMetadataKey('dataset') // true; isMetadataKey('my key') // false
 */
export function isMetadataKey(key: string): boolean {
  return typeof key === 'string' && key.length >= 1 && key.length <= METADATA_LIMITS.keyLength && KEY.test(key) && key !== '__proto__';
}

/** Throws the caller's error type; `actual` is already in words. */
type Fail = (path: string, expected: string, actual: string) => never;

const argumentError: Fail = (path, expected, actual) => {
  throw new BackpropError('invalid_argument', path, expected, actual);
};

/**
 * Validates metadata and returns a frozen copy (keys in their given order). `path` names it in errors
 * (`metadata`, or `model.metadata` when loading a file, whose `fail` throws `ModelFormatError`); `fail`
 * gets the actual value already in words.
 */
export function checkMetadata(value: unknown, path: string, fail: Fail = argumentError): ModelMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
    fail(path, 'a flat object of string / number / boolean values', describe(value));
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(path, 'a plain object', `a ${(value as object).constructor?.name ?? 'non-plain'} object`);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > METADATA_LIMITS.keys) fail(path, `at most ${METADATA_LIMITS.keys} keys`, `${entries.length} keys`);
  const out: Record<string, MetadataValue> = {};
  for (const [key, v] of entries) {
    if (!isMetadataKey(key)) {
      fail(`${path}[${JSON.stringify(key.slice(0, 80))}]`, `a key of 1–${METADATA_LIMITS.keyLength} characters A–Z a–z 0–9 _ . - starting with a letter or _`, describe(key));
    }
    const at = `${path}.${key}`;
    if (typeof v === 'string') {
      if (v.length > METADATA_LIMITS.stringLength) fail(at, `a string of at most ${METADATA_LIMITS.stringLength} characters`, `${v.length} characters`);
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) fail(at, 'a finite number', describe(v));
    } else if (typeof v !== 'boolean') {
      fail(at, 'a string, a finite number or a boolean', typeof v === 'bigint' ? 'a bigint' : describe(v));
    }
    out[key] = v as MetadataValue;
  }
  return Object.freeze(out);
}

const stored = new WeakMap<Network, ModelMetadata>();

/** @internal The metadata attached to a network (undefined: none). */
export function metadataOf(net: Network): ModelMetadata | undefined {
  return stored.get(net);
}

/** @internal Attaches validated metadata; undefined (or an empty record) removes it. */
export function attachMetadata(net: Network, metadata: ModelMetadata | undefined): void {
  if (metadata && Object.keys(metadata).length > 0) stored.set(net, metadata);
  else stored.delete(net);
}
