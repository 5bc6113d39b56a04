import type { Network } from '@backprop/core';
import { linearIndex } from '../safetensors.js';

/** One parameter tensor: its nn.Sequential name, shape, and where it sits in the core's flat θ. */
export interface ParamSlot {
  /** `0.weight`, `0.bias`, `2.weight`, … (nn.Sequential's state_dict names; torch's parameter order). */
  readonly name: string;
  readonly shape: readonly number[];
  /** Offset in the flat parameters [W_1 … W_L, b_1 … b_L] (the core's order, SPEC's θ). */
  readonly offset: number;
  readonly size: number;
}

/** The parameters in torch's order (0.weight, 0.bias, 2.weight, …) with their offsets in the core's flat θ. */
export function paramLayout(net: Network): ParamSlot[] {
  const layers = net.layers;
  const weights = layers.reduce((n, l) => n + l.units * l.fanIn, 0);
  const out: ParamSlot[] = [];
  let w = 0;
  let b = weights;
  for (const l of layers) {
    const index = linearIndex(l.layer);
    out.push({ name: `${index}.weight`, shape: [l.units, l.fanIn], offset: w, size: l.units * l.fanIn });
    out.push({ name: `${index}.bias`, shape: [l.units], offset: b, size: l.units });
    w += l.units * l.fanIn;
    b += l.units;
  }
  return out;
}
