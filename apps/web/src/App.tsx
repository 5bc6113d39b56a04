import { memo, type ReactNode, useCallback, useState } from 'react';
import { ChainDialog } from './components/ChainDialog.js';
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
import { isCsvFile } from './model/csv-check.js';
import type { Lit } from './model/step-through.js';
import type { AddedPoint, ControlId } from './state/config.js';
import { applyFeatures } from './state/features.js';
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

/** The added points without the last one at (x, y) (a float32 copy of it: 1e-3 is far below the 0.01 grid of clicks). */
function withoutOne(added: readonly AddedPoint[], x: number, y: number): AddedPoint[] {
  const i = added.findLastIndex((p) => Math.hypot(p.x - x, p.y - y) < 1e-3);
  return i < 0 ? [...added] : [...added.slice(0, i), ...added.slice(i + 1)];
}

/** The kernels in use, in the worker and on this page (wasm-simd where WebAssembly SIMD exists). */
function Footer({ worker, page }: { worker: string | undefined; page: string }) {
  return (
    <footer className="muted small" data-testid="backend" data-worker={worker} data-page={page}>
      @backprop/core kernels: {worker ?? '…'} in the training worker, {page} on this page.
    </footer>
  );
}

export function App({ pageBackend }: { pageBackend: string }) {
  const pg = usePlayground();
  const { config, update, client, data, snapshot, loadCsv } = pg;
  const [lit, setLit] = useState<Lit | null>(null);
  const [sample, setSample] = useState(0);
  const onLit = useCallback((l: Lit | null) => setLit(l), []);
  const hide = config.hide;
  const shown = useCallback((id: ControlId) => !hide.includes(id), [hide]);
  const props = { config, update, shown };
  const planar = data?.planar ?? config.dataset !== 'mnist';
  const { importFile, status: imported, pending, confirm, cancel } = useModelImport(pg);
  // A dropped .csv is data; any other file is read as a model.
  const onDrop = useCallback((file: File) => void (isCsvFile(file) ? file.text().then((t) => loadCsv(t, file.name)) : importFile(file)), [importFile, loadCsv]);
  const dropping = useFileDrop(onDrop);
  const features = config.features;
  const predict = useCallback((x: number, y: number) => client.predict(applyFeatures(Float32Array.of(x, y), features)), [client, features]);

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
        {pg.csv.status ? (
          <p role="status" data-testid="csv-status" data-ok={pg.csv.status.ok} className={pg.csv.status.ok ? undefined : 'bad'}>
            {pg.csv.status.text}
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
            predict={predict}
            onAdd={(x, y, label) => update({ added: [...config.added, { x, y, label }] })}
            onRemove={(source, x, y) => (source >= 0 ? update({ removed: [...config.removed, source] }) : update({ added: withoutOne(config.added, x, y) }))}
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
            <CsvInput onUse={loadCsv} link={config.dataset === 'csv' ? pg.csv.link : undefined} />
          </Section>
        ) : null}
        {shown('io') ? (
          <Section title="Export / import the model" testId="section-io">
            <ModelIO client={client} onImport={(file) => void importFile(file)} />
          </Section>
        ) : null}
      </div>
      <Footer worker={snapshot?.backend} page={pageBackend} />
      {pending ? <ChainDialog key={pending.name} pending={pending} onImport={(c) => void confirm(c)} onCancel={cancel} /> : null}
    </div>
  );
}
