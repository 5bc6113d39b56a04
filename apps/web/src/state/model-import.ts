import type { ActivationName, Network } from '@backprop/core';
import type { LinearChain } from '@backprop/interop';
import { useCallback, useEffect, useRef, useState } from 'react';
import { placeImported } from '../model/imported.js';
import { chainNetwork, describeNetwork, readModelFile } from '../model/model-files.js';
import { chainWidths, defaultChoices, type DialogChoices } from '../model/safetensors-chain.js';
import type { Playground } from './playground-store.js';

/** What an import shows: a message, and whether it worked (for the colour and the tests). */
export interface ImportStatus {
  readonly ok: boolean;
  readonly text: string;
}

/** A PyTorch safetensors file waiting for the user to name its activations (the dialog is open). */
export interface PendingChain {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly chain: LinearChain;
  readonly defaults: DialogChoices;
}

/** The import actions and state the page shows. */
export interface ModelImport {
  readonly importFile: (file: File) => Promise<void>;
  readonly status: ImportStatus | null;
  /** Set while the activation dialog is open. */
  readonly pending: PendingChain | null;
  /** Imports the pending chain with these choices. */
  readonly confirm: (choices: DialogChoices) => Promise<void>;
  /** Closes the dialog; the page keeps its network. */
  readonly cancel: () => void;
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Loading a model file (JSON, ONNX, safetensors with or without our metadata) into the playground:
 * parse it in the page, pick the data it fits (imported.ts), hand network and config to the worker
 * together, then adopt the config, which the worker already runs, so nothing is reset. A bare PyTorch
 * safetensors file first waits in `pending` for the activations its tensors cannot tell.
 */
export function useModelImport(pg: Pick<Playground, 'client' | 'config' | 'data' | 'update'>): ModelImport {
  const { client, config, data, update } = pg;
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [pending, setPending] = useState<PendingChain | null>(null);
  // The dialog may report both `cancel` and `close`: only the first answer for a pending file counts.
  const pendingRef = useRef<PendingChain | null>(null);
  const ask = useCallback((next: PendingChain | null) => {
    pendingRef.current = next;
    setPending(next);
  }, []);

  const adopt = useCallback(
    async (name: string, net: Network) => {
      const hidden = net.layers.filter((l) => l.kind === 'hidden').map((l) => ({ units: l.units, activation: l.activation as ActivationName }));
      const placed = placeImported({ inputs: net.inputs, outputs: net.outputs, output: net.output, loss: net.lossName, hidden }, config, data);
      if (!placed.ok) {
        setStatus({ ok: false, text: `Could not load ${name}: ${placed.message}` });
        return;
      }
      const r = await client.loadModel(JSON.stringify(net.toJSON()), placed.config);
      if (!r.ok) {
        setStatus({ ok: false, text: `Could not load ${name}: ${r.message ?? 'the worker refused it'}` });
        return;
      }
      update(placed.config);
      // A model file holds weights, not the run that made them: the counters start again, and say why.
      const fresh = 'the file does not record its epoch count, so EPOCH starts at 0';
      setStatus({ ok: true, text: `Loaded ${name}: ${describeNetwork(net)}${placed.note ? ` (${placed.note})` : ''}; ${fresh}.` });
    },
    [client, config, data, update],
  );

  const importFile = useCallback(
    async (file: File) => {
      setStatus({ ok: true, text: `Loading ${file.name}…` });
      try {
        const read = await readModelFile(file);
        if ('net' in read) return await adopt(file.name, read.net);
        ask({ name: file.name, bytes: read.bytes, chain: read.chain, defaults: defaultChoices(read.chain, data) });
        setStatus({ ok: true, text: `${file.name}: PyTorch weights of a ${chainWidths(read.chain)} Linear chain without an architecture; choose its activations.` });
      } catch (e) {
        setStatus({ ok: false, text: `Could not load ${file.name}: ${reason(e)}` });
      }
    },
    [adopt, ask, data],
  );

  const confirm = useCallback(
    async (choices: DialogChoices) => {
      const p = pendingRef.current;
      if (!p) return;
      ask(null);
      setStatus({ ok: true, text: `Loading ${p.name}…` });
      try {
        await adopt(p.name, await chainNetwork(p.bytes, p.chain, choices));
      } catch (e) {
        setStatus({ ok: false, text: `Could not load ${p.name}: ${reason(e)}` });
      }
    },
    [adopt, ask],
  );

  const cancel = useCallback(() => {
    const p = pendingRef.current;
    if (!p) return;
    ask(null);
    setStatus({ ok: true, text: `Did not load ${p.name} (cancelled); the network is unchanged.` });
  }, [ask]);

  return { importFile, status, pending, confirm, cancel };
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
