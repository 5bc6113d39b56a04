import type { NetworkJSON } from '@backprop/core';
import { useEffect, useState } from 'react';
import { sampleOf } from '../model/sample.js';
import { usePlayground } from '../state/playground-store.js';
import { LearnView } from './LearnView.js';

// The Learn mode as a page of its own (`#learn`), for as long as the page has no mode shell to host it:
// the playground's state and worker, the network taken from the worker once it has one, and the sample
// the lessons follow. The shell's Learn mode renders LearnView with the same props.

/** Learn on its own page: LearnView over the playground's state. */
export function LearnStandalone() {
  const pg = usePlayground();
  const [model, setModel] = useState<NetworkJSON | null>(null);
  const [sample, setSample] = useState(0);
  // The playground writes the link without a fragment at every config change; this page keeps its `#learn`.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each of the playground's URL writes
  useEffect(() => {
    if (window.location.hash !== '#learn') window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#learn`);
  }, [pg.config]);
  const ready = pg.snapshot !== undefined;
  useEffect(() => {
    if (ready && !model) void pg.client.getModel().then(setModel);
  }, [ready, model, pg.client]);
  const current = model ? sampleOf(pg.data, pg.config.features, sample, model.output.units) : undefined;
  return (
    <div className="app">
      <p className="small">
        <a href={window.location.pathname + window.location.search}>← back to the playground</a>
      </p>
      <LearnView
        model={model}
        behind={0}
        refresh={() => void pg.client.getModel().then(setModel)}
        config={pg.config}
        data={pg.data}
        snapshot={pg.snapshot}
        sample={current}
        setSample={setSample}
        update={pg.update}
      />
    </div>
  );
}
