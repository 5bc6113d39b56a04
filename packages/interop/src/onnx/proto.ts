import { type Int64, type Schema, decodeMessage, encodeMessage } from './wire.js';

// The subset of onnx/onnx.proto3 (ONNX 1.x; field numbers unchanged since IR version 3) that a
// feed-forward network needs, as a static schema table read by wire.ts (no .proto parser at run time).
// Field names are the camelCase spelling of the .proto's snake_case; only the numbers go on the wire.
// Fields we never read or write (training_info, functions, sparse tensors, segments, external data) are left out: wire.ts skips
// unknown fields when decoding, so files that use them still parse, and the importer rejects what it
// cannot represent by looking at what is there.
const ONNX: Schema = {
  ModelProto: {
    fields: {
      irVersion: { type: 'int64', id: 1 },
      opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
      producerName: { type: 'string', id: 2 },
      producerVersion: { type: 'string', id: 3 },
      domain: { type: 'string', id: 4 },
      modelVersion: { type: 'int64', id: 5 },
      docString: { type: 'string', id: 6 },
      graph: { type: 'GraphProto', id: 7 },
      metadataProps: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 },
    },
  },
  StringStringEntryProto: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
  OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
  GraphProto: {
    fields: {
      node: { rule: 'repeated', type: 'NodeProto', id: 1 },
      name: { type: 'string', id: 2 },
      initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
      docString: { type: 'string', id: 10 },
      input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
      output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
      valueInfo: { rule: 'repeated', type: 'ValueInfoProto', id: 13 },
    },
  },
  NodeProto: {
    fields: {
      input: { rule: 'repeated', type: 'string', id: 1 },
      output: { rule: 'repeated', type: 'string', id: 2 },
      name: { type: 'string', id: 3 },
      opType: { type: 'string', id: 4 },
      domain: { type: 'string', id: 7 },
      attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
      docString: { type: 'string', id: 6 },
    },
  },
  AttributeProto: {
    fields: {
      name: { type: 'string', id: 1 },
      refAttrName: { type: 'string', id: 21 },
      docString: { type: 'string', id: 13 },
      type: { type: 'int32', id: 20 },
      f: { type: 'float', id: 2 },
      i: { type: 'int64', id: 3 },
      s: { type: 'bytes', id: 4 },
      t: { type: 'TensorProto', id: 5 },
      g: { type: 'GraphProto', id: 6 },
      floats: { rule: 'repeated', type: 'float', id: 7 },
      ints: { rule: 'repeated', type: 'int64', id: 8 },
      strings: { rule: 'repeated', type: 'bytes', id: 9 },
      tensors: { rule: 'repeated', type: 'TensorProto', id: 10 },
      graphs: { rule: 'repeated', type: 'GraphProto', id: 11 },
    },
  },
  ValueInfoProto: {
    fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 }, docString: { type: 'string', id: 3 } },
  },
  TypeProto: {
    fields: { tensorType: { type: 'TypeProtoTensor', id: 1 }, denotation: { type: 'string', id: 6 } },
  },
  TypeProtoTensor: { fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } },
  TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
  Dimension: {
    fields: { dimValue: { type: 'int64', id: 1 }, dimParam: { type: 'string', id: 2 }, denotation: { type: 'string', id: 3 } },
  },
  TensorProto: {
    fields: {
      dims: { rule: 'repeated', type: 'int64', id: 1 },
      dataType: { type: 'int32', id: 2 },
      floatData: { rule: 'repeated', type: 'float', id: 4 },
      int32Data: { rule: 'repeated', type: 'int32', id: 5 },
      int64Data: { rule: 'repeated', type: 'int64', id: 7 },
      name: { type: 'string', id: 8 },
      docString: { type: 'string', id: 12 },
      rawData: { type: 'bytes', id: 9 },
      dataLocation: { type: 'int32', id: 14 },
      doubleData: { rule: 'repeated', type: 'double', id: 10 },
    },
  },
};

/** An int64 as decoded: a number when safe, else its two 32-bit halves (wire.ts). */
export type { Int64 };

/** TensorProto.DataType values this package reads or writes. */
export const DataType = { FLOAT: 1, INT64: 7, DOUBLE: 11 } as const;
/** AttributeProto.AttributeType values this package reads or writes. */
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

/** A tensor: dims, element type and data (raw_data, little-endian, or a typed list). */
export interface TensorProto {
  dims?: Int64[];
  dataType?: number;
  floatData?: number[];
  int64Data?: Int64[];
  doubleData?: number[];
  name?: string;
  rawData?: Uint8Array;
  dataLocation?: number;
}
/** A node attribute (alpha, transB, axis, a Constant's value …). */
export interface AttributeProto {
  name?: string;
  type?: number;
  f?: number;
  i?: Int64;
  s?: Uint8Array;
  t?: TensorProto;
  floats?: number[];
  ints?: Int64[];
}
/** One operator application. */
export interface NodeProto {
  input?: string[];
  output?: string[];
  name?: string;
  opType?: string;
  domain?: string;
  attribute?: AttributeProto[];
}
/** A dimension: a fixed size or a symbolic name such as `N`. */
export interface DimensionProto {
  dimValue?: Int64;
  dimParam?: string;
}
/** A graph input or output: its name, element type and shape. */
export interface ValueInfoProto {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: DimensionProto[] } } };
}
/** The computation: nodes in topological order, constant initializers, inputs and outputs. */
export interface GraphProto {
  node?: NodeProto[];
  name?: string;
  initializer?: TensorProto[];
  docString?: string;
  input?: ValueInfoProto[];
  output?: ValueInfoProto[];
}
/** The file: IR version, operator sets, producer, graph and metadata_props. */
export interface ModelProto {
  irVersion?: Int64;
  opsetImport?: { domain?: string; version?: Int64 }[];
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  graph?: GraphProto;
  metadataProps?: { key?: string; value?: string }[];
}

/** Serialises a model (fields left undefined are not written) as an owning Uint8Array (its `.buffer` is exactly the file). */
export function encodeModel(model: ModelProto): Uint8Array {
  return encodeMessage(ONNX, 'ModelProto', model as Record<string, unknown>);
}

/** Parses a model; throws an Error on malformed wire data (truncation, bad wire types), which the caller turns into a typed error. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  return decodeMessage(ONNX, 'ModelProto', bytes) as ModelProto;
}

/** An int64 field as a JavaScript number, or undefined when it does not fit a safe integer. */
export function int64(v: Int64 | undefined | null): number | undefined {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : undefined;
  const big = (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0);
  const n = v.unsigned ? big : BigInt.asIntN(64, big);
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : undefined;
}
