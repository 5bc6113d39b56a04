import { fitScaler, type Network, type Scaler } from '@backprop/core';
import type { PlaygroundConfig } from '../state/config.js';
import type { PreparedData } from './data.js';

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
