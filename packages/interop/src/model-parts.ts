import {
  type ActivationName,
  type DType,
  type FloatArray,
  type LossName,
  type ModelMetadata,
  type NetworkJSON,
  type OutputName,
  type Preprocessing,
  MODEL_FORMAT,
  MODEL_VERSION,
  Network,
} from '@backprop/core';

/** One dense layer: a_k = W_k h_(k−1) + b_k, W_k row-major n_k × n_(k−1) (nn.Linear.weight's layout). */
export interface DenseLayer {
  readonly units: number;
  readonly fanIn: number;
  /** g_k; undefined for the output layer (its function is {@link ModelParts.output}). */
  readonly activation: ActivationName | undefined;
  readonly W: FloatArray;
  readonly b: FloatArray;
}

/** A network taken apart into what every exchange format needs; the last layer is the output layer. */
export interface ModelParts {
  readonly inputs: number;
  readonly dtype: DType;
  readonly layers: readonly DenseLayer[];
  readonly output: OutputName;
  readonly loss: LossName;
  readonly preprocessing: Preprocessing | undefined;
  /** The network's metadata record (what it was trained on, …); undefined when none. */
  readonly metadata?: ModelMetadata | undefined;
}

/** Reads a network through the core's public surface (named parameter views, layer info, preprocessing). */
export function partsOf(net: Network): ModelParts {
  const params = net.parameters();
  const layers = net.layers.map((l, i): DenseLayer => {
    const W = params.find((p) => p.name === `W${i + 1}`)!;
    const b = params.find((p) => p.name === `b${i + 1}`)!;
    return { units: l.units, fanIn: l.fanIn, activation: l.kind === 'hidden' ? (l.activation as ActivationName) : undefined, W: W.values, b: b.values };
  });
  return { inputs: net.inputs, dtype: net.dtype, layers, output: net.output, loss: net.lossName, preprocessing: net.preprocessing, metadata: net.metadata };
}

function rows(W: ArrayLike<number>, units: number, fanIn: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < units; r++) out.push(Array.from({ length: fanIn }, (_, c) => W[r * fanIn + c]!));
  return out;
}

/**
 * Builds a network from parts through {@link Network.fromJSON}, so the core validates it once more
 * (finite, float32-representable weights, consistent preprocessing) and nothing half-built escapes.
 */
export function networkFromParts(parts: ModelParts): Network {
  const L = parts.layers.length;
  const hidden = parts.layers.slice(0, L - 1);
  const out = parts.layers[L - 1]!;
  const json: NetworkJSON = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    dtype: parts.dtype,
    inputs: parts.inputs,
    seed: 0,
    layers: hidden.map((l) => ({ units: l.units, activation: l.activation!, W: rows(l.W, l.units, l.fanIn), b: Array.from(l.b) })),
    output: { units: out.units, fn: parts.output, loss: parts.loss, W: rows(out.W, out.units, out.fanIn), b: Array.from(out.b) },
    ...(parts.preprocessing ? { preprocessing: parts.preprocessing } : {}),
    ...(parts.metadata ? { metadata: parts.metadata } : {}),
  };
  return Network.fromJSON(json);
}
