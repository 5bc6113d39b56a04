import { type DatasetName, defaultConfig, type LayerConfig, type PlaygroundConfig } from './config.js';

// What a change of data set does, by TensorFlow Playground's rule: the user's training settings (learning
// rate η, optimizer and momentum, batch size, regularization, seeds, speed, features) are kept, and the
// network starts again from new weights with a fresh optimizer state (the worker builds a new network and a
// new run, as Reset does). Only what the data dictates changes: regression needs a linear output and
// squared error; MNIST's 784 inputs and 10 classes get a network and a sample count that suit digits. The
// 2-D sets' sample count, split and hidden layers are remembered on the way to MNIST and come back on
// the way out, so a detour through the digits loses nothing. The page says what changed (switchNote).

/** Menu names of the data sets. */
export const datasetLabels: Record<DatasetName, string> = {
  circle: 'Circle', xor: 'Exclusive or', gaussians: 'Gaussian', spiral: 'Spiral', spiral3: 'Spiral (3 classes)',
  plane: 'Plane (regression)', bump: 'Bump (regression)', mnist: 'MNIST digits', csv: 'Your CSV',
};

/** What MNIST sets and a 2-D set gets back: the amount of data, its split and the hidden layers. */
export type DataShape = Pick<PlaygroundConfig, 'samples' | 'trainRatio' | 'layers'>;

/** MNIST's: 3,000 digits (80 % training) and one hidden layer of 32 ReLU units, a network that learns digits in seconds. */
export const MNIST_SHAPE: DataShape = { samples: 3000, trainRatio: 0.8, layers: [{ units: 32, activation: 'relu' }] };

const shapeOf = (c: PlaygroundConfig): DataShape => ({ samples: c.samples, trainRatio: c.trainRatio, layers: c.layers });

/**
 * The config change for choosing `dataset`: never the training settings. `planar` is the 2-D shape to
 * return to when leaving MNIST (the one remembered on the way in; the defaults without one).
 */
export function datasetPatch(config: PlaygroundConfig, dataset: DatasetName, planar: DataShape = shapeOf(defaultConfig)): Partial<PlaygroundConfig> {
  const base = { dataset, added: [], removed: [] };
  if (dataset === config.dataset) return base;
  if (dataset === 'mnist') return { ...base, ...MNIST_SHAPE, output: 'softmax', loss: 'cross-entropy' };
  const back = config.dataset === 'mnist' ? planar : {};
  if (dataset === 'plane' || dataset === 'bump') return { ...base, ...back, output: 'linear', loss: 'squared-error' };
  if (config.output === 'linear') return { ...base, ...back, output: 'softmax', loss: 'cross-entropy' };
  return { ...base, ...back };
}

/** The 2-D shape to remember when leaving `config` for `dataset` (only on the way into MNIST). */
export function shapeToRemember(config: PlaygroundConfig, dataset: DatasetName): DataShape | undefined {
  return dataset === 'mnist' && config.dataset !== 'mnist' ? shapeOf(config) : undefined;
}

const layersText = (ls: readonly LayerConfig[]) => (ls.length === 0 ? 'none' : ls.map((l) => `${l.units} ${l.activation}`).join(', '));
const percent = (r: number) => `${Math.round(r * 100)} %`;

/**
 * What the page says after a change of data set: that the weights (and the optimizer's state) start
 * again, which settings are kept, and what the data changed, each as before → after.
 */
export function switchNote(before: PlaygroundConfig, after: PlaygroundConfig): string {
  const changed: string[] = [];
  if (layersText(before.layers) !== layersText(after.layers)) changed.push(`hidden layers ${layersText(before.layers)} → ${layersText(after.layers)}`);
  if (before.samples !== after.samples) changed.push(`samples ${before.samples.toLocaleString('en')} → ${after.samples.toLocaleString('en')}`);
  if (before.trainRatio !== after.trainRatio) changed.push(`training share ${percent(before.trainRatio)} → ${percent(after.trainRatio)}`);
  if (before.output !== after.output || before.loss !== after.loss) changed.push(`output ${before.output} + ${before.loss} → ${after.output} + ${after.loss}`);
  const kept = `kept: η = ${after.learningRate}, ${after.optimizer}, batch size ${after.batchSize}, regularization ${after.regularization}`;
  const data = changed.length > 0 ? ` Set for this data: ${changed.join('; ')}.` : '';
  return `${datasetLabels[after.dataset]}: new weights and a fresh optimizer state (as after Reset); your training settings are ${kept}.${data}`;
}
