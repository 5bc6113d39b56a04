import { type Matrix, type Network, activations } from '@backprop/core';
import type { Dataset } from '@backprop/datasets';
import type { LayerStat } from './events.js';

const norm = (values: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * values[i]!;
  return Math.sqrt(s);
};

/** Rows [0, n) of a dataset's X and targets: the fixed probe batch for gradient statistics. */
export function headRows(data: Dataset, n: number): { X: Matrix; Y: Matrix | Int32Array } {
  const rows = Math.min(n, data.X.rows);
  return { X: data.X.sliceRows(0, rows), Y: data.task === 'classification' ? data.y.slice(0, rows) : data.Y.sliceRows(0, rows) };
}

/**
 * Per-layer gradient norms and dead/saturated unit shares on a probe batch (public forward/backward only).
 * While training, pass the latest step's ‖∇W_k‖ as `gradNorms`: the probe then needs only a forward pass.
 */
export function layerStats(net: Network, X: Matrix, Y: Matrix | Int32Array, gradNorms?: readonly number[]): LayerStat[] {
  const trace = net.forward(X);
  const grads = gradNorms ? undefined : net.backward(trace, Y);
  const spec = net.spec.layers;
  return spec.map((layer, i) => {
    let dead = 0;
    let saturated = 0;
    if (layer.activation) {
      const a = trace.a[i]!;
      const gPrime = activations[layer.activation].gPrime;
      for (let j = 0; j < a.cols; j++) {
        let zero = 0;
        let flat = 0;
        for (let r = 0; r < a.rows; r++) {
          const z = a.data[r * a.cols + j]!;
          const slope = Math.abs(gPrime(z));
          if (slope === 0) zero++;
          if (slope < 0.01) flat++;
        }
        if (zero === a.rows && (layer.activation === 'relu' || layer.activation === 'leaky-relu')) dead++;
        else if (flat >= 0.9 * a.rows) saturated++;
      }
    }
    const units = layer.units;
    return {
      layer: i + 1,
      gradNorm: grads ? norm(grads.gradW[i]!.data) : (gradNorms?.[i] ?? Number.NaN),
      weightNorm: norm(net.parameters().find((p) => p.name === `W${i + 1}`)?.values ?? []),
      dead: layer.activation ? dead / units : 0,
      saturated: layer.activation ? saturated / units : 0,
    };
  });
}
