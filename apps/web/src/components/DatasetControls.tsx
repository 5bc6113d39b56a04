import { type ControlId, type DatasetName, datasetNames, nextSeed, type PlaygroundConfig } from '../state/config.js';
import { datasetLabels } from '../state/dataset-switch.js';
import type { DataSummary } from '../worker/protocol.js';
import { Check, NumberInput, Range, Select } from './inputs.js';
import { ScalingControl } from './ScalingControl.js';
import { planeFeatureLabel } from '../state/features.js';

export interface ControlProps {
  readonly config: PlaygroundConfig;
  readonly update: (patch: Partial<PlaygroundConfig>) => void;
  readonly shown: (id: ControlId) => boolean;
}

/** The data controls also change the data set (dataset-switch.ts: what that keeps and what it resets). */
export interface DatasetControlProps extends ControlProps {
  readonly switchDataset: (dataset: DatasetName) => void;
  /** The data in use, as the worker reports it (the CSV's scaler, its columns). */
  readonly data?: DataSummary | undefined;
}

export function DatasetControls({ config, update, shown, switchDataset, data }: DatasetControlProps) {
  const mnist = config.dataset === 'mnist';
  // A CSV is the data as pasted: no generator, so no noise, sample count or regeneration.
  const generated = config.dataset !== 'csv';
  return (
    <fieldset className="panel">
      <legend>Data</legend>
      {shown('dataset') ? <Select label="Dataset" value={config.dataset} options={datasetNames} names={datasetLabels} testId="dataset" onChange={switchDataset} /> : null}
      {shown('noise') && !mnist && generated ? <Range label="Noise" value={config.noise} min={0} max={1} step={0.05} format={(v) => `${Math.round(v * 100)} %`} testId="noise" onChange={(noise) => update({ noise })} /> : null}
      {shown('samples') && generated ? <NumberInput label="Samples" value={config.samples} min={10} max={mnist ? 10_000 : 5000} step={10} integer why="fewer cannot make both a training and a test set; more would slow training in the page" testId="samples" onChange={(samples) => update({ samples })} /> : null}
      {config.dataset === 'csv' ? (
        <ScalingControl
          checked={config.standardize}
          onChange={(standardize) => update({ standardize })}
          scaler={data?.scaler}
          targetScaler={data?.targetScaler}
          columns={data?.planar ? (config.features.length > 0 ? config.features : (['x', 'y'] as const)).map((f) => planeFeatureLabel(f, data.columnNames)) : (data?.featureNames ?? config.features)}
          trainCount={data?.trainCount}
        />
      ) : null}
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
        <button type="button" className="wraps" data-testid="undo-points" onClick={() => update({ added: [], removed: [] })}>
          Undo point edits ({config.added.length} added, {config.removed.length} removed)
        </button>
      ) : null}
    </fieldset>
  );
}
