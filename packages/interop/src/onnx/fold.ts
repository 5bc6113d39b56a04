import { onnxFail } from '../errors.js';
import type { ConstTensor } from './tensors.js';

// Eval-mode BatchNormalization is an affine map per feature, y = s ⊙ x + t with s = γ / √(σ² + ε) and
// t = β − s ⊙ μ (running statistics), so it folds into the neighbouring linear layer exactly (in exact
// arithmetic; here in float64, rounded once to the network's dtype):
//   after layer k   W′ = diag(s) W,   b′ = s ⊙ (b − μ) + β
//   before layer k  W′ = W diag(s),   b′ = b + W t

/** What folding needs of a layer (chain.ts's ChainLayer has these and more). */
interface Dense {
  readonly units: number;
  readonly fanIn: number;
  readonly W: Float32Array | Float64Array;
  readonly b: Float32Array | Float64Array | undefined;
}

/** The per-feature affine map of a BatchNormalization's scale, bias, mean and variance, and epsilon. */
export interface Affine {
  readonly s: Float64Array;
  readonly t: Float64Array;
}

/** s and t of an inference-mode BatchNormalization, with every tensor checked against `features`. */
export function batchNormAffine(tensors: readonly ConstTensor[], epsilon: number, features: number | undefined, where: string): Affine {
  const [scale, bias, mean, variance] = tensors as [ConstTensor, ConstTensor, ConstTensor, ConstTensor];
  const n = features ?? scale.values.length;
  for (const t of tensors) {
    if (t.dims.length !== 1 || t.dims[0] !== n) onnxFail('shape_mismatch', `${where} "${t.name}"`, `a vector of ${n} values (one per feature)`, `dims [${t.dims.join(', ')}]`);
  }
  if (!(epsilon >= 0)) onnxFail('corrupt_model', `${where} attribute epsilon`, 'a number ≥ 0', String(epsilon));
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = variance.values[i]! + epsilon;
    if (!(v > 0)) onnxFail('corrupt_model', `${where} "${variance.name}"[${i}]`, 'variance + epsilon > 0', String(v));
    s[i] = scale.values[i]! / Math.sqrt(v);
    t[i] = bias.values[i]! - s[i]! * mean.values[i]!;
  }
  return { s, t };
}

/** Applies y = s ⊙ a + t to the layer's output: W′ = diag(s) W, b′ = s ⊙ b + t. */
export function foldAfter<L extends Dense>(layer: L, { s, t }: Affine): L {
  const W = layer.W.slice();
  const b = layer.W instanceof Float32Array ? new Float32Array(layer.units) : new Float64Array(layer.units);
  for (let r = 0; r < layer.units; r++) {
    for (let c = 0; c < layer.fanIn; c++) W[r * layer.fanIn + c] = s[r]! * layer.W[r * layer.fanIn + c]!;
    b[r] = s[r]! * (layer.b?.[r] ?? 0) + t[r]!;
  }
  return { ...layer, W, b };
}

/** Applies the layer to s ⊙ x + t instead of x: W′ = W diag(s), b′ = b + W t (sums in float64). */
export function foldBefore<L extends Dense>(layer: L, { s, t }: Affine, where: string): L {
  if (s.length !== layer.fanIn) onnxFail('shape_mismatch', where, `${layer.fanIn} features (the next layer's inputs)`, `${s.length}`);
  const W = layer.W.slice();
  const b = layer.W instanceof Float32Array ? new Float32Array(layer.units) : new Float64Array(layer.units);
  for (let r = 0; r < layer.units; r++) {
    let sum = layer.b?.[r] ?? 0;
    for (let c = 0; c < layer.fanIn; c++) {
      W[r * layer.fanIn + c] = layer.W[r * layer.fanIn + c]! * s[c]!;
      sum += layer.W[r * layer.fanIn + c]! * t[c]!;
    }
    b[r] = sum;
  }
  return { ...layer, W, b };
}
