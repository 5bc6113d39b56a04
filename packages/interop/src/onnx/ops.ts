import { type ActivationName, LEAKY_RELU_ALPHA, type OutputName } from '@backprop/core';
import { AttributeType, type AttributeProto, DataType, type NodeProto, type TensorProto } from './proto.js';

// The table between the core's functions (SPEC §1) and ONNX operators, read by both export and import.

/** Element type of an exported graph: ONNX FLOAT or DOUBLE. */
export type ElementType = 'float32' | 'float64';

/** Hidden activation g → its single ONNX operator (and the `alpha` attribute where the op has one). */
export const ACTIVATION_OPS: Readonly<Record<ActivationName, { readonly op: string; readonly alpha?: number }>> = {
  logistic: { op: 'Sigmoid' },
  tanh: { op: 'Tanh' },
  relu: { op: 'Relu' },
  'leaky-relu': { op: 'LeakyRelu', alpha: LEAKY_RELU_ALPHA },
  linear: { op: 'Identity' },
  softplus: { op: 'Softplus' },
  elu: { op: 'Elu', alpha: 1 },
};

/** Output function O → its ONNX operator (`linear` needs none). Softmax is written with axis −1. */
export const OUTPUT_OPS: Readonly<Record<OutputName, string | undefined>> = { softmax: 'Softmax', logistic: 'Sigmoid', linear: undefined };

/** A tensor as raw_data: little-endian by the ONNX spec, whatever the host's byte order. */
export function tensor(name: string, dims: readonly number[], values: ArrayLike<number>, type: ElementType): TensorProto {
  const size = type === 'float32' ? 4 : 8;
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    if (type === 'float32') view.setFloat32(i * 4, values[i]!, true);
    else view.setFloat64(i * 8, values[i]!, true);
  }
  return { name, dims: [...dims], dataType: type === 'float32' ? DataType.FLOAT : DataType.DOUBLE, rawData: bytes };
}

/** One node with a single output. */
export function node(opType: string, name: string, input: readonly string[], output: string, attribute: AttributeProto[] = []): NodeProto {
  return { opType, name, input: [...input], output: [output], attribute };
}

/** An INT attribute. */
export const intAttr = (name: string, i: number): AttributeProto => ({ name, type: AttributeType.INT, i });
/** A FLOAT attribute (ONNX attributes are float32: 0.01 is stored as Math.fround(0.01)). */
export const floatAttr = (name: string, f: number): AttributeProto => ({ name, type: AttributeType.FLOAT, f });

/**
 * The nodes computing h = g(a). In FLOAT graphs g is its one operator. In DOUBLE graphs, leaky-relu,
 * softplus and elu are spelled with elementary operators, because onnxruntime's CPU provider has no
 * double kernels for LeakyRelu, Softplus and Elu (it refuses to load such a model):
 *   leaky-relu  max(a, αa)                    softplus  max(a, 0) + log(1 + exp(−|a|))  (SPEC's stable form)
 *   elu         max(a, 0) + (exp(min(a, 0)) − 1)
 */
export function activationNodes(g: ActivationName, a: string, h: string, k: number, type: ElementType): { nodes: NodeProto[]; constants: TensorProto[] } {
  const { op, alpha } = ACTIVATION_OPS[g];
  if (type === 'float32' || (g !== 'leaky-relu' && g !== 'softplus' && g !== 'elu')) {
    return { nodes: [node(op, `${op}_${k}`, [a], h, alpha === undefined ? [] : [floatAttr('alpha', alpha)])], constants: [] };
  }
  const c = (suffix: string) => `${op}_${k}.${suffix}`;
  const scalar = (name: string, v: number) => tensor(name, [], [v], type);
  if (g === 'leaky-relu') {
    return {
      nodes: [node('Mul', c('Mul'), [a, c('alpha')], c('scaled')), node('Max', c('Max'), [a, c('scaled')], h)],
      constants: [scalar(c('alpha'), LEAKY_RELU_ALPHA)],
    };
  }
  const zero = scalar(c('zero'), 0);
  const one = scalar(c('one'), 1);
  if (g === 'softplus') {
    return {
      nodes: [
        node('Abs', c('Abs'), [a], c('abs')),
        node('Neg', c('Neg'), [c('abs')], c('negAbs')),
        node('Exp', c('Exp'), [c('negAbs')], c('exp')),
        node('Add', c('Add1'), [c('exp'), c('one')], c('onePlus')),
        node('Log', c('Log'), [c('onePlus')], c('log')),
        node('Max', c('Max'), [a, c('zero')], c('pos')),
        node('Add', c('Add'), [c('pos'), c('log')], h),
      ],
      constants: [zero, one],
    };
  }
  return {
    nodes: [
      node('Min', c('Min'), [a, c('zero')], c('neg')),
      node('Exp', c('Exp'), [c('neg')], c('exp')),
      node('Sub', c('Sub'), [c('exp'), c('one')], c('expm1')),
      node('Max', c('Max'), [a, c('zero')], c('pos')),
      node('Add', c('Add'), [c('pos'), c('expm1')], h),
    ],
    constants: [zero, one],
  };
}
