import { type ActivationName, LEAKY_RELU_ALPHA, type OutputName } from '@backprop/core';
import { AttributeType, type AttributeProto, DataType, type NodeProto, type TensorProto } from './proto.js';

// The table between the core's functions (SPEC §1) and ONNX operators, read by both export and import.

/** Element type of an exported graph: ONNX FLOAT or DOUBLE. */
export type ElementType = 'float32' | 'float64';

/**
 * Hidden activation g → its ONNX operator (and the `alpha` attribute where the op has one). gelu and silu
 * have no operator at opset 13: they are spelled as PyTorch exports them (see {@link activationNodes});
 * `Gelu` exists from opset 20.
 */
export const ACTIVATION_OPS: Readonly<Record<ActivationName, { readonly op: string; readonly alpha?: number }>> = {
  logistic: { op: 'Sigmoid' },
  tanh: { op: 'Tanh' },
  relu: { op: 'Relu' },
  'leaky-relu': { op: 'LeakyRelu', alpha: LEAKY_RELU_ALPHA },
  linear: { op: 'Identity' },
  softplus: { op: 'Softplus' },
  elu: { op: 'Elu', alpha: 1 },
  gelu: { op: 'Gelu' },
  silu: { op: 'Silu' },
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
/** A STRING attribute (UTF-8 bytes on the wire). */
export const stringAttr = (name: string, s: string): AttributeProto => ({ name, type: AttributeType.STRING, s: new TextEncoder().encode(s) });
/** A FLOAT attribute (ONNX attributes are float32: 0.01 is stored as Math.fround(0.01)). */
export const floatAttr = (name: string, f: number): AttributeProto => ({ name, type: AttributeType.FLOAT, f });

/**
 * The nodes computing h = g(a). In FLOAT graphs g is its one operator. In DOUBLE graphs, leaky-relu,
 * softplus and elu are spelled with elementary operators, because onnxruntime's CPU provider has no
 * double kernels for LeakyRelu, Softplus and Elu (it refuses to load such a model):
 *   leaky-relu  max(a, αa)                    softplus  max(a, 0) + log(1 + exp(−|a|))  (SPEC's stable form)
 *   elu         max(a, 0) + (exp(min(a, 0)) − 1)
 */
export function activationNodes(g: ActivationName, a: string, h: string, k: number, type: ElementType, opset = 13): { nodes: NodeProto[]; constants: TensorProto[] } {
  const { op, alpha } = ACTIVATION_OPS[g];
  const c = (suffix: string) => `${op}_${k}.${suffix}`;
  const scalar = (name: string, v: number) => tensor(name, [], [v], type);
  if (g === 'silu' && type === 'float32') {
    // h = a · σ(a), as torch.onnx.export writes nn.SiLU.
    return { nodes: [node('Sigmoid', c('Sigmoid'), [a], c('sigmoid')), node('Mul', c('Mul'), [a, c('sigmoid')], h)], constants: [] };
  }
  if (g === 'silu') {
    // h = a / (1 + e^(−a)): onnxruntime fuses Sigmoid + Mul into its QuickGelu, which has no double kernel.
    return {
      nodes: [
        node('Neg', c('Neg'), [a], c('neg')),
        node('Exp', c('Exp'), [c('neg')], c('exp')),
        node('Add', c('Add'), [c('exp'), c('one')], c('onePlus')),
        node('Div', c('Div'), [a, c('onePlus')], h),
      ],
      constants: [scalar(c('one'), 1)],
    };
  }
  if (g === 'gelu' && opset >= 20) return { nodes: [node('Gelu', `Gelu_${k}`, [a], h, [stringAttr('approximate', 'none')])], constants: [] };
  if (g === 'gelu') {
    // h = (a · (1 + erf(a / √2))) · ½, node for node what torch.onnx.export writes for nn.GELU() at opset 13.
    // onnxruntime has no double Erf kernel: in DOUBLE graphs erf is taken in float32 between two Casts
    // (|error| ≲ 1e-7 · |a|; the only float32 step in a DOUBLE export).
    const erf =
      type === 'float32'
        ? [node('Erf', c('Erf'), [c('scaled')], c('erf'))]
        : [
            node('Cast', c('CastFloat'), [c('scaled')], c('scaledFloat'), [intAttr('to', DataType.FLOAT)]),
            node('Erf', c('Erf'), [c('scaledFloat')], c('erfFloat')),
            node('Cast', c('CastDouble'), [c('erfFloat')], c('erf'), [intAttr('to', DataType.DOUBLE)]),
          ];
    return {
      nodes: [
        node('Div', c('Div'), [a, c('sqrt2')], c('scaled')),
        ...erf,
        node('Add', c('Add'), [c('erf'), c('one')], c('onePlus')),
        node('Mul', c('Mul'), [a, c('onePlus')], c('product')),
        node('Mul', c('Half'), [c('product'), c('half')], h),
      ],
      constants: [scalar(c('sqrt2'), Math.SQRT2), scalar(c('one'), 1), scalar(c('half'), 0.5)],
    };
  }
  if (type === 'float32' || (g !== 'leaky-relu' && g !== 'softplus' && g !== 'elu')) {
    return { nodes: [node(op, `${op}_${k}`, [a], h, alpha === undefined ? [] : [floatAttr('alpha', alpha)])], constants: [] };
  }
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
