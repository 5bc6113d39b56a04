// The protobuf wire format (https://protobuf.dev/programming-guides/encoding/) for the ONNX subset in
// proto.ts, driven by its schema table: no runtime .proto parser, no reflection library. Varints, zigzag-free
// int32/int64, fixed32 float, fixed64 double, length-delimited strings, bytes, messages and packed
// repeated scalars (unpacked ones are read too, as the spec requires). Unknown fields are skipped by
// wire type; defaults are not written (proto3 implicit presence, byte for byte what protobufjs 8 writes); malformed input (truncation, a bad wire type, nesting deeper than MAX_DEPTH) throws an Error
// that fromOnnx turns into a typed OnnxImportError.

/** A field of the schema: its number, type (a scalar or a message name) and whether it repeats. */
export interface FieldSpec {
  readonly id: number;
  readonly type: string;
  readonly rule?: 'repeated';
}
/** A message: its fields by name (camelCase, as the TypeScript interfaces spell them). */
export type Schema = Readonly<Record<string, { readonly fields: Readonly<Record<string, FieldSpec>> }>>;

/** An int64 as decoded: a number when it is a safe integer, else its two 32-bit halves. */
export type Int64 = number | { readonly low: number; readonly high: number; readonly unsigned?: boolean };

const SCALARS = new Set(['int64', 'int32', 'float', 'double', 'string', 'bytes']);
/** Nesting limit: attributes may hold graphs, which hold attributes, …; a hostile file must not exhaust the stack. */
const MAX_DEPTH = 64;
const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

function wireType(type: string): number {
  return type === 'float' ? 5 : type === 'double' ? 1 : type === 'int64' || type === 'int32' ? 0 : 2;
}

/** Growable byte buffer with the protobuf primitives. */
class Writer {
  bytes = new Uint8Array(256);
  length = 0;
  #reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
  byte(b: number): void {
    this.#reserve(1);
    this.bytes[this.length++] = b;
  }
  varint(v: bigint): void {
    let x = BigInt.asUintN(64, v);
    while (x >= 0x80n) {
      this.byte(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.byte(Number(x));
  }
  raw(b: Uint8Array): void {
    this.#reserve(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }
  fixed(v: number, size: 4 | 8): void {
    this.#reserve(size);
    const view = new DataView(this.bytes.buffer, this.length, size);
    if (size === 4) view.setFloat32(0, v, true);
    else view.setFloat64(0, v, true);
    this.length += size;
  }
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

function int64Bits(v: unknown): bigint {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new Error(`int64: expected an integer, got ${v}`);
    return BigInt(v);
  }
  if (typeof v === 'bigint') return v;
  const { low, high } = v as { low: number; high: number };
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

function writeScalar(w: Writer, type: string, v: unknown): void {
  switch (type) {
    case 'int64':
      w.varint(int64Bits(v));
      return;
    case 'int32':
      w.varint(BigInt(Math.trunc(Number(v)))); // negative int32 is sign-extended to 10 bytes, as protobuf does
      return;
    case 'float':
      w.fixed(Number(v), 4);
      return;
    case 'double':
      w.fixed(Number(v), 8);
      return;
    default: {
      const b = type === 'string' ? utf8Encoder.encode(String(v)) : (v as Uint8Array);
      w.varint(BigInt(b.length));
      w.raw(b);
    }
  }
}

/** A scalar's default value (0, '', empty bytes), which proto3 does not write. */
function isDefault(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'string') return v === 0 || v === '';
  if (v instanceof Uint8Array) return v.length === 0;
  if (typeof v === 'object' && v !== null && 'low' in v) {
    const { low, high } = v as unknown as { low: number; high: number };
    return low === 0 && high === 0;
  }
  return false;
}

/** Encodes `value` as message `type` of `schema`; fields left undefined (or null) are not written. */
export function encodeMessage(schema: Schema, type: string, value: Record<string, unknown>): Uint8Array {
  const w = new Writer();
  writeMessage(w, schema, type, value);
  return w.finish();
}

function writeMessage(w: Writer, schema: Schema, type: string, value: Record<string, unknown>): void {
  // Fields in number order, the canonical order protobuf implementations write.
  for (const [name, f] of Object.entries(schema[type]!.fields).sort(([, a], [, b]) => a.id - b.id)) {
    const v = value[name];
    const scalar = SCALARS.has(f.type);
    // proto3 implicit presence, as protobufjs writes it: zero, empty strings and bytes, and empty lists are omitted.
    if (v === undefined || v === null || (f.rule === 'repeated' && (v as unknown[]).length === 0)) continue;
    if (scalar && f.rule !== 'repeated' && isDefault(v)) continue;
    const tag = (wt: number) => w.varint(BigInt((f.id << 3) | wt));
    if (f.rule === 'repeated' && scalar && f.type !== 'string' && f.type !== 'bytes') {
      // Packed: one length-delimited run of the values.
      const inner = new Writer();
      for (const x of v as unknown[]) writeScalar(inner, f.type, x);
      tag(2);
      w.varint(BigInt(inner.length));
      w.raw(inner.bytes.subarray(0, inner.length));
      continue;
    }
    for (const x of f.rule === 'repeated' ? (v as unknown[]) : [v]) {
      if (scalar) {
        tag(wireType(f.type));
        writeScalar(w, f.type, x);
      } else {
        const inner = new Writer();
        writeMessage(inner, schema, f.type, x as Record<string, unknown>);
        tag(2);
        w.varint(BigInt(inner.length));
        w.raw(inner.bytes.subarray(0, inner.length));
      }
    }
  }
}

/** A cursor over bytes; every read checks the bounds. */
class Reader {
  at: number;
  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.at = start;
  }
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.at >= this.end) throw new Error(`truncated varint at byte ${this.at}`);
      const b = this.bytes[this.at++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new Error(`varint longer than 10 bytes at byte ${this.at}`);
  }
  length(): number {
    const n = this.varint();
    if (n > BigInt(this.end - this.at)) throw new Error(`length ${n} beyond the end at byte ${this.at}`);
    return Number(n);
  }
  take(n: number): number {
    if (n > this.end - this.at) throw new Error(`truncated field at byte ${this.at}`);
    const start = this.at;
    this.at += n;
    return start;
  }
}

function int64Of(bits: bigint): Int64 {
  const signed = BigInt.asIntN(64, bits);
  if (signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(signed);
  return { low: Number(bits & 0xffffffffn) | 0, high: Number((bits >> 32n) & 0xffffffffn) | 0, unsigned: false };
}

function readScalar(r: Reader, type: string): unknown {
  switch (type) {
    case 'int64':
      return int64Of(r.varint());
    case 'int32':
      return Number(BigInt.asIntN(32, r.varint()));
    case 'float':
      return new DataView(r.bytes.buffer, r.bytes.byteOffset + r.take(4), 4).getFloat32(0, true);
    case 'double':
      return new DataView(r.bytes.buffer, r.bytes.byteOffset + r.take(8), 8).getFloat64(0, true);
    default: {
      const n = r.length();
      const start = r.take(n);
      // A copy, so the result never aliases (or keeps alive) the caller's buffer.
      return type === 'string' ? utf8.decode(r.bytes.subarray(start, start + n)) : r.bytes.slice(start, start + n);
    }
  }
}

function skip(r: Reader, wt: number): void {
  if (wt === 0) r.varint();
  else if (wt === 1) r.take(8);
  else if (wt === 2) r.take(r.length());
  else if (wt === 5) r.take(4);
  else throw new Error(`unsupported wire type ${wt} at byte ${r.at}`);
}

/** Decodes `bytes` as message `type` of `schema`; repeated fields absent from the input are left undefined. */
export function decodeMessage(schema: Schema, type: string, bytes: Uint8Array): Record<string, unknown> {
  return readMessage(schema, type, new Reader(bytes, 0, bytes.length), 0);
}

function readMessage(schema: Schema, type: string, r: Reader, depth: number): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw new Error(`messages nested deeper than ${MAX_DEPTH}`);
  const fields = schema[type]!.fields;
  const byId = new Map(Object.entries(fields).map(([name, f]) => [f.id, [name, f] as const]));
  const out: Record<string, unknown> = {};
  while (r.at < r.end) {
    const key = r.varint();
    const id = Number(key >> 3n);
    const wt = Number(key & 7n);
    const known = byId.get(id);
    if (!known || id === 0) {
      skip(r, wt);
      continue;
    }
    const [name, f] = known;
    const scalar = SCALARS.has(f.type);
    const push = (v: unknown) => {
      if (f.rule === 'repeated') ((out[name] ??= []) as unknown[]).push(v);
      else out[name] = v;
    };
    if (scalar && f.rule === 'repeated' && wt === 2 && f.type !== 'string' && f.type !== 'bytes') {
      const n = r.length();
      const inner = new Reader(r.bytes, r.take(n), r.at);
      while (inner.at < inner.end) push(readScalar(inner, f.type));
    } else if (scalar) {
      if (wt !== wireType(f.type)) throw new Error(`field ${name} (${id}): wire type ${wt}, expected ${wireType(f.type)}`);
      push(readScalar(r, f.type));
    } else {
      if (wt !== 2) throw new Error(`field ${name} (${id}): wire type ${wt}, expected 2 (a message)`);
      const n = r.length();
      push(readMessage(schema, f.type, new Reader(r.bytes, r.take(n), r.at), depth + 1));
    }
  }
  return out;
}
