import { useId, useState } from 'react';
import type { TrainerClient } from '../worker/client.js';

/** Export and import the model JSON: the same file the `backprop` CLI reads and writes. */
export function ModelIO({ client }: { client: TrainerClient }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const exportModel = async () => {
    const json = await client.getModel();
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(json, null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'model.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setStatus('Saved model.json');
  };
  const importModel = async (file: File | undefined) => {
    if (!file) return;
    const r = await client.loadModel(await file.text());
    setStatus(r.ok ? `Loaded ${file.name}` : `Could not load ${file.name}: ${r.message}`);
  };
  return (
    <fieldset className="panel">
      <legend>Model file</legend>
      <button type="button" data-testid="export-model" onClick={exportModel}>
        Export model JSON
      </button>
      <div className="field">
        <label htmlFor={id}>Import model JSON</label>
        <input id={id} type="file" accept=".json,application/json" data-testid="import-model" onChange={(e) => importModel(e.target.files?.[0])} />
      </div>
      <p className="small" role="status">
        {status}
      </p>
    </fieldset>
  );
}
