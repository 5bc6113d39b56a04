import type { ModelMetadata } from '@backprop/core';
import { useState } from 'react';
import { type ExportFormat, modelFiles } from '../model/model-files.js';
import { withMetadata } from '../model/model-metadata.js';
import type { TrainerClient } from '../worker/client.js';
import { FileField } from './FileField.js';

const EXPORTS: readonly { format: ExportFormat; label: string; title: string }[] = [
  { format: 'json', label: 'Export model JSON', title: 'The file the backprop CLI reads and writes' },
  { format: 'onnx', label: 'ONNX', title: 'model.onnx, for ONNX Runtime (servers, phones, browsers)' },
  { format: 'safetensors', label: 'safetensors (PyTorch)', title: 'model.safetensors and load_model.py, which rebuilds the nn.Sequential' },
  { format: 'js', label: 'Standalone JS module', title: 'model.js + model.d.ts: predict() without any library' },
];

function download(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Export the model (JSON, ONNX, safetensors, a standalone module) and import one: JSON, or an .onnx /
 * .safetensors file trained elsewhere (a bare PyTorch state_dict asks for its activations first). Files can also be dropped anywhere on the page.
 * The exported network records `metadata` (the data it was trained on: model-metadata.ts); the JSON file keeps it.
 */
export function ModelIO({ client, metadata, onImport }: { client: TrainerClient; metadata: ModelMetadata; onImport: (file: File) => void }) {
  const [status, setStatus] = useState('');
  const exportAs = async (format: ExportFormat) => {
    setStatus('');
    try {
      const json = withMetadata(await client.getModel(), metadata);
      const files = await modelFiles(json, format);
      for (const f of files) download(f.name, f.content);
      setStatus(`Saved ${files.map((f) => f.name).join(' and ')}`);
    } catch (e) {
      setStatus(`Could not export: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <fieldset className="panel">
      <legend>Model file</legend>
      <div className="buttons">
        {EXPORTS.map((e) => (
          <button key={e.format} type="button" title={e.title} data-testid={e.format === 'json' ? 'export-model' : `export-${e.format}`} onClick={() => exportAs(e.format)}>
            {e.label}
          </button>
        ))}
      </div>
      <p className="small muted" data-testid="export-metadata">
        The JSON file records the data it was trained on: {Object.entries(metadata).map(([key, value]) => `${key} ${value}`).join(' · ')}.
      </p>
      <FileField
        label="Import a model (JSON, ONNX, or safetensors: ours, or PyTorch's nn.Sequential weights), or drop it on the page"
        accept=".json,.onnx,.safetensors,application/json"
        testId="import-model"
        onFile={(file) => {
          setStatus(''); // the last export's note is not about this import
          onImport(file);
        }}
      />
      <p className="small" role="status">
        {status}
      </p>
    </fieldset>
  );
}
