import { onnxFail } from '../errors.js';
import { DataType, type TensorProto, int64 } from './proto.js';

/** A validated constant tensor: finite values, dims consistent with the data. */
export interface ConstTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly dtype: 'float32' | 'float64';
  /** Row-major values (float32 data keeps its exact bits in a Float32Array). */
  readonly values: Float32Array | Float64Array;
}

/** More elements than any network this library builds can hold (2^28 parameters = 1 GiB of float32). */
const MAX_ELEMENTS = 2 ** 28;

function dimsOf(t: TensorProto, where: string): number[] {
  const dims = (t.dims ?? []).map((d) => int64(d));
  if (dims.length > 8) onnxFail('corrupt_model', `${where}.dims`, 'at most 8 dimensions', `${dims.length}`);
  let count = 1;
  dims.forEach((d, i) => {
    if (d === undefined || d < 0) onnxFail('corrupt_model', `${where}.dims[${i}]`, 'a non-negative integer', d === undefined ? 'an integer beyond 2^53' : String(d));
    count *= d;
  });
  if (count > MAX_ELEMENTS) onnxFail('invalid_argument', `${where}.dims`, `at most ${MAX_ELEMENTS} elements`, `[${dims.join(', ')}] (${count} elements)`);
  return dims as number[];
}

/**
 * Reads a FLOAT or DOUBLE tensor from raw_data (little-endian) or float_data / double_data, checking
 * the data length against dims before allocating anything sized by dims, and every value for finiteness.
 */
export function readTensor(t: TensorProto, where: string): ConstTensor {
  const name = t.name ?? '';
  if (t.dataLocation === 1) onnxFail('corrupt_model', `${where}.data_location`, 'data stored in the file', 'EXTERNAL (a separate weights file)');
  const type = t.dataType ?? 0;
  if (type !== DataType.FLOAT && type !== DataType.DOUBLE) onnxFail('corrupt_model', `${where}.data_type`, 'FLOAT (1) or DOUBLE (11)', String(type));
  const dims = dimsOf(t, where);
  const count = dims.reduce((n, d) => n * d, 1);
  const float = type === DataType.FLOAT;
  const size = float ? 4 : 8;
  let values: Float32Array | Float64Array;
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    if (raw.length !== count * size) onnxFail('shape_mismatch', `${where}.raw_data`, `${count * size} bytes for dims [${dims.join(', ')}]`, `${raw.length} bytes`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    values = float ? new Float32Array(count) : new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = float ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true);
  } else {
    const list = (float ? t.floatData : t.doubleData) ?? [];
    if (list.length !== count) onnxFail('shape_mismatch', `${where}.${float ? 'float_data' : 'double_data'}`, `${count} values for dims [${dims.join(', ')}]`, `${list.length}`);
    values = float ? Float32Array.from(list) : Float64Array.from(list);
  }
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) onnxFail('non_finite', `${where}[${bad}]`, 'finite weights', String(values[bad]));
  return { name, dims, dtype: float ? 'float32' : 'float64', values };
}

/** A tensor that must be a vector of `length` (dims [n] or [1, n]), e.g. a bias or a scaler's offsets. */
export function vectorOf(t: ConstTensor, length: number, where: string): Float32Array | Float64Array {
  const ok = (t.dims.length === 1 && t.dims[0] === length) || (t.dims.length === 2 && t.dims[0] === 1 && t.dims[1] === length);
  if (!ok) onnxFail('shape_mismatch', where, `a vector of ${length} values ([${length}] or [1, ${length}])`, `dims [${t.dims.join(', ')}]`);
  return t.values;
}

/** A tensor that must be a matrix (2-D): returns [rows, cols]. */
export function matrixDims(t: ConstTensor, where: string): [number, number] {
  if (t.dims.length !== 2 || t.dims[0]! < 1 || t.dims[1]! < 1) onnxFail('shape_mismatch', where, 'a 2-D weight matrix with non-zero dims', `dims [${t.dims.join(', ')}]`);
  return [t.dims[0]!, t.dims[1]!];
}

/** Transposes a row-major rows × cols matrix (MatMul and Gemm transB = 0 store W_kᵀ: fan-in × units). */
export function transpose(values: Float32Array | Float64Array, rows: number, cols: number): Float32Array | Float64Array {
  const out = values instanceof Float32Array ? new Float32Array(values.length) : new Float64Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}
