import { type ActivationName, BackpropError, LEAKY_RELU_ALPHA, type LossName, type Network, type OutputName, type Scaler, lossNames, naturalLoss } from '@backprop/core';
import { asBytes, type Bytes } from '../bytes.js';
import { onnxFail } from '../errors.js';
import { type DenseLayer, networkFromParts } from '../model-parts.js';
import { type Chain, type ChainLayer, readChain } from './chain.js';
import { type Dim, intTensor } from './shapes.js';
import { ONNX_METADATA_KEYS } from './export.js';
import { checkIntegrity } from './integrity.js';
import { DataType, type ModelProto, type ValueInfoProto, decodeModel, int64 } from './proto.js';
import { type ConstTensor, readTensor } from './tensors.js';
import { metadataRecord } from '../user-metadata.js';

/** Hidden-layer operator → activation g (LeakyRelu and Elu only with the core's fixed alpha). */
function hiddenActivation(layer: ChainLayer, k: number): ActivationName {
  const act = layer.act;
  if (!act) return 'linear';
  const { op, alpha, where } = act;
  const simple: Record<string, ActivationName> = { Relu: 'relu', Tanh: 'tanh', Sigmoid: 'logistic', Softplus: 'softplus', Gelu: 'gelu', Silu: 'silu', Identity: 'linear' };
  if (simple[op]) return simple[op];
  if (op === 'LeakyRelu' && (alpha === LEAKY_RELU_ALPHA || alpha === Math.fround(LEAKY_RELU_ALPHA))) return 'leaky-relu';
  if (op === 'Elu' && alpha === 1) return 'elu';
  if (op === 'LeakyRelu' || op === 'Elu') onnxFail('corrupt_model', where, `${op} with alpha ${op === 'Elu' ? 1 : LEAKY_RELU_ALPHA} (the core's fixed slope)`, `alpha ${alpha}`);
  return onnxFail('corrupt_model', where, `a hidden activation (Relu, LeakyRelu, Tanh, Sigmoid, Softplus, Elu, Gelu, SiLU as Sigmoid + Mul, none) for layer ${k}`, op);
}

/** Last layer's operator → output function O. */
function outputFunction(layer: ChainLayer): OutputName {
  if (!layer.act) return 'linear';
  // LogSoftmax (the classic MNIST example with nn.NLLLoss): the network predicts the probabilities, exp of the graph's output.
  if (layer.act.op === 'Softmax' || layer.act.op === 'LogSoftmax') return 'softmax';
  if (layer.act.op === 'Sigmoid') return 'logistic';
  return onnxFail('corrupt_model', layer.act.where, 'an output function Softmax, LogSoftmax, Sigmoid or none (linear)', layer.act.op);
}

function metadata(model: ModelProto, key: string): unknown {
  const entry = (model.metadataProps ?? []).find((p) => p.key === key);
  if (entry?.value === undefined) return undefined;
  try {
    return JSON.parse(entry.value);
  } catch {
    return onnxFail('corrupt_model', `metadata_props "${key}"`, 'JSON text', JSON.stringify(entry.value.slice(0, 40)));
  }
}

function declaredFeatures(info: ValueInfoProto, flattened: boolean): number | undefined {
  const dims = info.type?.tensorType?.shape?.dim;
  if (!dims || dims.length === 0) return undefined;
  const where = `graph input "${info.name}"`;
  if (dims.length !== 2 && !flattened) onnxFail('shape_mismatch', where, 'a rank-2 input [N, features] (or a Flatten first)', `rank ${dims.length}`);
  let features = 1;
  for (const d of dims.slice(1)) {
    if (d.dimParam || d.dimValue === undefined) return undefined;
    const v = int64(d.dimValue);
    if (v === undefined || v < 1) onnxFail('shape_mismatch', where, 'positive feature dims', String(v));
    features *= v;
  }
  return features;
}

/** The input scaler, preferring the exact float64 copy in metadata when the graph's constants are its rounding. */
function scalerOf(chain: Chain, model: ModelProto, inputs: number): Scaler | undefined {
  if (!chain.offset && !chain.scale) return undefined;
  const offset = chain.offset ? Array.from(chain.offset) : new Array<number>(inputs).fill(0);
  const scale = chain.scale ? Array.from(chain.scale) : new Array<number>(inputs).fill(1);
  if (offset.length !== inputs || scale.length !== inputs) onnxFail('shape_mismatch', 'input scaler', `${inputs} offsets and scales (one per input)`, `${offset.length} and ${scale.length}`);
  const exact = metadata(model, ONNX_METADATA_KEYS.scaler) as Partial<Scaler> | undefined;
  const round = chain.offset instanceof Float32Array || chain.scale instanceof Float32Array ? Math.fround : (x: number) => x;
  const same = (a: unknown, b: number[]) => Array.isArray(a) && a.length === b.length && a.every((x, i) => typeof x === 'number' && round(x) === b[i]);
  if (exact && (exact.kind === 'standard' || exact.kind === 'min-max') && same(exact.offset, offset) && same(exact.scale, scale)) {
    return { kind: exact.kind, offset: [...exact.offset!], scale: [...exact.scale!] };
  }
  return { kind: 'standard', offset, scale };
}

/**
 * Imports a feed-forward ONNX model as a {@link Network}: graphs such as PyTorch's `torch.onnx.export`
 * of `nn.Sequential(Linear, act, …)` (Gemm) and tf2onnx's Keras Dense layers (MatMul + Add), with
 * Relu, LeakyRelu (alpha 0.01), Tanh, Sigmoid, Softplus, Elu (alpha 1), Softmax, Identity and Flatten,
 * weights as raw_data or float_data / double_data (FLOAT → a float32 network, DOUBLE → float64), and the
 * Sub / Div input scaler and metadata written by {@link toOnnx}. metadata_props other than backprop's own become
 * `net.metadata` (those {@link toOnnx} wrote come back as the same record; another tool's entries that the
 * core's metadata cannot hold, such as a key with a space, are left out). Everything is validated before the
 * network is built. Throws {@link OnnxImportError}: `corrupt_model` (undecodable bytes, an unsupported
 * operator, naming the node, its op type and the supported list), `shape_mismatch`, `non_finite`,
 * `invalid_argument` (absurd sizes); a file {@link toOnnx} wrote that was cut short (between two fields, which
 * protobuf cannot tell from a whole file) is `corrupt_model` naming the missing entries.
 * @example const net = fromOnnx(readFileSync('mlp.onnx')); net.predict([[0.1, 0.2, 0.3]]);
 * @prelude writeFileSync('mlp.onnx', toOnnx(Network.create({ inputs: 3, layers: [{ units: 4, activation: 'relu' }], output: { units: 2, fn: 'softmax' } })));
 */
export function fromOnnx(file: Bytes): Network {
  const bytes = asBytes(file, (actual) => onnxFail('invalid_argument', 'bytes', 'the bytes of an ONNX model (a Uint8Array, an ArrayBuffer or a view of one)', actual));
  let model: ModelProto;
  try {
    model = decodeModel(bytes);
  } catch (e) {
    const message = (e as Error).message;
    // A field running past the last byte: most often a file cut short (an interrupted download or copy).
    const cut = /beyond the end|truncated/.test(message) ? '; the file ends inside a field: truncated?' : '';
    return onnxFail('corrupt_model', 'bytes', 'an ONNX ModelProto (protobuf)', `undecodable data (${message}${cut})`);
  }
  // Before the graph is read: a file toOnnx wrote that was cut short says so, rather than loading without its last entries.
  checkIntegrity(model);
  const graph = model.graph;
  if (!graph?.node || graph.node.length === 0) return onnxFail('corrupt_model', 'model.graph', 'a graph with nodes', graph ? 'no nodes' : 'no graph');
  const constants = new Map<string, ConstTensor>();
  const ints = new Map<string, number[]>();
  (graph.initializer ?? []).forEach((t, i) => {
    const where = `initializer "${t.name || `#${i}`}"`;
    const shape = intTensor(t, where);
    if (shape) ints.set(t.name ?? '', shape); // shape arithmetic (Unsqueeze axes, Reshape targets)
    else constants.set(t.name ?? '', readTensor(t, where));
  });
  // Before IR version 4, initializers were also listed as graph inputs; the data input is the other one.
  const dataInputs = (graph.input ?? []).filter((v) => !constants.has(v.name ?? '') && !ints.has(v.name ?? ''));
  if (dataInputs.length !== 1) return onnxFail('corrupt_model', 'graph.input', 'exactly one data input', `${dataInputs.length} (${dataInputs.map((v) => v.name).join(', ')})`);
  const input = dataInputs[0]!;
  const elemType = input.type?.tensorType?.elemType;
  if (elemType !== undefined && elemType !== DataType.FLOAT && elemType !== DataType.DOUBLE) onnxFail('corrupt_model', `graph input "${input.name}"`, 'a FLOAT or DOUBLE tensor', `elem_type ${elemType}`);
  const dims: Dim[] = (input.type?.tensorType?.shape?.dim ?? []).map((d, i) => (i === 0 ? 'N' : d.dimParam || d.dimValue === undefined ? '?' : (int64(d.dimValue) ?? '?')));
  const chain = readChain(graph.node, input.name ?? '', constants, dims.length > 0 ? dims : ['N', '?'], ints);
  const outputs = graph.output ?? [];
  if (outputs.length !== 1 || outputs[0]!.name !== chain.result) onnxFail('corrupt_model', 'graph.output', `one output, the chain's result "${chain.result}"`, outputs.map((o) => `"${o.name}"`).join(', ') || 'none');
  if (chain.layers.length === 0) return onnxFail('corrupt_model', 'model.graph', 'at least one Gemm or MatMul layer', 'none');

  const inputs = chain.layers[0]!.fanIn;
  const declared = declaredFeatures(input, chain.flattened);
  if (declared !== undefined && declared !== inputs) onnxFail('shape_mismatch', `graph input "${input.name}"`, `${inputs} features (the first layer's fan-in)`, `${declared}`);
  const float32 = chain.layers.every((l) => l.W instanceof Float32Array && (!l.b || l.b instanceof Float32Array));
  const float64 = chain.layers.every((l) => l.W instanceof Float64Array && (!l.b || l.b instanceof Float64Array));
  if (!float32 && !float64) onnxFail('corrupt_model', 'initializers', 'all FLOAT or all DOUBLE weights', 'a mix');

  const L = chain.layers.length;
  const layers: DenseLayer[] = chain.layers.map((l, i) => ({
    units: l.units,
    fanIn: l.fanIn,
    activation: i < L - 1 ? hiddenActivation(l, i + 1) : undefined,
    W: l.W,
    b: l.b ?? (float32 ? new Float32Array(l.units) : new Float64Array(l.units)),
  }));
  const output = outputFunction(chain.layers[L - 1]!);
  const storedLoss = metadata(model, ONNX_METADATA_KEYS.loss);
  const loss: LossName = (lossNames as readonly unknown[]).includes(storedLoss) ? (storedLoss as LossName) : naturalLoss[output];
  const labels = metadata(model, ONNX_METADATA_KEYS.labels);
  const scaler = scalerOf(chain, model, inputs);
  const preprocessing = scaler || labels !== undefined ? { ...(scaler ? { input: scaler } : {}), ...(labels !== undefined ? { labels: labels as string[] } : {}) } : undefined;
  const props = (model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''] as const);
  const userMetadata = metadataRecord(props, [], 'metadata_props', (argument, expected, actual) => onnxFail('corrupt_model', argument, expected, actual));
  try {
    return networkFromParts({ inputs, dtype: float32 ? 'float32' : 'float64', layers, output, loss, preprocessing, metadata: userMetadata });
  } catch (e) {
    // The core re-validates everything (labels against the class count, …): report it as this file's fault.
    if (e instanceof BackpropError) return onnxFail(e.code, `model (${e.argument})`, e.expected, e.actual);
    throw e;
  }
}
