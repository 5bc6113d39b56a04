import { activations } from '../activations.js';
import { lossGradient, lossValue } from '../losses.js';
import { allocate } from '../matrix.js';
import { applyOutput } from '../outputs.js';
import { rowClass } from './fused.js';
import type { Kernels } from './kernels.js';

/**
 * Naive triple loops written straight from the definitions (llm.c's `*_naive`): the oracle every other
 * kernel set is tested against. Accumulates in float64 locals, then stores in the matrix's dtype.
 */
export const referenceKernels: Kernels = {
  name: 'reference',
  allocate,
  gemmABt(A, B, out, bias) {
    const { rows: m, cols: k } = A;
    const n = B.rows;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = bias ? bias[j]! : 0;
        for (let p = 0; p < k; p++) s += A.data[i * k + p]! * B.data[j * k + p]!;
        out.data[i * n + j] = s;
      }
    }
  },
  gemmAtB(A, B, out) {
    const { rows: m, cols: n } = A;
    const k = B.cols;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let p = 0; p < m; p++) s += A.data[p * n + i]! * B.data[p * k + j]!;
        out.data[i * k + j] = s;
      }
    }
  },
  gemmAB(A, B, out) {
    const { rows: m, cols: k } = A;
    const n = B.cols;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A.data[i * k + p]! * B.data[p * n + j]!;
        out.data[i * n + j] = s;
      }
    }
  },
  columnSums(A, out) {
    for (let j = 0; j < A.cols; j++) {
      let s = 0;
      for (let i = 0; i < A.rows; i++) s += A.data[i * A.cols + j]!;
      out[j] = s;
    }
  },
  activate(name, a, h) {
    const { g } = activations[name];
    for (let i = 0; i < a.data.length; i++) h.data[i] = g(a.data[i]!);
  },
  activateBackward(name, a, _h, gradH, gradA) {
    const { gPrime } = activations[name];
    for (let i = 0; i < a.data.length; i++) gradA.data[i] = gradH.data[i]! * gPrime(a.data[i]!);
  },  softmaxCrossEntropy(a, Y, yHat, gradA, logSumExp, stats) {
    // The unfused definitions, one after the other.
    applyOutput('softmax', a, yHat, logSumExp);
    lossGradient('softmax', 'cross-entropy', a, yHat, Y, gradA);
    stats[0] = lossValue('softmax', 'cross-entropy', a, yHat, Y);
    let correct = 0;
    for (let r = 0; r < a.rows; r++) if (rowClass(yHat.data, r * a.cols, a.cols) === rowClass(Y.data, r * a.cols, a.cols)) correct++;
    stats[1] = correct;
  },
  sumSquares(x) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
    return s;
  },
  weightedSum(a, wa, b, wb, out) {
    const sum = Array.from(out, (_, i) => wa * a[i]! + wb * b[i]!);
    out.set(sum);
  },
  sgdStep(theta, grad, lr) {
    const next = theta.map((t, i) => t - lr * grad[i]!);
    if (!next.every(Number.isFinite)) return false;
    theta.set(next);
    return true;
  },
};
