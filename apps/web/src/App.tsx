import { lazy, type ReactNode, Suspense, useCallback, useState } from 'react';
import { ChainDialog } from './components/ChainDialog.js';
import { Counters } from './components/Counters.js';
import { WorkersControl } from './components/WorkersControl.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { ModeNav } from './components/ModeNav.js';
import { SpeedControl } from './components/SpeedControl.js';
import { ThemeToggle } from './components/ThemeToggle.js';
import { Toolbar } from './components/Toolbar.js';
import { isCsvFile } from './model/csv-check.js';
import { readCsvFile } from './model/csv-file.js';
import type { Lit } from './model/step-through.js';
import type { ControlId } from './state/config.js';
import { type Mode, useMode, visibleModes } from './state/mode.js';
import { useFileDrop, useModelImport } from './state/model-import.js';
import { usePlayground } from './state/playground-store.js';
import { useGradcheck } from './state/use-gradcheck.js';
import { useModelCopy } from './state/use-model.js';
import { CheckView } from './views/CheckView.js';
import { YourDataView } from './views/DataView.js';
import { DigitsView } from './views/DigitsView.js';
import { ModelView } from './views/ModelView.js';
import { PlayView } from './views/PlayView.js';
import type { ViewProps } from './views/view-props.js';

// The step-through and Learn typeset mathematics (KaTeX and its fonts): they load when first opened.
const StepView = lazy(() => import('./views/StepView.js'));
const LearnMode = lazy(() => import('./views/LearnMode.js'));

const VIEWS: Record<Mode, (p: ViewProps) => ReactNode> = {
  play: PlayView,
  step: StepView,
  learn: LearnMode,
  check: CheckView,
  digits: DigitsView,
  data: YourDataView,
  model: ModelView,
};

/** The kernels in use, in the worker and on this page (wasm-simd where WebAssembly SIMD exists). */
function Footer({ worker, page }: { worker: string | undefined; page: string }) {
  return (
    <footer className="muted small" data-testid="backend" data-worker={worker} data-page={page}>
      @backprop/core kernels: {worker ?? '…'} in the training worker, {page} on this page.
    </footer>
  );
}

/** The playground: a header (modes, training controls, counters) over one mode's view at a time. */
export function App({ pageBackend }: { pageBackend: string }) {
  const pg = usePlayground();
  const { config, update, client, snapshot, loadCsv } = pg;
  const [mode, setMode] = useMode();
  const [lit, setLit] = useState<Lit | null>(null);
  const [sample, setSample] = useState(0);
  const onLit = useCallback((l: Lit | null) => setLit(l), []);
  const hide = config.hide;
  const shown = useCallback((id: ControlId) => !hide.includes(id), [hide]);
  const { importFile, status: imported, pending, confirm, cancel } = useModelImport(pg);
  // A dropped .csv is data; any other file is read as a model.
  const onDrop = useCallback((file: File) => void (isCsvFile(file) ? readCsvFile(file).then((t) => loadCsv(t, file.name)) : importFile(file)), [importFile, loadCsv]);
  const dropping = useFileDrop(onDrop);
  const tabs = visibleModes(hide);
  const active = tabs.some((t) => t.id === mode) ? mode : 'play';
  const View = VIEWS[active];
  const stepCopy = useModelCopy(client, pg.data, snapshot, config.features, false);
  const gradcheck = useGradcheck(client, pg.data, snapshot?.epoch ?? 0);
  const viewProps: ViewProps = { pg, shown, sample, setSample, lit: active === 'step' ? lit : null, onLit, stepCopy, gradcheck, importFile: (f) => void importFile(f) };

  return (
    <div className={dropping ? 'app dropping' : 'app'}>
      <header className="masthead">
        <div className="brand">
          <h1>
            <span aria-hidden="true" className="logo" />
            backprop
          </h1>
          <p className="tagline">Train a neural network in your browser, then walk backpropagation through it.</p>
        </div>
        <ModeNav modes={tabs} active={active} onSelect={setMode} />
        <ThemeToggle />
      </header>
      <div className="runbar">
        <Toolbar client={client} snapshot={snapshot} loading={pg.loading !== null} />
        <SpeedControl speed={config.speed} onChange={(speed) => update({ speed })} />
        <Counters snapshot={snapshot} loading={pg.loading} data={pg.data} />
        {snapshot?.parallel && config.dataset === 'mnist' ? <WorkersControl client={client} parallel={snapshot.parallel} running={snapshot.running} /> : null}
      </div>
      <div className="messages">
        {pg.switched ? (
          <p role="status" data-testid="dataset-switched" className="switched">
            {pg.switched}{' '}
            <button type="button" className="small" aria-label="Dismiss the note about the data set" onClick={pg.dismissSwitched}>
              OK
            </button>
          </p>
        ) : null}
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
      </div>
      <main id={`view-${active}`} className={`view view-${active}`} aria-label={tabs.find((t) => t.id === active)?.label} data-testid={`view-${active}`}>
        <ErrorBoundary what={`The ${tabs.find((t) => t.id === active)?.label ?? ''} view`} resetKey={`${active} ${JSON.stringify([config.layers, config.features, config.dataset])}`}>
          {/* The fallback holds a view's height, so the footer does not jump when a lazy view arrives (layout shift). */}
          <Suspense fallback={<p className="muted view-loading">Loading…</p>}>
            <View {...viewProps} />
          </Suspense>
        </ErrorBoundary>
      </main>
      <Footer worker={snapshot?.backend} page={pageBackend} />
      {pending ? <ChainDialog key={pending.name} pending={pending} onImport={(c) => void confirm(c)} onCancel={cancel} /> : null}
    </div>
  );
}
