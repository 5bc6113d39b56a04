import { erf, erfc, exp, expm1, log1p, tanh } from './math.js';

/** Hidden-layer activation functions g (SPEC §1, table 1). */
export type ActivationName = 'logistic' | 'tanh' | 'relu' | 'leaky-relu' | 'linear' | 'softplus' | 'elu' | 'gelu' | 'silu';

/** Every activation name, in the order of SPEC's table. */
export const activationNames: readonly ActivationName[] = [
  'logistic',
  'tanh',
  'relu',
  'leaky-relu',
  'linear',
  'softplus',
  'elu',
  'gelu',
  'silu',
];

/** One activation: g and g′ side by side, as in SPEC's table. */
export interface Activation {
  /** g(z), element-wise. */
  readonly g: (z: number) => number;
  /** g′(z) at the pre-activation z = a. */
  readonly gPrime: (z: number) => number;
  /** Points where g is not differentiable; gradcheck flags pre-activations within ε of them. */
  readonly kinks: readonly number[];
  /** The initialiser that keeps activations' variance stable through this g (Glorot for saturating, He for rectifiers). */
  readonly init: 'glorot' | 'he';
}

/** Slope of leaky-relu for z ≤ 0 (SPEC §1: α = 0.01). */
export const LEAKY_RELU_ALPHA = 0.01;

/** The logistic σ(z) = 1/(1+e^(−z)), written so that neither branch overflows for large |z| (SPEC §1). */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

/** softplus(z) = log(1 + e^z) without overflow: max(z, 0) + log1p(e^(−|z|)). */
function softplus(z: number): number {
  return Math.max(z, 0) + log1p(exp(-Math.abs(z)));
}

/** Φ(z), the standard normal CDF: erfc(−z/√2)/2, which keeps its relative accuracy in the far left tail. */
function normalCdf(z: number): number {
  return z >= 0 ? 0.5 * (1 + erf(z * Math.SQRT1_2)) : 0.5 * erfc(-z * Math.SQRT1_2);
}

/** φ(z) = e^(−z²/2)/√(2π), the standard normal density. */
const normalPdf = (z: number): number => 0.3989422804014327 * exp(-0.5 * z * z);

/** The table of SPEC §1. Kernels specialise these into bulk loops and are tested against this table. */
export const activations: Readonly<Record<ActivationName, Activation>> = {
  logistic: { g: sigmoid, gPrime: (z) => sigmoid(z) * (1 - sigmoid(z)), kinks: [], init: 'glorot' },
  tanh: { g: tanh, gPrime: (z) => {
      const t = tanh(z);
      return 1 - t * t;
    }, kinks: [], init: 'glorot' },
  // g′(0) = 0 by convention (SPEC §1).
  relu: { g: (z) => (z > 0 ? z : 0), gPrime: (z) => (z > 0 ? 1 : 0), kinks: [0], init: 'he' },
  'leaky-relu': {
    g: (z) => (z > 0 ? z : LEAKY_RELU_ALPHA * z),
    gPrime: (z) => (z > 0 ? 1 : LEAKY_RELU_ALPHA),
    kinks: [0],
    init: 'he',
  },
  linear: { g: (z) => z, gPrime: () => 1, kinks: [], init: 'glorot' },
  softplus: { g: softplus, gPrime: sigmoid, kinks: [], init: 'he' },
  // elu with α = 1: continuous first derivative at 0, so no kink.
  elu: { g: (z) => (z > 0 ? z : expm1(z)), gPrime: (z) => (z > 0 ? 1 : exp(z)), kinks: [], init: 'he' },
  // GELU, exact (erf) form as PyTorch's nn.GELU() and ONNX Gelu: g = z·Φ(z), g′ = Φ(z) + z·φ(z).
  gelu: { g: (z) => z * normalCdf(z), gPrime: (z) => normalCdf(z) + z * normalPdf(z), kinks: [], init: 'he' },
  // SiLU (swish, β = 1) as nn.SiLU: g = z·σ(z), g′ = σ(z)·(1 + z·(1 − σ(z))).
  silu: {
    g: (z) => z * sigmoid(z),
    gPrime: (z) => {
      const s = sigmoid(z);
      return s * (1 + z * (1 - s));
    },
    kinks: [],
    init: 'he',
  },
};

/** True when `name` is an activation this library knows. */
export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === 'string' && (activationNames as readonly string[]).includes(name);
}
