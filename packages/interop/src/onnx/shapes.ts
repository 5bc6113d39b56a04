import { onnxFail } from '../errors.js';
import { type AttributeProto, AttributeType, DataType, type NodeProto, type TensorProto, int64 } from './proto.js';

// PyTorch flattens its input before the first Linear in three ways: nn.Flatten / torch.flatten (ONNX
// Flatten), x.view(-1, n) (a constant INT64 shape into Reshape), and x.view(x.size(0), -1) (Shape →
// Gather → Unsqueeze → Concat → Reshape). The shape arithmetic is evaluated here on symbolic dims: the
// batch dimension is 'N', a dimension the graph input does not declare is '?'.

/** A symbolic dimension: a number, the batch size 'N', or unknown '?'. */
export type Dim = number | 'N' | '?';

/** Operators that compute shapes (integer tensors), evaluated by {@link evalShapeNode}. */
export const SHAPE_OPS = ['Shape', 'Gather', 'Unsqueeze', 'Concat', 'Squeeze'] as const;

/** An INT64 (or INT32) constant tensor as a list of numbers; undefined for other types. */
export function intTensor(t: TensorProto, where: string): number[] | undefined {
  if (t.dataType !== DataType.INT64 && t.dataType !== 6) return undefined;
  const count = (t.dims ?? []).reduce((n: number, d) => n * (int64(d) ?? Number.NaN), 1);
  // Anything but a small, consistent integer list is left to readTensor, whose error names the data type.
  if (!(count >= 0 && count <= 64)) return undefined;
  let values: (number | undefined)[];
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const size = t.dataType === DataType.INT64 ? 8 : 4;
    if (raw.length !== count * size) return undefined;
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    values = Array.from({ length: count }, (_, i) => {
      if (size === 4) return view.getInt32(i * 4, true);
      const v = view.getBigInt64(i * 8, true);
      return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
    });
  } else {
    values = (t.dataType === DataType.INT64 ? (t.int64Data ?? []) : ((t as { int32Data?: number[] }).int32Data ?? [])).map((v) => int64(v));
    if (values.length !== count) return undefined;
  }
  if (values.some((v) => v === undefined)) onnxFail('corrupt_model', where, 'shape integers within ±2^53', 'a larger one');
  return values as number[];
}

function intsAttribute(n: NodeProto, name: string): number[] | undefined {
  const a: AttributeProto | undefined = (n.attribute ?? []).find((x) => x.name === name);
  if (!a) return undefined;
  if (a.type === AttributeType.INT) return [int64(a.i) ?? Number.NaN];
  return (a.ints ?? []).map((v) => int64(v) ?? Number.NaN);
}

/**
 * Evaluates one shape node over known integer tensors (`dims`: name → list); the graph input's shape is
 * `inputDims`. Returns the node's value, or undefined when the node is not shape arithmetic on known values.
 */
export function evalShapeNode(n: NodeProto, input: string, inputDims: readonly Dim[], dims: ReadonlyMap<string, readonly Dim[]>, where: string): Dim[] | undefined {
  const inputs = (n.input ?? []).filter((x) => x !== '');
  const known = (i: number) => dims.get(inputs[i] ?? '');
  switch (n.opType) {
    case 'Shape':
      return inputs[0] === input && inputs.length === 1 && !(n.attribute ?? []).length ? [...inputDims] : undefined;
    case 'Gather': {
      const data = known(0);
      const index = known(1);
      const axis = intsAttribute(n, 'axis')?.[0] ?? 0;
      if (!data || !index || index.length !== 1 || axis !== 0) return undefined;
      const i = index[0] as number;
      const value = data[i < 0 ? data.length + i : i];
      return value === undefined ? onnxFail('corrupt_model', where, `an index within the ${data.length} dims`, String(i)) : [value];
    }
    case 'Unsqueeze':
    case 'Squeeze':
      // Scalars and 1-element lists are the same list here; only that case occurs in a flatten.
      return known(0)?.length === 1 ? [...known(0)!] : undefined;
    case 'Concat': {
      const parts = inputs.map((_, i) => known(i));
      return parts.every((p) => p !== undefined) ? parts.flat() as Dim[] : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The feature count n0 after Reshape(x, shape) on the raw input [N, …]: the target must be [batch, k]
 * with batch N (kept by 0 or by the input's own size) or −1, and k the product of the input's feature dims
 * (or −1). Returns k, or undefined when the input does not declare its feature dims and k is −1.
 */
export function reshapeFeatures(shape: readonly Dim[], inputDims: readonly Dim[], where: string): number | undefined {
  const features = inputDims.slice(1).reduce<number | undefined>((n, d) => (typeof d === 'number' && n !== undefined ? n * d : undefined), 1);
  const text = `[${shape.join(', ')}]`;
  if (shape.length !== 2) onnxFail('corrupt_model', where, 'a Reshape of the input to [N, features] (x.view(-1, n) or x.view(x.size(0), -1))', text);
  const [batch, k] = shape as [Dim, Dim];
  if (!(batch === 'N' || batch === 0 || batch === -1)) onnxFail('corrupt_model', where, 'the batch dimension kept (N, 0 or −1 first)', text);
  if (batch === -1 && k === -1) onnxFail('corrupt_model', where, 'at most one −1 in the target shape', text);
  if (typeof k !== 'number' || (k < 1 && k !== -1)) onnxFail('corrupt_model', where, 'a positive feature count or −1', text);
  if (k === -1) return features;
  // x.view(-1, k) keeps the rows only when each row holds exactly k values.
  if (features !== undefined && features !== k) onnxFail('shape_mismatch', where, `rows of ${features} values (the input's feature dims) reshaped to ${features}`, text);
  return k;
}
