import { type ActivationName, LEAKY_RELU_ALPHA, activations, detMath } from '@backprop/core';
import { onnxFail } from '../errors.js';
import { type AttributeProto, AttributeType, DataType, type NodeProto, int64 } from './proto.js';
import type { ConstTensor } from './tensors.js';

// Activations that ONNX spells with several elementary nodes: GELU at opset < 20 (PyTorch: Div by √2, Erf,
// Add 1, Mul by x, Mul by ½; Keras and hand-written graphs order them differently), SiLU (Sigmoid, Mul),
// and the DOUBLE spellings toOnnx writes for leaky-relu, softplus and elu. Rather than one template per
// exporter and node order, the importer takes the run of element-wise nodes after a layer (each reading
// the layer's output, scalar constants or earlier nodes of the run), evaluates it in float64 at fixed
// points, and accepts it when it computes one of the core's activations there within float32 rounding
// of its constants. Only smooth or piecewise-linear arithmetic qualifies, so agreeing on 120 points
// spread over [−12, 12] (both sides of every kink) identifies the function; GELU's tanh approximation
// differs from the erf form by up to 3e-4 and is refused rather than silently swapped.

/** Element-wise operators a multi-node activation may use (inputs: the run's tensors or scalar constants). */
export const ARITHMETIC_OPS = ['Add', 'Sub', 'Mul', 'Div', 'Neg', 'Abs', 'Exp', 'Log', 'Erf', 'Sigmoid', 'Tanh', 'Sqrt', 'Pow', 'Max', 'Min', 'Cast', 'Relu', 'Softplus'] as const;
const ARITHMETIC = new Set<string>(ARITHMETIC_OPS);

const PROBES = Array.from({ length: 120 }, (_, i) => -12 + (24 * i) / 119).concat([-1e-3, 1e-3, 0]);
/** Candidates, in the order a tie would be resolved (none overlap within the tolerance anyway). */
const CANDIDATES: readonly ActivationName[] = ['gelu', 'silu', 'leaky-relu', 'softplus', 'elu', 'relu', 'tanh', 'logistic', 'linear'];

/** The ONNX operator name that stands for each activation in a {@link MultiNodeActivation}. */
export const OP_OF: Readonly<Partial<Record<ActivationName, string>>> = {
  gelu: 'Gelu',
  silu: 'Silu',
  'leaky-relu': 'LeakyRelu',
  softplus: 'Softplus',
  elu: 'Elu',
  relu: 'Relu',
  tanh: 'Tanh',
  logistic: 'Sigmoid',
  linear: 'Identity',
};

/** A recognised run: the activation it computes, the tensor it produces and how many nodes it spans. */
export interface MultiNodeActivation {
  readonly activation: ActivationName;
  readonly output: string;
  readonly nodes: number;
}

function scalarOf(t: ConstTensor | undefined): number | undefined {
  return t && t.values.length === 1 ? t.values[0] : undefined;
}

function unary(op: string, x: number): number {
  switch (op) {
    case 'Neg':
      return -x;
    case 'Abs':
      return Math.abs(x);
    case 'Exp':
      return detMath.exp(x);
    case 'Log':
      return detMath.log(x);
    case 'Erf':
      return detMath.erf(x);
    case 'Sigmoid':
      return activations.logistic.g(x);
    case 'Tanh':
      return detMath.tanh(x);
    case 'Sqrt':
      return Math.sqrt(x);
    case 'Relu':
      return Math.max(x, 0);
    case 'Softplus':
      return activations.softplus.g(x);
    default: // Cast (to FLOAT or DOUBLE: checked by the caller)
      return x;
  }
}

function binary(op: string, a: number, b: number): number {
  switch (op) {
    case 'Add':
      return a + b;
    case 'Sub':
      return a - b;
    case 'Mul':
      return a * b;
    case 'Div':
      return a / b;
    case 'Max':
      return Math.max(a, b);
    case 'Min':
      return Math.min(a, b);
    default: // Pow: only with a small integer or ½ exponent, where these are exact
      return b === 0.5 ? Math.sqrt(a) : b === 2 ? a * a : b === 3 ? a * a * a : Number.NaN;
  }
}

const castTarget = (n: NodeProto): number | undefined => {
  const to: AttributeProto | undefined = (n.attribute ?? []).find((a) => a.name === 'to');
  return to && (to.type === undefined || to.type === AttributeType.INT) ? int64(to.i) : undefined;
};

/**
 * The element-wise run starting at nodes[j] on tensor `x`, when it spans two or more nodes and computes
 * one of the core's activations; undefined when nodes[j] starts no such run (the caller then reads it as
 * a single operator). A run of two or more arithmetic nodes that computes nothing the core has is an
 * error naming its first node.
 */
export function readMultiNodeActivation(nodes: readonly NodeProto[], j: number, x: string, constants: ReadonlyMap<string, ConstTensor>, where: string): MultiNodeActivation | undefined {
  const values = new Map<string, number[]>([[x, PROBES]]);
  let end = j;
  let last = -1;
  let arithmetic = 0;
  for (; end < nodes.length; end++) {
    const n = nodes[end]!;
    const op = n.opType ?? '';
    if (op === 'Constant') continue; // already read by the caller; exporters interleave them
    if (!ARITHMETIC.has(op) || (n.domain && n.domain !== 'ai.onnx') || (n.output ?? []).length !== 1) break;
    if (op === 'Cast' && castTarget(n) !== DataType.FLOAT && castTarget(n) !== DataType.DOUBLE) break;
    const inputs = (n.input ?? []).filter((name) => name !== '');
    const args = inputs.map((name) => values.get(name) ?? scalarOf(constants.get(name)));
    const computed = args.filter((a) => Array.isArray(a)).length;
    const arity = ['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min', 'Pow'].includes(op) ? 2 : 1;
    if (computed === 0 || args.length !== arity || args.some((a) => a === undefined)) break;
    if (op === 'Pow' && ![0.5, 2, 3].includes(args[1] as number)) break;
    const at = (a: number | number[] | undefined, i: number) => (Array.isArray(a) ? a[i]! : (a as number));
    values.set(n.output![0]!, PROBES.map((_, i) => (arity === 1 ? unary(op, at(args[0], i)) : binary(op, at(args[0], i), at(args[1], i)))));
    last = end;
    arithmetic++;
  }
  if (arithmetic < 2) return undefined;
  end = last + 1;
  // The run's result is its last node's output; every other tensor it made must stay inside it.
  const output = nodes[last]!.output![0]!;
  const inside = new Set(nodes.slice(j, end).filter((n) => n.opType !== 'Constant').flatMap((n) => n.output ?? []));
  inside.delete(output);
  const leak = nodes.slice(end).find((n) => (n.input ?? []).some((name) => inside.has(name) || name === x));
  if (leak) return onnxFail('corrupt_model', where, 'an element-wise activation whose intermediate tensors only it reads', `node "${leak.name}" (${leak.opType}) reading one of them`);
  const h = values.get(output)!;
  for (const activation of CANDIDATES) {
    const g = activation === 'leaky-relu' ? (z: number) => (z > 0 ? z : LEAKY_RELU_ALPHA * z) : activations[activation].g;
    // float32 constants (√2 as 1.4142135) move the result by ~1e-7 relative; tanh-GELU is 3e-4 away.
    if (PROBES.every((z, i) => Math.abs(h[i]! - g(z)) <= 2e-6 * (1 + Math.abs(g(z))))) return { activation, output, nodes: end - j };
  }
  const ops = nodes.slice(j, end).filter((n) => n.opType !== 'Constant').map((n) => n.opType).join(', ');
  const tanhGelu = PROBES.every((z, i) => Math.abs(h[i]! - 0.5 * z * (1 + Math.tanh(0.7978845608028654 * (z + 0.044715 * z * z * z)))) <= 1e-5 * (1 + Math.abs(z)));
  return onnxFail(
    'corrupt_model',
    where,
    `element-wise nodes computing one of the core's activations (${CANDIDATES.join(', ')}; GELU in its exact erf form)`,
    tanhGelu ? `GELU's tanh approximation (${ops}): export with nn.GELU() (approximate='none')` : `a function of its input that is none of them (${ops})`,
  );
}
