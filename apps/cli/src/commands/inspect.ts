import type { Network } from '@backprop/core';
import { count, num, printable } from '../format.js';
import { loadModel } from '../io/model-file.js';
import type { Runtime } from '../runtime.js';
import { table } from '../table.js';
import { architecture } from './run-context.js';

/** Summary statistics of a tensor. */
export interface TensorStats {
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly norm: number;
}

export function tensorStats(values: ArrayLike<number>): TensorStats {
  let sum = 0;
  let sq = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    sq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const n = values.length || 1;
  const mean = sum / n;
  return { mean, std: Math.sqrt(Math.max(0, sq / n - mean * mean)), min, max, norm: Math.sqrt(sq) };
}

/** Per-layer architecture, parameter counts and weight statistics. */
export function describeModel(net: Network) {
  const params = net.parameters();
  return {
    architecture: architecture(net),
    inputs: net.inputs,
    outputs: net.outputs,
    output: net.output,
    loss: net.lossName,
    dtype: net.dtype,
    parameters: net.flat.length,
    ...(net.metadata ? { metadata: net.metadata } : {}),
    layers: net.layers.map((l) => ({
      layer: l.layer,
      kind: l.kind,
      shape: [l.units, l.fanIn] as const,
      activation: l.activation,
      parameters: l.parameters,
      W: tensorStats(params.find((p) => p.name === `W${l.layer}`)!.values),
      b: tensorStats(params.find((p) => p.name === `b${l.layer}`)!.values),
    })),
  };
}

/** The summary as text lines. */
export function inspectLines(file: string, net: Network): string[] {
  const d = describeModel(net);
  const rows = d.layers.map((l) => [
    String(l.layer),
    `${l.shape[0]}×${l.shape[1]}`,
    l.activation,
    count(l.parameters),
    num(l.W.mean),
    num(l.W.std),
    num(l.W.min),
    num(l.W.max),
    num(l.W.norm),
    num(l.b.mean),
    num(l.b.std),
  ]);
  // The recorded data set first (`backprop train` writes it), then any other metadata, as key value.
  const m = d.metadata;
  // Values come from the file (an imported model's metadata may be anyone's): one line, no control characters.
  const facts = m ? [...(typeof m.dataset === 'string' ? [printable(m.dataset)] : []), ...Object.entries(m).filter(([k]) => k !== 'dataset').map(([k, v]) => `${k} ${printable(String(v))}`)] : [];
  return [
    `${file}: ${d.architecture} · loss ${d.loss} · ${d.dtype} · ${count(d.parameters)} parameters`,
    ...(facts.length > 0 ? [`${typeof m?.dataset === 'string' ? 'trained on' : 'metadata'}: ${facts.join(' · ')}`] : []),
    '',
    ...table(['layer', 'W shape', 'activation', 'params', 'W mean', 'W std', 'W min', 'W max', '‖W‖₂', 'b mean', 'b std'], rows),
  ];
}

/** `backprop inspect model.json`. */
export async function inspectCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const net = loadModel(file);
  if (flags.json === true) rt.stdout.write(`${JSON.stringify({ file, ...describeModel(net) })}\n`);
  else rt.stdout.write(`${inspectLines(file, net).join('\n')}\n`);
  return 0;
}
