import {
  type ActivationName,
  activations,
  type ForwardTrace,
  type Gradients,
  type LossName,
  MODEL_FORMAT,
  MODEL_VERSION,
  Matrix,
  Network,
  type NetworkJSON,
  type OutputName,
} from '@backprop/core';

// The network a lesson runs on, for ONE sample, in float64: its forward trace and backward gradients come
// from @backprop/core itself (never re-derived here), read out with the notes' 1-based indices:
// layer k = 1 … L, unit i = 1 … n_k. Whatever a lesson shows or asks is one of these numbers.

/** One sample's forward and backward pass on a float64 network, read with the notes' indices. */
export interface LessonNet {
  readonly json: NetworkJSON;
  readonly net: Network;
  /** h_0 = x. */
  readonly x: readonly number[];
  /** The target row (one-hot e(y) for classification). */
  readonly y: readonly number[];
  readonly trace: ForwardTrace;
  readonly grads: Gradients;
  /** ℒ(θ) on this sample. */
  readonly loss: number;
  /** Number of layers L (hidden layers + the output layer). */
  readonly L: number;
  /** n_0 … n_L. */
  readonly widths: readonly number[];
  readonly output: OutputName;
  readonly lossName: LossName;
  /** g_k for k = 1 … L−1 (index k − 1). */
  readonly g: readonly ActivationName[];
  /** The true class ℓ (0-based) when y is one-hot; undefined otherwise. */
  readonly label: number | undefined;
  W(k: number): number[][];
  b(k: number): number[];
  /** a_k, k = 1 … L. */
  a(k: number): number[];
  /** h_k, k = 0 … L−1 (h_0 = x). */
  h(k: number): number[];
  yHat(): number[];
  gradA(k: number): number[];
  /** ∇h_k, k = 0 … L−1 (∇h_0 is the gradient with respect to the input). */
  gradH(k: number): number[];
  gradW(k: number): number[][];
  gradB(k: number): number[];
  /** g′_k(a_k) entry-wise, k = 1 … L−1. */
  gPrime(k: number): number[];
}

const rowOf = (m: Matrix): number[] => Array.from(m.data);

/** Runs one sample through a network (converted to float64) and keeps everything a lesson reads. */
export function lessonNet(model: NetworkJSON | Network, x: readonly number[], y: readonly number[]): LessonNet {
  const source = model instanceof Network ? model : Network.fromJSON(model);
  const net = source.dtype === 'float64' ? source.clone() : source.clone({ dtype: 'float64' });
  const { preprocessing: _drop, training: _t, ...json } = net.toJSON();
  const X = Matrix.from([x], 'float64');
  const Y = Matrix.from([y], 'float64');
  const trace = net.forward(X);
  const grads = net.backward(trace, Y);
  const L = net.layers.length;
  const params = net.parameters();
  const param = (name: string) => params.find((p) => p.name === name)!;
  const oneHot = net.output !== 'linear' && y.length > 1 && y.every((v) => v === 0 || v === 1) && y.filter((v) => v === 1).length === 1;
  const g = json.layers.map((l) => l.activation as ActivationName);
  return {
    json: json as NetworkJSON,
    net,
    x: [...x],
    y: [...y],
    trace,
    grads,
    loss: net.loss(X, Y),
    L,
    widths: [net.inputs, ...net.layers.map((l) => l.units)],
    output: net.output,
    lossName: net.lossName,
    g,
    label: oneHot ? y.indexOf(1) : undefined,
    // biome-ignore lint/correctness/noComponentHookFactories: W is the notes' weight matrix, not a React component
    W: (k) => {
      const p = param(`W${k}`);
      return new Matrix(p.shape[0], p.shape[1], p.values).toArray();
    },
    b: (k) => Array.from(param(`b${k}`).values),
    a: (k) => rowOf(trace.a[k - 1]!),
    h: (k) => rowOf(trace.h[k]!),
    yHat: () => rowOf(trace.yHat),
    gradA: (k) => rowOf(grads.gradA[k - 1]!),
    gradH: (k) => rowOf(grads.gradH[k]!),
    gradW: (k) => grads.gradW[k - 1]!.toArray(),
    gradB: (k) => Array.from(grads.gradB[k - 1]!),
    gPrime: (k) => rowOf(trace.a[k - 1]!).map((z) => activations[g[k - 1]!].gPrime(z)),
  };
}

/** A float64 network from explicit weights: hidden layers [W, b, g], then the output layer [W, b]. */
export function networkOf(
  hidden: readonly { readonly W: readonly (readonly number[])[]; readonly b: readonly number[]; readonly g: ActivationName }[],
  out: { readonly W: readonly (readonly number[])[]; readonly b: readonly number[]; readonly fn: OutputName; readonly loss: LossName },
): NetworkJSON {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    dtype: 'float64',
    inputs: (hidden[0]?.W ?? out.W)[0]!.length,
    seed: 0,
    layers: hidden.map((l) => ({ units: l.W.length, activation: l.g, W: l.W.map((r) => [...r]), b: [...l.b] })),
    output: { units: out.W.length, fn: out.fn, loss: out.loss, W: out.W.map((r) => [...r]), b: [...out.b] },
  };
}
