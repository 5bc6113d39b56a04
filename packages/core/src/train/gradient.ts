import { backwardPass } from '../backward.js';
import { forwardPass } from '../forward.js';
import { lossValue } from '../losses.js';
import type { FloatArray, Matrix } from '../matrix.js';
import type { NetworkInternals } from '../internals.js';

// Loss and correct count from the fused softmax + cross-entropy kernel (reused: a warm call allocates nothing).
const stats = new Float64Array(2);

/**
 * ∇θ of the mean loss over the N rows of x (targets y, N × n_L), times `scale`, into `out` (θ's flat
 * order); returns the mean loss. The same forward / backward passes as a training step, in the network's
 * cached workspace for N rows; θ is not changed.
 */
export function gradientInto(inner: NetworkInternals, x: Matrix, y: Matrix, out: FloatArray, scale: number): number {
  const { model, grads } = inner;
  const L = model.W.length;
  const ws = inner.workspace(x.rows);
  if (x !== ws.h[0]) ws.h[0]!.data.set(x.data); // a RowGradient gathers its rows there itself
  const fused = model.spec.output === 'softmax' && model.spec.loss === 'cross-entropy';
  const trace = forwardPass(model, ws, !fused);
  if (fused) model.kernels.softmaxCrossEntropy(trace.a[L - 1]!, y, ws.yHat, ws.gradA[L - 1]!, ws.logSumExp, stats);
  const loss = fused ? stats[0]! : lossValue(model.spec.output, model.spec.loss, trace.a[L - 1]!, trace.yHat, y);
  backwardPass(model, trace, y, ws, grads, false, fused);
  const g = grads.flat;
  if (scale === 1) out.set(g);
  else for (let i = 0; i < g.length; i++) out[i] = g[i]! * scale;
  return loss;
}
