import { describeValue } from './options.js';

/**
 * The bytes of a file, in any of the forms a program has them in: a `Uint8Array` (Node's `Buffer` is one),
 * an `ArrayBuffer` (what `await (await fetch(url)).arrayBuffer()` and `await file.arrayBuffer()` give in a
 * browser) or any other view of one (`DataView`, `Float32Array`, …), whose bytes are read as they lie.
 */
export type Bytes = ArrayBuffer | ArrayBufferView;

/**
 * `value` as a Uint8Array over the same memory (no copy), or `fail(actual)` with a description of what it was.
 * A SharedArrayBuffer is accepted like an ArrayBuffer.
 */
export function asBytes(value: unknown, fail: (actual: string) => never): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) return new Uint8Array(value);
  return fail(describeValue(value));
}
