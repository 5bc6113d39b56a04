import { type ControlId, type DatasetName, datasetNames, nextSeed, type PlaygroundConfig } from '../state/config.js';
import { Check, NumberInput, Range, Select } from './inputs.js';

const NAMES: Record<DatasetName, string> = {
  circle: 'Circle', xor: 'Exclusive or', gaussians: 'Gaussian', spiral: 'Spiral', spiral3: 'Spiral (3 classes)',
  plane: 'Plane (regression)', bump: 'Bump (regression)', mnist: 'MNIST digits', csv: 'Your CSV',
};

export interface ControlProps {
  readonly config: PlaygroundConfig;
  readonly update: (patch: Partial<PlaygroundConfig>) => void;
  readonly shown: (id: ControlId) => boolean;
}

/** Presets applied when the dataset changes, so MNIST starts with a network that fits 784 inputs. */
export function datasetPatch(config: PlaygroundConfig, dataset: DatasetName): Partial<PlaygroundConfig> {
  const base = { dataset, added: [], removed: [] };
  if (dataset === 'mnist') return { ...base, samples: 3000, trainRatio: 0.8, batchSize: 20, layers: [{ units: 32, activation: 'relu' }], output: 'softmax', loss: 'cross-entropy', learningRate: 0.1 };
  if (config.dataset === 'mnist') return { ...base, samples: 500, trainRatio: 0.5, batchSize: 10, layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }], learningRate: 0.03 };
  if (dataset === 'plane' || dataset === 'bump') return { ...base, output: 'linear', loss: 'squared-error' };
  if (config.output === 'linear') return { ...base, output: 'softmax', loss: 'cross-entropy' };
  return base;
}

export function DatasetControls({ config, update, shown }: ControlProps) {
  const mnist = config.dataset === 'mnist';
  // A CSV is the data as pasted: no generator, so no noise, sample count or regeneration.
  const generated = config.dataset !== 'csv';
  return (
    <fieldset className="panel">
      <legend>Data</legend>
      {shown('dataset') ? <Select label="Dataset" value={config.dataset} options={datasetNames} names={NAMES} testId="dataset" onChange={(d) => update(datasetPatch(config, d))} /> : null}
      {shown('noise') && !mnist && generated ? <Range label="Noise" value={config.noise} min={0} max={1} step={0.05} format={(v) => `${Math.round(v * 100)} %`} testId="noise" onChange={(noise) => update({ noise })} /> : null}
      {shown('samples') && generated ? <NumberInput label="Samples" value={config.samples} min={10} max={mnist ? 10_000 : 5000} step={10} integer why="fewer cannot make both a training and a test set; more would slow training in the page" testId="samples" onChange={(samples) => update({ samples })} /> : null}
      {shown('ratio') ? <Range label="Training share" value={config.trainRatio} min={0.1} max={0.9} step={0.05} format={(v) => `${Math.round(v * 100)} %`} testId="ratio" onChange={(trainRatio) => update({ trainRatio })} /> : null}
      {shown('batch') ? <NumberInput label="Batch size" value={config.batchSize} min={1} max={1000} step={1} integer why="each step averages the gradient over that many training samples" testId="batch" onChange={(batchSize) => update({ batchSize })} /> : null}
      {!mnist ? (
        <>
          <Check label="Show test data" checked={config.showTest} testId="show-test" onChange={(showTest) => update({ showTest })} />
          <Check label="Discretize output" checked={config.discretize} testId="discretize" onChange={(discretize) => update({ discretize })} />
        </>
      ) : null}
      {shown('seed') && generated ? (
        <button type="button" data-testid="regenerate" title="New data from the same distribution; the network keeps its weights" onClick={() => update({ dataSeed: nextSeed(config.dataSeed), added: [], removed: [] })}>
          Regenerate data
        </button>
      ) : null}
      {config.added.length + config.removed.length > 0 ? (
        <button type="button" onClick={() => update({ added: [], removed: [] })}>
          Undo point edits ({config.added.length} added, {config.removed.length} removed)
        </button>
      ) : null}
    </fieldset>
  );
}
