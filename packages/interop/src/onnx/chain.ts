import { LEAKY_RELU_ALPHA } from '@backprop/core';
import { SUPPORTED_ONNX_OPS, onnxFail } from '../errors.js';
import { type Affine, batchNormAffine, foldAfter, foldBefore } from './fold.js';
import { ARITHMETIC_OPS, OP_OF, readMultiNodeActivation } from './patterns.js';
import { type Dim, SHAPE_OPS, evalShapeNode, intTensor, reshapeFeatures } from './shapes.js';
import { type AttributeProto, AttributeType, type NodeProto, int64 } from './proto.js';
import { type ConstTensor, matrixDims, readTensor, transpose, vectorOf } from './tensors.js';

/** A dense layer as read from the graph: W_k is units × fanIn (nn.Linear.weight's layout). */
export interface ChainLayer {
  readonly units: number;
  readonly fanIn: number;
  readonly W: Float32Array | Float64Array;
  b: Float32Array | Float64Array | undefined;
  /** The node after the linear map (`Relu`, `Softmax`, … with its alpha); undefined: none, i.e. linear. */
  act: { readonly op: string; readonly alpha: number | undefined; readonly where: string } | undefined;
  /** The linear map was a MatMul, so an Add may follow with the bias. */
  readonly matmul: boolean;
  /** An eval-mode BatchNormalization on this layer's inputs / outputs, folded in at the end (fold.ts). */
  before?: Affine;
  after?: Affine;
}

/** What the graph computes, as a chain: an optional input scaler, then dense layers. */
export interface Chain {
  readonly offset: Float32Array | Float64Array | undefined;
  readonly scale: Float32Array | Float64Array | undefined;
  readonly layers: readonly ChainLayer[];
  /** Name of the tensor the last node produces. */
  readonly result: string;
  /** Whether a Flatten was applied to the raw input (so a rank > 2 input is allowed). */
  readonly flattened: boolean;
}

const ELEMENTWISE = new Set(['Relu', 'LeakyRelu', 'Tanh', 'Sigmoid', 'Softmax', 'LogSoftmax', 'Softplus', 'Elu', 'Gelu']);

function attribute(n: NodeProto, name: string): AttributeProto | undefined {
  return (n.attribute ?? []).find((a) => a.name === name);
}

function intAttribute(n: NodeProto, name: string, fallback: number, where: string): number {
  const a = attribute(n, name);
  if (!a) return fallback;
  if (a.type !== undefined && a.type !== 0 && a.type !== AttributeType.INT) onnxFail('corrupt_model', `${where} attribute ${name}`, 'an INT', `attribute type ${a.type}`);
  const v = int64(a.i);
  if (v === undefined) onnxFail('corrupt_model', `${where} attribute ${name}`, 'a small integer', 'an integer beyond 2^53');
  return v;
}

function floatAttribute(n: NodeProto, name: string, fallback: number, where: string): number {
  const a = attribute(n, name);
  if (!a) return fallback;
  if (a.type !== undefined && a.type !== 0 && a.type !== AttributeType.FLOAT) onnxFail('corrupt_model', `${where} attribute ${name}`, 'a FLOAT', `attribute type ${a.type}`);
  return a.f ?? 0;
}

/**
 * Walks the nodes (ONNX stores them in topological order) as a single chain from the graph input:
 * every node must take the previous node's result as its one computed input, with weights and biases
 * from initializers or Constant nodes. Anything else is an {@link OnnxImportError} naming the node.
 */
export function readChain(
  nodes: readonly NodeProto[],
  input: string,
  constants: Map<string, ConstTensor>,
  inputDims: readonly Dim[] = ['N', '?'],
  intInitializers: ReadonlyMap<string, readonly number[]> = new Map(),
): Chain {
  let current = input;
  /** Integer tensors: shape constants and the results of shape arithmetic (shapes.ts). */
  const ints = new Map<string, readonly Dim[]>(intInitializers);
  /** Constants that could not be read as weights: their error is raised only if a node uses them as one. */
  const unreadable = new Map<string, unknown>();
  /** A BatchNormalization waiting for the next layer (after an activation, or on the input). */
  let pending: Affine | undefined;
  /** n0 as a Reshape of the input declared it. */
  let reshaped: number | undefined;
  let offset: Float32Array | Float64Array | undefined;
  let scale: Float32Array | Float64Array | undefined;
  let flattened = false;
  const layers: ChainLayer[] = [];
  const constant = (name: string, where: string, role: string): ConstTensor => {
    if (unreadable.has(name)) throw unreadable.get(name);
    if (ints.has(name)) onnxFail('corrupt_model', `${where} ${role} "${name}".data_type`, 'FLOAT (1) or DOUBLE (11)', 'an integer tensor');
    return constants.get(name) ?? onnxFail('corrupt_model', where, `${role} "${name}" to be an initializer or Constant`, 'a computed tensor');
  };
  const isConstant = (name: string) => constants.has(name) || ints.has(name) || unreadable.has(name);

  // Constants first: they have no inputs, and exporters interleave them with the nodes that use them.
  nodes.forEach((n, j) => {
    if (n.opType !== 'Constant' || (n.domain && n.domain !== 'ai.onnx')) return;
    const where = `node "${n.name || `#${j}`}"`;
    const name = n.output?.[0];
    const value = attribute(n, 'value');
    if ((n.output ?? []).length !== 1 || !name) onnxFail('corrupt_model', where, 'exactly one output', `${(n.output ?? []).length} outputs (Constant)`);
    if (!value?.t) onnxFail('corrupt_model', where, `a Constant with a tensor 'value' (${SUPPORTED_ONNX_OPS.join(', ')})`, 'another Constant form');
    const shape = intTensor(value.t, where);
    if (shape) ints.set(name, shape);
    else {
      try {
        constants.set(name, readTensor({ ...value.t, name }, where));
      } catch (e) {
        unreadable.set(name, e);
      }
    }
  });
  for (let j = 0; j < nodes.length; j++) {
    const n = nodes[j]!;
    const op = n.opType ?? '';
    const where = `node "${n.name || `#${j}`}"`;
    if (n.domain && n.domain !== 'ai.onnx') onnxFail('corrupt_model', where, `an operator of the default ONNX domain (${SUPPORTED_ONNX_OPS.join(', ')})`, `${n.domain}::${op}`);
    const outputs = n.output ?? [];
    if (outputs.length !== 1 || !outputs[0]) onnxFail('corrupt_model', where, 'exactly one output', `${outputs.length} outputs (${op})`);
    if (op === 'Constant') continue; // read above
    if ((SHAPE_OPS as readonly string[]).includes(op)) {
      const value = layers.length === 0 ? evalShapeNode(n, input, inputDims, ints, where) : undefined;
      if (!value) onnxFail('corrupt_model', where, `${op} only in shape arithmetic on the raw input (x.view(x.size(0), -1))`, `${op} elsewhere`);
      ints.set(outputs[0], value);
      continue;
    }
    const previous = layers[layers.length - 1];
    if (previous && !previous.act && (ARITHMETIC_OPS as readonly string[]).includes(op) && !(op === 'Add' && previous.matmul && !previous.b)) {
      // GELU / SiLU / … spelled with several element-wise nodes (patterns.ts).
      const run = readMultiNodeActivation(nodes, j, current, constants, where);
      if (run) {
        const alpha = run.activation === 'leaky-relu' ? LEAKY_RELU_ALPHA : run.activation === 'elu' ? 1 : undefined;
        previous.act = { op: OP_OF[run.activation]!, alpha, where };
        current = run.output;
        j += run.nodes - 1;
        continue;
      }
    }
    const inputs = (n.input ?? []).filter((name) => name !== '');
    const computed = inputs.filter((name) => !isConstant(name));
    if (computed.length !== 1 || computed[0] !== current) {
      if (!(SUPPORTED_ONNX_OPS as readonly string[]).includes(op)) onnxFail('corrupt_model', where, `one of the supported operators ${SUPPORTED_ONNX_OPS.join(', ')}`, op);
      onnxFail('corrupt_model', where, `a feed-forward chain: one computed input, "${current}"`, `inputs [${inputs.join(', ')}]`);
    }
    const others = inputs.filter((name) => name !== current);
    const last = layers[layers.length - 1];
    const fanIn = last ? last.units : offset?.length ?? scale?.length;
    const linear = (W: ConstTensor, transposed: boolean, bias: ConstTensor | undefined, matmul: boolean): void => {
      const [r, c] = matrixDims(W, `${where} weight "${W.name}"`);
      const [units, inputsOfLayer] = transposed ? [r, c] : [c, r];
      if (fanIn !== undefined && inputsOfLayer !== fanIn) onnxFail('shape_mismatch', `${where} weight "${W.name}"`, `${fanIn} inputs (the previous layer's width)`, `dims [${r}, ${c}]`);
      if (layers.length === 0 && reshaped !== undefined && inputsOfLayer !== reshaped) onnxFail('shape_mismatch', `${where} weight "${W.name}"`, `${reshaped} inputs (the Reshape before it)`, `dims [${r}, ${c}]`);
      const b = bias ? vectorOf(bias, units, `${where} bias "${bias.name}"`) : undefined;
      layers.push({ units, fanIn: inputsOfLayer, W: transposed ? W.values : transpose(W.values, r, c), b, act: undefined, matmul, ...(pending ? { before: pending } : {}) });
      pending = undefined;
    };
    switch (op) {
      case 'Gemm': {
        if (inputs[0] !== current) onnxFail('corrupt_model', where, 'Gemm(X, W, b) with the previous result as X', `inputs [${inputs.join(', ')}]`);
        const alpha = floatAttribute(n, 'alpha', 1, where);
        const beta = floatAttribute(n, 'beta', 1, where);
        const transA = intAttribute(n, 'transA', 0, where);
        const transB = intAttribute(n, 'transB', 0, where);
        if (alpha !== 1 || beta !== 1 || transA !== 0) onnxFail('corrupt_model', where, 'Gemm with alpha 1, beta 1, transA 0', `alpha ${alpha}, beta ${beta}, transA ${transA}`);
        const W = constant(inputs[1] ?? '', where, 'weight');
        // The ONNX operator spec (and onnxruntime) read transA / transB as booleans: any non-zero value transposes.
        linear(W, transB !== 0, inputs[2] ? constant(inputs[2], where, 'bias') : undefined, false);
        break;
      }
      case 'MatMul': {
        if (inputs[0] !== current || inputs.length !== 2) onnxFail('corrupt_model', where, 'MatMul(X, W) with the previous result as X', `inputs [${inputs.join(', ')}]`);
        linear(constant(inputs[1]!, where, 'weight'), false, undefined, true);
        break;
      }
      case 'Add': {
        if (!last?.matmul || last.b || last.act || last.after || others.length !== 1) onnxFail('corrupt_model', where, 'Add only as the bias right after a MatMul', 'an Add elsewhere');
        last.b = vectorOf(constant(others[0]!, where, 'bias'), last.units, `${where} bias "${others[0]}"`);
        break;
      }
      case 'Sub':
      case 'Div': {
        // The input scaler x′ = (x − offset) / scale (how toOnnx writes stored preprocessing).
        const before = op === 'Sub' ? offset === undefined && scale === undefined : scale === undefined;
        if (layers.length > 0 || !before || inputs[0] !== current || others.length !== 1) onnxFail('corrupt_model', where, `${op} only as an input scaler (x − offset) / scale before the first layer`, `a ${op} elsewhere`);
        const t = constant(others[0]!, where, op === 'Sub' ? 'offset' : 'scale');
        const v = vectorOf(t, t.values.length, `${where} "${t.name}"`);
        if (op === 'Sub') offset = v;
        else {
          if (offset && offset.length !== v.length) onnxFail('shape_mismatch', `${where} "${t.name}"`, `${offset.length} scales (one per input)`, `${v.length}`);
          if (v.some((x) => !(x > 0))) onnxFail('corrupt_model', `${where} "${t.name}"`, 'scales > 0', 'a scale ≤ 0');
          scale = v;
        }
        break;
      }
      case 'Flatten': {
        const axis = intAttribute(n, 'axis', 1, where);
        if (axis !== 1 || layers.length > 0 || offset || scale) onnxFail('corrupt_model', where, 'Flatten with axis 1 on the raw input', `axis ${axis}${layers.length > 0 ? ' after a layer' : ''}`);
        flattened = true;
        break;
      }
      case 'Identity':
        break;
      case 'Reshape': {
        const shape = ints.get(inputs[1] ?? '');
        if (layers.length > 0 || offset || scale || inputs[0] !== current || !shape) onnxFail('corrupt_model', where, 'Reshape only of the raw input to [N, features], by a constant or computed shape', `a Reshape elsewhere`);
        reshaped = reshapeFeatures(shape, inputDims, where);
        flattened = true;
        break;
      }
      case 'BatchNormalization': {
        // Inference mode only: running statistics, no training_mode (opset ≥ 14) and no extra outputs.
        if (intAttribute(n, 'training_mode', 0, where) !== 0) onnxFail('corrupt_model', `${where} attribute training_mode`, '0 (inference: the running statistics)', 'training mode');
        if (inputs.length !== 5 || inputs[0] !== current) onnxFail('corrupt_model', where, 'BatchNormalization(X, scale, B, mean, var)', `inputs [${inputs.join(', ')}]`);
        const tensors = inputs.slice(1).map((name, i) => constant(name, where, ['scale', 'B', 'mean', 'var'][i]!));
        const epsilon = floatAttribute(n, 'epsilon', 1e-5, where);
        if (pending) onnxFail('corrupt_model', where, 'one BatchNormalization between two layers', 'a second one');
        if (last && !last.act && !last.after) last.after = batchNormAffine(tensors, epsilon, last.units, where);
        else pending = batchNormAffine(tensors, epsilon, last?.units ?? (reshaped ?? fanIn), where);
        break;
      }
      default: {
        if (!ELEMENTWISE.has(op)) onnxFail('corrupt_model', where, `one of the supported operators ${SUPPORTED_ONNX_OPS.join(', ')}`, op);
        if (!last || last.act) onnxFail('corrupt_model', where, `${op} right after a Gemm or MatMul (+ Add)`, last ? `a second function after ${last.act!.op}` : `${op} before any layer`);
        if (op === 'Gelu') {
          const approximate = attribute(n, 'approximate');
          const text = approximate?.s ? new TextDecoder().decode(approximate.s) : 'none';
          if (text !== 'none') onnxFail('corrupt_model', `${where} attribute approximate`, "'none' (GELU's exact erf form, the core's gelu)", JSON.stringify(text));
        }
        if (op === 'Softmax' || op === 'LogSoftmax') {
          const axis = intAttribute(n, 'axis', -1, where);
          if (axis !== -1 && axis !== 1) onnxFail('corrupt_model', where, 'Softmax over the features (axis −1 or 1)', `axis ${axis}`);
        }
        const alpha = op === 'LeakyRelu' ? floatAttribute(n, 'alpha', 0.01, where) : op === 'Elu' ? floatAttribute(n, 'alpha', 1, where) : undefined;
        last.act = { op, alpha, where };
      }
    }
    current = outputs[0];
  }
  if (pending) onnxFail('corrupt_model', 'model.graph', 'a BatchNormalization followed by a layer it can fold into', 'one after the last layer');
  const folded = layers.map((l, i) => {
    const before = l.before ? foldBefore(l, l.before, `layer ${i + 1}`) : l;
    return l.after ? foldAfter(before, l.after) : before;
  });
  return { offset, scale, layers: folded, result: current, flattened };
}
