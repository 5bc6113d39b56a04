import { BackpropError, describe } from './errors.js';
import type { FloatArray } from './matrix.js';
import { checkKeys, checkNumber } from './validate.js';

/** Penalty strengths for one layer's weights. */
export interface LayerRegularization {
  /** λ₁ of λ₁·Σ|W_k| (default: the network-wide value). */
  readonly l1?: number;
  /** λ₂ of λ₂·Σ W_k² (default: the network-wide value). */
  readonly l2?: number;
}

/**
 * Weight penalties added to the mean loss: Ω(θ) = Σ_k (λ₁·Σ|W_k| + λ₂·Σ W_k²), so
 * ∇_(W_k) Ω = λ₁·sign(W_k) + 2λ₂·W_k (sign(0) = 0). Biases are not penalised (Keras's and
 * PyTorch's convention). `layers[i]` overrides the network-wide strengths for layer k = i + 1.
 * @example net.fit(X, y, { regularization: { l2: 1e-4 } })
 * @example net.fit(X, y, { regularization: { l2: 1e-4, layers: [{ l2: 0 }, {}] } })  // L2 on W2 only, not on W1
 */
export interface Regularization extends LayerRegularization {
  readonly layers?: readonly LayerRegularization[];
}

/** Per-layer λ₁ and λ₂ (index i is layer k = i + 1); undefined when every strength is zero. */
export interface ResolvedRegularization {
  readonly l1: readonly number[];
  readonly l2: readonly number[];
}

/** Validates regularization options for a network of `L` layers; throws `invalid_option` naming the field. */
export function resolveRegularization(value: unknown, L: number, argument: string): ResolvedRegularization | undefined {
  if (value === undefined) return undefined;
  checkKeys(argument, value, ['l1', 'l2', 'layers']);
  const r = value as Regularization;
  const strength = (path: string, v: unknown, fallback: number): number => (v === undefined ? fallback : checkNumber(path, v, { nonNegative: true }));
  const l1 = strength(`${argument}.l1`, r.l1, 0);
  const l2 = strength(`${argument}.l2`, r.l2, 0);
  const layers = r.layers ?? [];
  if (!Array.isArray(layers) || layers.length > L) {
    throw new BackpropError('invalid_option', `${argument}.layers`, `an array of at most ${L} { l1?, l2? } (one per layer)`, describe(layers));
  }
  const out = { l1: [] as number[], l2: [] as number[] };
  for (let i = 0; i < L; i++) {
    const layer = layers[i] ?? {};
    checkKeys(`${argument}.layers[${i}]`, layer, ['l1', 'l2']);
    out.l1.push(strength(`${argument}.layers[${i}].l1`, layer.l1, l1));
    out.l2.push(strength(`${argument}.layers[${i}].l2`, layer.l2, l2));
  }
  return out.l1.some((x) => x > 0) || out.l2.some((x) => x > 0) ? out : undefined;
}

/** Ω(θ) = Σ_k λ₁_k·Σ|W_k| + λ₂_k·Σ W_k²   (W[i] is the row-major data of W_(i+1)). */
export function penaltyValue(W: readonly FloatArray[], r: ResolvedRegularization): number {
  let total = 0;
  W.forEach((w, i) => {
    const l1 = r.l1[i]!;
    const l2 = r.l2[i]!;
    let abs = 0;
    let sq = 0;
    for (let j = 0; j < w.length; j++) {
      abs += Math.abs(w[j]!);
      sq += w[j]! * w[j]!;
    }
    total += l1 * abs + l2 * sq;
  });
  return total;
}

/** gradW_k += λ₁·sign(W_k) + 2λ₂·W_k, in place. */
export function addPenaltyGradient(W: readonly FloatArray[], gradW: readonly FloatArray[], r: ResolvedRegularization): void {
  W.forEach((w, i) => {
    const l1 = r.l1[i]!;
    const l2 = r.l2[i]!;
    if (l1 === 0 && l2 === 0) return;
    const g = gradW[i]!;
    for (let j = 0; j < w.length; j++) g[j] = g[j]! + l1 * Math.sign(w[j]!) + 2 * l2 * w[j]!;
  });
}

/** ‖g‖₂ of one array. */
export function norm2(g: FloatArray): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i]! * g[i]!;
  return Math.sqrt(s);
}

/** Clamps every gradient entry to [−c, c] in place (clipping by value). */
export function clipByValue(g: FloatArray, c: number): void {
  for (let i = 0; i < g.length; i++) g[i] = Math.min(c, Math.max(-c, g[i]!));
}

/** Rescales g so that ‖g‖₂ ≤ maxNorm (clipping by global norm, as PyTorch's clip_grad_norm_); `norm` is ‖g‖₂. */
export function clipByNorm(g: FloatArray, maxNorm: number, norm: number): void {
  if (norm <= maxNorm || norm === 0) return;
  const s = maxNorm / norm;
  for (let i = 0; i < g.length; i++) g[i] = g[i]! * s;
}
