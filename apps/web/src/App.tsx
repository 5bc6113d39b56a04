import { memo, type ReactNode, useCallback, useState } from 'react';
import { Counters } from './components/Counters.js';
import { CsvInput } from './components/CsvInput.js';
import { DatasetControls as DatasetControlsView } from './components/DatasetControls.js';
import { DecisionHeatmap } from './components/DecisionHeatmap.js';
import { GradcheckPanel } from './components/GradcheckPanel.js';
import { HealthPanel } from './components/HealthPanel.js';
import { LossChart } from './components/LossChart.js';
import { MnistPanel } from './components/MnistPanel.js';
import { ModelIO } from './components/ModelIO.js';
import { NetworkEditor as NetworkEditorView } from './components/NetworkEditor.js';
import { NetworkView } from './components/NetworkView.js';
import { StepThrough } from './components/StepThrough.js';
import { Toolbar } from './components/Toolbar.js';
import { TrainingControls as TrainingControlsView } from './components/TrainingControls.js';
import type { Lit } from './model/step-through.js';
import type { ControlId } from './state/config.js';
import { useFileDrop, useModelImport } from './state/model-import.js';
import { usePlayground } from './state/playground-store.js';

// The control panels re-render only when the config changes, not at every training snapshot.
const DatasetControls = memo(DatasetControlsView);
const NetworkEditor = memo(NetworkEditorView);
const TrainingControls = memo(TrainingControlsView);

/** A collapsible section that mounts its content only while open. */
function Section(props: { title: string; testId: string; children: ReactNode; defaultOpen?: boolean }) {
  const [open, setOpen] = useState(props.defaultOpen ?? false);
  return (
    <details className="section" open={open} data-testid={props.testId} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{props.title}</summary>
      {open ? props.children : null}
    </details>
  );
}

export function App() {
  const pg = usePlayground();
  const { config, update, client, data, snapshot } = pg;
  const [lit, setLit] = useState<Lit | null>(null);
  const [sample, setSample] = useState(0);
  const onLit = useCallback((l: Lit | null) => setLit(l), []);
  const hide = config.hide;
  const shown = useCallback((id: ControlId) => !hide.includes(id), [hide]);
  const props = { config, update, shown };
  const planar = data?.planar ?? config.dataset !== 'mnist';
  const { importFile, status: imported } = useModelImport(pg);
  const dropping = useFileDrop(importFile);

  return (
    <div className={dropping ? 'app dropping' : 'app'}>
      <header>
        <h1>backprop playground</h1>
        <p className="tagline">Train a neural network in your browser, then walk backpropagation through it line by line.</p>
        <Toolbar client={client} snapshot={snapshot} />
        <Counters snapshot={snapshot} />
        {pg.loading ? <p role="status">{pg.loading}</p> : null}
        {imported ? (
          <p role="status" data-testid="import-status" data-ok={imported.ok} className={imported.ok ? undefined : 'bad'}>
            {imported.text}
          </p>
        ) : null}
        {pg.error ? (
          <p role="alert" className="bad">
            {pg.error}
          </p>
        ) : null}
      </header>
      <main className="layout">
        <div className="controls">
          <DatasetControls {...props} />
          <NetworkEditor {...props} planar={planar} />
          <TrainingControls {...props} />
        </div>
        <div className="center">
          <NetworkView snapshot={snapshot} features={config.features} planar={planar} lit={lit} />
        </div>
        <div className="output">
          <h2>Output</h2>
          <DecisionHeatmap
            snapshot={snapshot}
            data={data}
            showTest={config.showTest}
            discretize={config.discretize}
            highlight={lit ? sample : undefined}
            onAdd={(x, y, label) => update({ added: [...config.added, { x, y, label }] })}
            onRemove={(source, x, y) =>
              source >= 0 ? update({ removed: [...config.removed, source] }) : update({ added: config.added.filter((p) => Math.hypot(p.x - x, p.y - y) > 1e-3) })
            }
          />
          <LossChart history={snapshot?.history ?? []} />
        </div>
      </main>
      <div className="sections">
        {shown('stepThrough') ? (
          <Section title="Backprop step-through" testId="section-step">
            <StepThrough client={client} data={data} snapshot={snapshot} config={config} sample={sample} setSample={setSample} onLit={onLit} />
          </Section>
        ) : null}
        {shown('gradcheck') ? (
          <Section title="Gradient check" testId="section-gradcheck">
            <GradcheckPanel client={client} />
          </Section>
        ) : null}
        {shown('health') ? (
          <Section title="Training health" testId="section-health" defaultOpen>
            <HealthPanel health={snapshot?.health} />
          </Section>
        ) : null}
        {config.dataset === 'mnist' ? (
          <Section title="MNIST: accuracy, mistakes, draw a digit" testId="section-mnist" defaultOpen>
            <MnistPanel snapshot={snapshot} client={client} />
          </Section>
        ) : null}
        {shown('csv') ? (
          <Section title="Your own data (CSV)" testId="section-csv">
            <CsvInput onUse={pg.useCsv} />
          </Section>
        ) : null}
        {shown('io') ? (
          <Section title="Export / import the model" testId="section-io">
            <ModelIO client={client} onImport={(file) => void importFile(file)} />
          </Section>
        ) : null}
      </div>
    </div>
  );
}
