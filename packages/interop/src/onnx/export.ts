import { BackpropError, type Network } from '@backprop/core';
import { type DenseLayer, partsOf } from '../model-parts.js';
import { checkNetwork, checkOptions } from '../options.js';
import { type ElementType, OUTPUT_OPS, activationNodes, floatAttr, intAttr, node, tensor } from './ops.js';
import { metadataEntries } from '../user-metadata.js';
import { INTEGRITY_KEY, PRODUCER, integrityEntry } from './integrity.js';
import { DataType, type NodeProto, type TensorProto, type ValueInfoProto, encodeModel } from './proto.js';

/** The ONNX operator set {@link toOnnx} writes by default (default domain). Every operator used exists unchanged since opset 13. */
export const ONNX_OPSET = 13;
/** The ONNX IR version {@link toOnnx} writes at opset 13 (IR 7 = ONNX 1.8, the IR that introduced opset 13; opset 20 is written with IR 9). */
export const ONNX_IR_VERSION = 7;
/** IR version per opset we write: the first IR that allows it (ONNX's versioning table). */
const IR_FOR_OPSET: Readonly<Record<13 | 20, number>> = { 13: 7, 20: 9 };
/** metadata_props keys written by {@link toOnnx} (values are JSON text). */
export const ONNX_METADATA_KEYS = {
  /** Class names, index c ↔ output column c (a single logistic unit: [class 0, class 1]). */
  labels: 'backprop.labels',
  /** The loss the network was trained with, so import restores it. */
  loss: 'backprop.loss',
  /** The exact (float64) input scaler; the graph's Sub/Div nodes hold it rounded to the tensor type. */
  scaler: 'backprop.scaler',
  /** The first entry: JSON `{ "keys": […] }`, the keys of the entries after it, so {@link fromOnnx} tells a file cut short from a whole one. */
  integrity: INTEGRITY_KEY,
} as const;

/** Options of {@link toOnnx}. */
export interface OnnxExportOptions {
  /**
   * Tensor element type of the graph: `float32` (ONNX FLOAT, what runtimes accelerate; a float64
   * network's weights are rounded to float32, predictions then agree within float32 rounding) or
   * `float64` (ONNX DOUBLE, exact for float64 networks; leaky-relu, softplus and elu are then written
   * with elementary operators that onnxruntime runs in double, which {@link fromOnnx} reads back; gelu's
   * erf is the one step taken in float32, as onnxruntime has no double Erf).
   * Default: `float32`.
   */
  readonly dtype?: 'float32' | 'float64';
  /** The graph's name (default `backprop`). */
  readonly graphName?: string;
  /**
   * Operator set: 13 (default; runs in every ONNX runtime since 2020) or 20 (gelu as the `Gelu`
   * operator instead of opset 13's Div / Erf / Add / Mul / Mul, with IR version 9). Other layers are the same.
   */
  readonly opset?: 13 | 20;
}

function valueInfo(name: string, width: number, type: ElementType): ValueInfoProto {
  const elemType = type === 'float32' ? DataType.FLOAT : DataType.DOUBLE;
  return { name, type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] } } } };
}

/**
 * Exports a network as an ONNX model (protobuf bytes) that takes raw inputs like {@link Network.predict}:
 * input `input` [N, n0] → optional scaler (`Sub`, `Div`) → per layer `Gemm` (transB = 1, so W keeps
 * nn.Linear.weight's n_k × n_(k−1) layout) and its activation → output function → output `output`
 * [N, n_L]. `N` is a dynamic batch dimension. Opset {@link ONNX_OPSET}, IR version {@link ONNX_IR_VERSION};
 * class names, loss and the exact scaler go in metadata_props ({@link ONNX_METADATA_KEYS}, after an entry listing
 * them all, so that {@link fromOnnx} refuses a file cut short between two entries), and so does
 * `net.metadata`, one entry per key (a number or boolean as its JSON text, its type in `backprop.metadata.types`;
 * a metadata key starting with `backprop.` throws `BackpropError`, as it would overwrite those).
 * @example writeFileSync('model.onnx', toOnnx(net));  // then: new ort.InferenceSession('model.onnx')
 */
export function toOnnx(net: Network, options: OnnxExportOptions = {}): Uint8Array {
  checkNetwork('net', net);
  checkOptions('options', options, ['dtype', 'graphName', 'opset']);
  const parts = partsOf(net);
  const opset = options.opset ?? ONNX_OPSET;
  if (opset !== 13 && opset !== 20) throw new BackpropError('invalid_option', 'options.opset', '13 or 20', String(opset));
  const type: ElementType = options.dtype ?? 'float32';
  if (type !== 'float32' && type !== 'float64') throw new BackpropError('invalid_option', 'options.dtype', "'float32' or 'float64'", String(type));
  const graphName = options.graphName ?? 'backprop';
  if (typeof graphName !== 'string') throw new BackpropError('invalid_option', 'options.graphName', 'a string', typeof graphName);

  const nodes: NodeProto[] = [];
  const initializer: TensorProto[] = [];
  let x = 'input';
  const scaler = parts.preprocessing?.input;
  if (scaler) {
    // x′ = (x − offset) / scale, the core's applyScaler (preprocessing.ts) as two broadcasting nodes.
    initializer.push(tensor('scaler.offset', [parts.inputs], scaler.offset, type), tensor('scaler.scale', [parts.inputs], scaler.scale, type));
    nodes.push(node('Sub', 'Sub_scaler', [x, 'scaler.offset'], 'scaler.centred'), node('Div', 'Div_scaler', ['scaler.centred', 'scaler.scale'], 'scaled'));
    x = 'scaled';
  }
  const L = parts.layers.length;
  parts.layers.forEach((layer: DenseLayer, i) => {
    const k = i + 1;
    initializer.push(tensor(`W${k}`, [layer.units, layer.fanIn], layer.W, type), tensor(`b${k}`, [layer.units], layer.b, type));
    const last = k === L;
    const fn = last ? OUTPUT_OPS[parts.output] : undefined;
    const a = last && fn === undefined ? 'output' : `a${k}`;
    nodes.push(node('Gemm', `Gemm_${k}`, [x, `W${k}`, `b${k}`], a, [floatAttr('alpha', 1), floatAttr('beta', 1), intAttr('transB', 1)]));
    if (last) {
      if (fn === 'Softmax') nodes.push(node('Softmax', `Softmax_${k}`, [a], 'output', [intAttr('axis', -1)]));
      else if (fn) nodes.push(node(fn, `${fn}_${k}`, [a], 'output'));
      return;
    }
    const g = activationNodes(layer.activation!, a, `h${k}`, k, type, opset);
    nodes.push(...g.nodes);
    initializer.push(...g.constants);
    x = `h${k}`;
  });

  const metadata: { key: string; value: string }[] = [{ key: ONNX_METADATA_KEYS.loss, value: JSON.stringify(parts.loss) }];
  if (parts.preprocessing?.labels) metadata.push({ key: ONNX_METADATA_KEYS.labels, value: JSON.stringify(parts.preprocessing.labels) });
  if (scaler) metadata.push({ key: ONNX_METADATA_KEYS.scaler, value: JSON.stringify(scaler) });
  for (const [key, value] of metadataEntries(parts.metadata, [])) metadata.push({ key, value });

  return encodeModel({
    irVersion: IR_FOR_OPSET[opset],
    opsetImport: [{ domain: '', version: opset }],
    producerName: PRODUCER,
    producerVersion: '0.1.0',
    docString: `Feed-forward network exported by @backprop/interop: ${[parts.inputs, ...parts.layers.map((l) => l.units)].join('-')}, output ${parts.output}.`,
    graph: {
      name: graphName,
      node: nodes,
      initializer,
      input: [valueInfo('input', parts.inputs, type)],
      output: [valueInfo('output', parts.layers[L - 1]!.units, type)],
    },
    // The integrity entry first, declaring the others: a cut after the graph is then told from a whole file (integrity.ts).
    metadataProps: [integrityEntry(metadata), ...metadata],
  });
}
