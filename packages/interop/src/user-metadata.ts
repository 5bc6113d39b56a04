import { BackpropError, METADATA_LIMITS, type MetadataValue, type ModelMetadata, isMetadataKey } from '@backprop/core';

// A network's metadata (core's ModelMetadata: string / number / boolean values) in a format whose metadata
// is string → string only: ONNX's ModelProto.metadata_props and safetensors' `__metadata__`. Each entry is
// written under its own key, so Netron, onnx.load(…).metadata_props and safe_open(…).metadata() show it
// as is: a string value verbatim, a number or boolean as its JSON text (JSON.stringify: deterministic,
// 0.2 → "0.2", true → "true"). Which keys were not strings goes in one more entry, {@link TYPES_KEY}, so
// the import brings back the same record (the string "1" stays a string, the number 1 a number).

/** The entry that records the non-string values' types: JSON `{ "seed": "number", "standardized": "boolean" }`. */
export const TYPES_KEY = 'backprop.metadata.types';

/** Keys starting with this are the exporter's own (loss, labels, scaler, the types entry): a user key may not. */
export const RESERVED_PREFIX = 'backprop.';

type Fail = (argument: string, expected: string, actual: string) => never;

/**
 * The entries to write for `metadata`: the types entry when a value is not a string, then each key in order.
 * A key that the format's own entries use (`reserved`, or one starting with {@link RESERVED_PREFIX}) throws
 * `BackpropError` (`invalid_argument`, naming `net.metadata["key"]`): writing it would overwrite ours.
 */
export function metadataEntries(metadata: ModelMetadata | undefined, reserved: readonly string[]): [string, string][] {
  if (!metadata) return [];
  const entries: [string, string][] = [];
  const types: Record<string, 'number' | 'boolean'> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (key.startsWith(RESERVED_PREFIX) || reserved.includes(key)) {
      const taken = [...reserved, `${RESERVED_PREFIX}…`].join(', ');
      throw new BackpropError('invalid_argument', `net.metadata[${JSON.stringify(key)}]`, `a key other than those the file format's own entries use (${taken})`, JSON.stringify(key));
    }
    if (typeof value === 'string') entries.push([key, value]);
    else {
      entries.push([key, JSON.stringify(value)]);
      types[key] = typeof value as 'number' | 'boolean';
    }
  }
  // The types entry first: protobuf has no end marker, so an ONNX file cut short between entries still loads,
  // missing the last ones; with the types before them, a cut drops values but never turns a number into a string.
  return Object.keys(types).length > 0 ? [[TYPES_KEY, JSON.stringify(types)], ...entries] : entries;
}

// The core's rules, applied to entries another tool wrote.
const fits = (key: string, value: string) => isMetadataKey(key) && value.length <= METADATA_LIMITS.stringLength;

/**
 * The metadata record back from a format's string entries (undefined when there is none). The format's own
 * entries (`reserved`, {@link RESERVED_PREFIX}) are skipped. Entries another tool wrote that the core's
 * metadata cannot hold (a key with a space, a value over {@link METADATA_LIMITS}.stringLength characters,
 * past {@link METADATA_LIMITS}.keys keys) are left out, so the model still loads. A types entry that is
 * not what {@link metadataEntries} writes, or a value it types that is not that type's JSON text, calls
 * `fail` (the file was edited by hand or damaged), naming `where` and the key.
 */
export function metadataRecord(entries: Iterable<readonly [string, string]>, reserved: readonly string[], where: string, fail: Fail): ModelMetadata | undefined {
  const all = new Map(entries);
  let types: Record<string, unknown> = {};
  const typesText = all.get(TYPES_KEY);
  if (typesText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typesText);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail(`${where} "${TYPES_KEY}"`, 'a JSON object of "number" / "boolean"', JSON.stringify(typesText.slice(0, 40)));
    types = parsed as Record<string, unknown>;
  }
  const out: Record<string, MetadataValue> = {};
  let count = 0;
  for (const [key, text] of all) {
    if (key.startsWith(RESERVED_PREFIX) || reserved.includes(key) || !fits(key, text) || count >= METADATA_LIMITS.keys) continue;
    const type = Object.hasOwn(types, key) ? types[key] : 'string';
    if (type === 'string') out[key] = text;
    else if (type === 'number') {
      let n: unknown;
      try {
        n = JSON.parse(text);
      } catch {
        n = undefined;
      }
      if (typeof n !== 'number' || !Number.isFinite(n)) fail(`${where} "${key}"`, 'a finite number as JSON text (its type entry says number)', JSON.stringify(text.slice(0, 40)));
      out[key] = n as number;
    } else if (type === 'boolean') {
      if (text !== 'true' && text !== 'false') fail(`${where} "${key}"`, '"true" or "false" (its type entry says boolean)', JSON.stringify(text.slice(0, 40)));
      out[key] = text === 'true';
    } else fail(`${where} "${TYPES_KEY}".${key}`, '"number" or "boolean"', JSON.stringify(type)?.slice(0, 40) ?? String(type));
    count++;
  }
  return count > 0 ? out : undefined;
}
