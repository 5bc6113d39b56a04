import { applyScaler, fitScaler, Network, type NetworkJSON, type Scaler } from '@backprop/core';
import type { PlaygroundConfig } from '../state/config.js';
import type { PreparedData, Split } from './data.js';

// A CSV's columns come in their own units (square metres in the hundreds, prices in the hundred
// thousands): fed raw, they push tanh units into their flat ends and the network cannot learn. The page
// standardizes them as a scikit-learn pipeline would (StandardScaler fitted on the training rows only),
// through the network's own preprocessing: the network takes raw rows everywhere (training, the
// heatmap, predictions, an exported model and `backprop eval`), and the scaler travels in the model file.

/** True when a fresh network for this configuration gets an input scaler: CSV data with standardize on. */
export const standardizes = (config: Pick<PlaygroundConfig, 'dataset' | 'standardize'>): boolean => config.dataset === 'csv' && config.standardize;

/** The input scaler for this configuration, fitted on the training rows only (the test rows stay unseen); undefined when off. */
export function inputScaler(config: Pick<PlaygroundConfig, 'dataset' | 'standardize'>, data: PreparedData): Scaler | undefined {
  if (!standardizes(config) || data.train.X.rows === 0) return undefined;
  return fitScaler(data.train.X, 'standard');
}

/** Attaches `scaler` as the network's input preprocessing (keeping its class names and feature names). */
export function attachScaler(net: Network, scaler: Scaler | undefined): void {
  if (!scaler) return;
  net.setPreprocessing({ ...net.preprocessing, input: scaler });
}

/**
 * The regression target's scaler (a CSV with standardize on, one target column), fitted on the training rows:
 * prices in the hundred thousands as squared-error targets give gradients of that size, and the network
 * learns nothing (scikit-learn's TransformedTargetRegressor with a StandardScaler does the same).
 */
export function targetScaler(config: Pick<PlaygroundConfig, 'dataset' | 'standardize'>, data: PreparedData): Scaler | undefined {
  const Y = data.train.Y;
  if (!standardizes(config) || data.task !== 'regression' || !Y || Y.cols !== 1 || Y.rows === 0) return undefined;
  return fitScaler(Y, 'standard');
}

/** The data with its regression targets standardized by `scaler` (both halves; the inputs are the network's business). */
export function withScaledTargets(data: PreparedData, scaler: Scaler): PreparedData {
  const scale = (split: Split): Split => (split.Y && split.Y.rows > 0 ? { ...split, Y: applyScaler(scaler, split.Y, 'float32') } : split);
  return { ...data, train: scale(data.train), test: scale(data.test) };
}

/** y = ŷ·std + mean: a prediction on standardized targets in the target's own units (in place). */
export function unscaleTargets(scaler: Scaler, yHat: Float32Array): Float32Array {
  const cols = scaler.offset.length;
  for (let i = 0; i < yHat.length; i++) yHat[i] = yHat[i]! * scaler.scale[i % cols]! + scaler.offset[i % cols]!;
  return yHat;
}

/** The output layer's affine map in place, one output: W_L ← a·W_L, b_L ← a·b_L + c (a new ŷ = a·ŷ + c, exactly, for a linear output). */
function mapOutput(net: Network, a: number, c: number): void {
  const L = net.layers.length;
  const params = net.parameters();
  const W = params.find((p) => p.name === `W${L}`)!.values;
  const b = params.find((p) => p.name === `b${L}`)!.values;
  for (let i = 0; i < W.length; i++) W[i] = W[i]! * a;
  b[0] = b[0]! * a + c;
}

/** `json` with its output layer mapped by a and c (see mapOutput); unchanged unless the output is one linear unit. */
function mapOutputJson(json: NetworkJSON, a: number, c: number): NetworkJSON {
  const net = Network.fromJSON(json);
  try {
    if (net.output !== 'linear' || net.outputs !== 1) return json;
    mapOutput(net, a, c);
    return net.toJSON();
  } finally {
    net.dispose();
  }
}

/**
 * The model to save when the network learned standardized targets: its linear output layer takes the
 * target's scale in, W_L ← std·W_L and b_L ← std·b_L + mean, so the file predicts in the target's own units
 * (exactly: ŷ = std·(W_L h + b_L) + mean) and needs nothing but the core to load.
 */
export function foldTargetScaler(json: NetworkJSON, scaler: Scaler): NetworkJSON {
  return mapOutputJson(json, scaler.scale[0]!, scaler.offset[0]!);
}

/** The inverse of {@link foldTargetScaler}: the network as it trains, on standardized targets (what the step-through walks). */
export function unfoldTargetScaler(json: NetworkJSON, scaler: Scaler): NetworkJSON {
  return mapOutputJson(json, 1 / scaler.scale[0]!, -scaler.offset[0]! / scaler.scale[0]!);
}

/**
 * An imported regression network on data whose target the page standardizes: its output layer gives the
 * target's scale back (W_L ← W_L / std, b_L ← (b_L − mean) / std, in place), so it predicts the same and trains
 * on standardized targets as a network made here does (on raw prices its first steps multiplied the test
 * loss by 60). Returns the scaler to train with, or undefined when the target is not standardized.
 */
export function adoptTargetScaler(net: Network, config: Pick<PlaygroundConfig, 'dataset' | 'standardize'>, data: PreparedData): Scaler | undefined {
  const scaler = targetScaler(config, data);
  if (!scaler || net.output !== 'linear' || net.outputs !== 1) return undefined;
  mapOutput(net, 1 / scaler.scale[0]!, -scaler.offset[0]! / scaler.scale[0]!);
  return scaler;
}
