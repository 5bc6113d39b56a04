import type { ActivationName, Network } from '@backprop/core';
import { useCallback, useEffect, useState } from 'react';
import { placeImported } from '../model/imported.js';
import { describeNetwork, readModelFile } from '../model/model-files.js';
import type { Playground } from './playground-store.js';

/** What an import shows: a message, and whether it worked (for the colour and the tests). */
export interface ImportStatus {
  readonly ok: boolean;
  readonly text: string;
}

/**
 * Loading a model file (JSON, ONNX, safetensors with metadata) into the playground: parse it in the
 * page, pick the data it fits (imported.ts), hand network and config to the worker together, then
 * adopt the config, which the worker already runs, so nothing is reset.
 */
export function useModelImport(pg: Pick<Playground, 'client' | 'config' | 'data' | 'update'>): { importFile: (file: File) => Promise<void>; status: ImportStatus | null } {
  const { client, config, data, update } = pg;
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const importFile = useCallback(
    async (file: File) => {
      setStatus({ ok: true, text: `Loading ${file.name}…` });
      let net: Network;
      try {
        net = await readModelFile(file);
      } catch (e) {
        setStatus({ ok: false, text: `Could not load ${file.name}: ${e instanceof Error ? e.message : String(e)}` });
        return;
      }
      const hidden = net.layers.filter((l) => l.kind === 'hidden').map((l) => ({ units: l.units, activation: l.activation as ActivationName }));
      const placed = placeImported({ inputs: net.inputs, outputs: net.outputs, output: net.output, loss: net.lossName, hidden }, config, data);
      if (!placed.ok) {
        setStatus({ ok: false, text: `Could not load ${file.name}: ${placed.message}` });
        return;
      }
      const r = await client.loadModel(JSON.stringify(net.toJSON()), placed.config);
      if (!r.ok) {
        setStatus({ ok: false, text: `Could not load ${file.name}: ${r.message ?? 'the worker refused it'}` });
        return;
      }
      update(placed.config);
      setStatus({ ok: true, text: `Loaded ${file.name}: ${describeNetwork(net)}${placed.note ? ` (${placed.note})` : ''}` });
    },
    [client, config, data, update],
  );
  return { importFile, status };
}

/** Files dropped anywhere on the page go to `onFile`; returns true while a file is dragged over it. */
export function useFileDrop(onFile: (file: File) => void): boolean {
  const [dropping, setDropping] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // without it the browser opens the file instead of dropping it here
      setDropping(true);
    };
    // relatedTarget is null only when the drag leaves the window, not when it moves between elements.
    const leave = (e: DragEvent) => e.relatedTarget === null && setDropping(false);
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDropping(false);
      const file = e.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFile]);
  return dropping;
}
