import { type ForwardTrace, type Network, activations } from '@backprop/core';

/**
 * The kink rule (SPEC §5: kinks are reported, not hidden). A central difference is only meaningful
 * where the loss is smooth on the whole segment [θ − εe, θ + εe]. Relu and leaky-relu are piecewise
 * linear, so the loss is smooth on that segment unless some pre-activation of a kinked unit crosses
 * (or touches) a kink. We record, for every kinked hidden unit of every sample and every kink κ of its
 * activation (the `kinks` field of the core's table), the side sign(a − κ) ∈ {−1, 0, +1} at θ − εe,
 * θ and θ + εe; if any side differs between the three, the check is inconclusive.
 *
 * This is exact rather than a guess at "within ε·C of a kink": it uses the pre-activations actually
 * reached by the perturbation, so it neither flags units the perturbation cannot move nor misses
 * units it moves a long way. (A pre-activation that leaves its side and comes back within one half-step
 * is not seen: along a segment of length ε that takes curvature of order 1/ε.)
 */
export interface KinkWatch {
  /** The side of every watched pre-activation of a trace, as a mask comparable with {@link sameSides}. */
  sides(trace: ForwardTrace): Int8Array;
}

/** The watch for a network, or undefined when no hidden activation has kinks (then no traces are needed). */
export function kinkWatch(net: Network): KinkWatch | undefined {
  const watched: { readonly layer: number; readonly kinks: readonly number[] }[] = [];
  net.spec.layers.forEach((l, i) => {
    const kinks = l.activation === undefined ? [] : activations[l.activation].kinks;
    if (kinks.length > 0) watched.push({ layer: i, kinks });
  });
  if (watched.length === 0) return undefined;
  return {
    sides(trace) {
      let length = 0;
      for (const w of watched) length += trace.a[w.layer]!.data.length * w.kinks.length;
      const out = new Int8Array(length);
      let o = 0;
      for (const w of watched) {
        const a = trace.a[w.layer]!.data; // a[i] ↔ a_(i+1), N × n_k
        for (const kink of w.kinks) for (let j = 0; j < a.length; j++) out[o++] = Math.sign(a[j]! - kink);
      }
      return out;
    },
  };
}

/** True when no watched pre-activation changed side of its kink between the two masks. */
export function sameSides(x: Int8Array, y: Int8Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** The one-dimensional version for {@link checkElementwise}: does [z − ε, z + ε] touch a kink? */
export function straddlesKink(zMinus: number, z: number, zPlus: number, kinks: readonly number[]): boolean {
  return kinks.some((k) => Math.sign(zMinus - k) !== Math.sign(z - k) || Math.sign(zPlus - k) !== Math.sign(z - k));
}
