import { memo, useCallback } from 'react';
import { DatasetControls as DatasetControlsView } from '../components/DatasetControls.js';
import { DecisionHeatmap } from '../components/DecisionHeatmap.js';
import { FeaturePicker as FeaturePickerView } from '../components/FeaturePicker.js';
import { LossChart } from '../components/LossChart.js';
import { CsvOutput } from '../components/CsvOutput.js';
import { MnistPanel } from '../components/MnistPanel.js';
import { NetworkEditor as NetworkEditorView } from '../components/NetworkEditor.js';
import { NetworkView } from '../components/NetworkView.js';
import { TrainingControls as TrainingControlsView } from '../components/TrainingControls.js';
import type { AddedPoint } from '../state/config.js';
import { applyFeatures } from '../state/features.js';
import type { ViewProps } from './view-props.js';

// The control panels re-render only when the config changes, not at every training snapshot.
const DatasetControls = memo(DatasetControlsView);
const NetworkEditor = memo(NetworkEditorView);
const FeaturePicker = memo(FeaturePickerView);
const TrainingControls = memo(TrainingControlsView);

/** The added points without the last one at (x, y) (a float32 copy of it: 1e-3 is far below the 0.01 grid of clicks). */
function withoutOne(added: readonly AddedPoint[], x: number, y: number): AddedPoint[] {
  const i = added.findLastIndex((p) => Math.hypot(p.x - x, p.y - y) < 1e-3);
  return i < 0 ? [...added] : [...added.slice(0, i), ...added.slice(i + 1)];
}

/** Play: data | features and network | output, as TensorFlow Playground lays it out, on one screen. */
export function PlayView({ pg, shown, sample, lit }: ViewProps) {
  const { config, update, client, data, snapshot } = pg;
  const props = { config, update, shown };
  const planar = data?.planar ?? config.dataset !== 'mnist';
  const features = config.features;
  const predict = useCallback((x: number, y: number) => client.predict(applyFeatures(Float32Array.of(x, y), features)), [client, features]);
  const diagnosis = snapshot?.health.diagnosis;
  // A CSV of other than 2 features is not a plane: its inputs are named by its columns.
  const csvColumns = !planar && config.dataset === 'csv' ? data?.featureNames : undefined;
  return (
    <div className="play">
      <div className="play-controls">
        <DatasetControls {...props} switchDataset={pg.switchDataset} data={data} />
        <TrainingControls {...props} />
      </div>
      <section className="panel play-network" aria-labelledby="network-title">
        <h2 id="network-title">Network</h2>
        <FeaturePicker {...props} planar={planar} />
        <NetworkEditor {...props} regressionData={data?.task === 'regression'} />
        <NetworkView snapshot={snapshot} features={config.features} planar={planar} lit={lit} inputNames={csvColumns} classNames={data?.classNames} view={data?.view} />
      </section>
      <section className="panel play-output" aria-labelledby="output-title">
        <h2 id="output-title">Output</h2>
        {planar ? (
          <DecisionHeatmap
            snapshot={snapshot}
            data={data}
            showTest={config.showTest}
            discretize={config.discretize}
            highlight={lit ? sample : undefined}
            predict={predict}
            onAdd={(x, y, label) => update({ added: [...config.added, { x, y, label }] })}
            onRemove={(source, x, y) => (source >= 0 ? update({ removed: [...config.removed, source] }) : update({ added: withoutOne(config.added, x, y) }))}
          />
        ) : config.dataset === 'csv' ? (
          <CsvOutput snapshot={snapshot} featureNames={data?.featureNames ?? []} />
        ) : (
          <MnistPanel snapshot={snapshot} client={client} compact />
        )}
        <LossChart history={snapshot?.history ?? []} />
        {diagnosis ? (
          <p role="alert" className="bad small" data-testid="play-diagnosis">
            {diagnosis} (details under Check)
          </p>
        ) : null}
      </section>
    </div>
  );
}
