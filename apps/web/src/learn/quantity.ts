import { Matrix } from '@backprop/core';
import type { LessonNet } from './lesson-net.js';
import type { Quantity } from './types.js';

// The value of what an exercise asks for, read from the core's own trace and gradients (notes' 1-based
// indices). The e2e test recomputes the same quantities with @backprop/core on its own.

/** ℒ(θ) on the lesson's sample with one weight W_k[i][j] (1-based) moved by `delta`. */
export function lossWithWeight(n: LessonNet, k: number, i: number, j: number, delta: number): number {
  const net = n.net.clone();
  const W = net.parameters().find((p) => p.name === `W${k}`)!;
  W.values[(i - 1) * W.shape[1] + (j - 1)]! += delta;
  return net.loss(Matrix.from([n.x], 'float64'), Matrix.from([n.y], 'float64'));
}

/** The central difference (ℒ(θ + εe) − ℒ(θ − εe)) / 2ε for the weight W_k[i][j], with both losses. */
export function centralDifference(n: LessonNet, k: number, i: number, j: number, eps: number): { plus: number; minus: number; value: number } {
  const plus = lossWithWeight(n, k, i, j, eps);
  const minus = lossWithWeight(n, k, i, j, -eps);
  return { plus, minus, value: (plus - minus) / (2 * eps) };
}

/** The number a quantity names on this network and sample. */
export function quantityValue(n: LessonNet, q: Quantity): number {
  switch (q.kind) {
    case 'a':
      return n.a(q.k)[q.i - 1]!;
    case 'h':
      return n.h(q.k)[q.i - 1]!;
    case 'gradA':
      return n.gradA(q.k)[q.i - 1]!;
    case 'gradH':
      return n.gradH(q.k)[q.i - 1]!;
    case 'gradB':
      return n.gradB(q.k)[q.i - 1]!;
    case 'gradW':
      return n.gradW(q.k)[q.i - 1]![q.j - 1]!;
    case 'path':
      return n.gradA(q.k + 1)[q.m - 1]! * n.W(q.k + 1)[q.m - 1]![q.j - 1]!;
    case 'yHat':
      return n.yHat()[q.i - 1]!;
    case 'loss':
      return n.loss;
    case 'W-after':
      return n.W(q.k)[q.i - 1]![q.j - 1]! - q.eta * n.gradW(q.k)[q.i - 1]![q.j - 1]!;
    case 'central':
      return centralDifference(n, q.k, q.i, q.j, q.eps).value;
  }
}
