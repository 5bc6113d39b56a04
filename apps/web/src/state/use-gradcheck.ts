import { useCallback, useState } from 'react';
import type { TrainerClient } from '../worker/client.js';
import type { DataSummary, GradcheckRow } from '../worker/protocol.js';

/** A gradient-check report and the network it belongs to. */
export interface GradcheckResult {
  readonly ok: boolean;
  readonly rows: readonly GradcheckRow[];
  readonly text: string;
  /** The data the checked network trained on: a rebuild posts new data, so another object means another network. */
  readonly data: DataSummary | undefined;
  readonly epoch: number;
}

/** The last gradient check (kept while other modes are open) and how to run one. */
export interface Gradcheck {
  /** The report, or null before any check. */
  readonly result: GradcheckResult | null;
  /** True when the report is of an earlier network (the network or its data changed since). */
  readonly stale: boolean;
  readonly busy: boolean;
  /** False until the worker has posted the data of its first network: a check then would be of nothing the page knows. */
  readonly ready: boolean;
  /** Pauses training and checks the current network in the worker. */
  readonly run: () => Promise<void>;
}

/** Runs @backprop/gradcheck in the worker on the network training now. */
export function useGradcheck(client: TrainerClient, data: DataSummary | undefined, epoch: number): Gradcheck {
  const [result, setResult] = useState<GradcheckResult | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async () => {
    setBusy(true);
    client.send({ type: 'pause' });
    const r = await client.gradcheck();
    setResult({ ...r, data, epoch });
    setBusy(false);
  }, [client, data, epoch]);
  return { result, stale: result !== null && result.data !== data, busy, ready: data !== undefined, run };
}
