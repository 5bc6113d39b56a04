import { METADATA_LIMITS, type ModelMetadata, Network, type NetworkJSON } from '@backprop/core';
import type { PlaygroundConfig } from '../state/config.js';

// A model saved from the page says where it came from, in the keys `backprop train` writes into its model
// files (apps/cli, dataMetadata): the data set, its seed, the held-out share, and the toy sets' samples and
// noise. `backprop inspect` shows them and `backprop eval model.json` finds its data by them. The page adds
// one key the CLI has no need of: the input features, when the network was fed more than the raw x, y.

/** The keys an export writes: those of an imported model's metadata are replaced, any other key is kept. */
const DATA_KEYS: readonly string[] = ['dataset', 'seed', 'validation', 'label', 'samples', 'noise', 'features'];

/** Where the CSV in use came from, when the data set is a CSV: a dropped file's name, else how it arrived. */
export type CsvSource = string | undefined;

/**
 * The page's data options as model metadata: `dataset` (a toy set's or `mnist`, or for a CSV the dropped
 * file's name or `pasted CSV`), `seed` (the data seed), `validation` (the test share), and for generated
 * sets `samples` (and `noise` for the 2-D ones) and `features` when not just x, y.
 */
export function playgroundMetadata(config: PlaygroundConfig, csvSource: CsvSource): ModelMetadata {
  // 1 − 0.7 is 0.30000000000000004 in binary: the share as the user chose it.
  const common = { seed: config.dataSeed, validation: Number((1 - config.trainRatio).toFixed(6)) };
  const features = config.features.join(',');
  const fed = features !== 'x,y' && config.dataset !== 'mnist' ? { features } : {};
  if (config.dataset === 'mnist') return { dataset: 'mnist', ...common, samples: config.samples };
  if (config.dataset === 'csv') return { dataset: (csvSource ?? 'pasted CSV').slice(0, METADATA_LIMITS.stringLength), ...common, ...fed };
  return { dataset: config.dataset, ...common, samples: config.samples, noise: config.noise, ...fed };
}

/**
 * The model with `metadata` recorded through the core (`setMetadata`, which checks it): the data keys of
 * any metadata it carried (an imported model's) are replaced, its other keys (an author, a licence) kept.
 */
export function withMetadata(json: NetworkJSON, metadata: ModelMetadata): NetworkJSON {
  const net = Network.fromJSON(json);
  try {
    const kept = Object.fromEntries(Object.entries(net.metadata ?? {}).filter(([key]) => !DATA_KEYS.includes(key)));
    return net.setMetadata({ ...kept, ...metadata }).toJSON();
  } finally {
    net.dispose();
  }
}
