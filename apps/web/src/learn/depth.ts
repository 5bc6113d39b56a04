import { type ActivationName, createRng, Matrix, Network } from '@backprop/core';

// The vanishing/exploding-gradient experiment: two deep networks of the same shape, one with logistic
// hidden units and one with ReLU, on the same batch; the per-layer ‖∇W_k‖ (Frobenius norm) side by side.
// With logistic units g′ ≤ 1/4, so each layer on the way down multiplies the gradient by about
// ‖W‖·g′ < 1 and the first layers learn almost nothing; ReLU's g′ is 0 or 1 and He initialisation keeps
// the norms level. A weight scale above 1 makes the ReLU stack explode instead.

/** The experiment's settings. */
export interface DepthOptions {
  /** Hidden layers (2 … 30). */
  readonly depth: number;
  /** Units per hidden layer. */
  readonly width: number;
  /** Multiplies every initial weight (1 = the initialiser's scale). */
  readonly scale: number;
  readonly seed: number;
}

/** ‖∇W_k‖ for k = 1 … L of one network. */
export interface DepthRun {
  readonly activation: ActivationName;
  readonly norms: readonly number[];
}

/** Frobenius norm of a matrix's entries. */
function norm(m: Matrix): number {
  let s = 0;
  for (const v of m.data) s += v * v;
  return Math.sqrt(s);
}

/** Runs both networks on one seeded batch of 64 two-dimensional points with two classes. */
export function depthExperiment(o: DepthOptions): readonly [DepthRun, DepthRun] {
  const rng = createRng(o.seed);
  const N = 64;
  const X = Matrix.zeros(N, 2, 'float64');
  const labels: number[] = [];
  for (let i = 0; i < N; i++) {
    X.data[2 * i] = rng.normal();
    X.data[2 * i + 1] = rng.normal();
    labels.push(X.data[2 * i]! * X.data[2 * i + 1]! > 0 ? 1 : 0);
  }
  const run = (activation: ActivationName): DepthRun => {
    const net = Network.create({
      inputs: 2,
      layers: Array.from({ length: o.depth }, () => ({ units: o.width, activation })),
      output: { units: 2, fn: 'softmax' },
      dtype: 'float64',
      seed: o.seed,
    });
    for (const p of net.parameters()) if (p.kind === 'W') for (let t = 0; t < p.values.length; t++) p.values[t] = p.values[t]! * o.scale;
    const g = net.backward(net.forward(X), labels);
    return { activation, norms: g.gradW.map(norm) };
  };
  return [run('logistic'), run('relu')];
}

/** The sentences under the chart: what the learner sees, in numbers. */
export function describeDepth([logistic, relu]: readonly [DepthRun, DepthRun]): string {
  const ratio = (r: DepthRun) => r.norms[0]! / r.norms[r.norms.length - 1]!;
  const times = (x: number) => Number(x.toPrecision(2)).toLocaleString('en');
  const say = (x: number) => (x >= 1 ? `${times(x)} times larger` : `${times(1 / x)} times smaller`);
  const biggest = Math.max(...relu.norms);
  const vanish = `With logistic units ‖∇W₁‖ is ${say(ratio(logistic))} than the last layer's: g′ ≤ 1/4, so every layer on the way down shrinks the gradient and the first layers barely learn.`;
  const level = `With ReLU (g′ = 0 or 1) it is ${say(ratio(relu))}: the gradient reaches the first layer.`;
  const explode =
    biggest > 10
      ? ` But every ReLU layer now multiplies the signal by more than 1: the largest ‖∇W_k‖ is ${biggest.toPrecision(2)}, and one step would throw the weights far away (exploding gradients).`
      : '';
  return `${vanish} ${level}${explode}`;
}
