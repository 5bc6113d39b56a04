import { useCallback, useEffect, useRef, useState } from 'react';
import { startTrainer, type TrainerClient } from '../worker/client.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import type { PlaygroundConfig } from './config.js';
import { configFromSearch, shareUrl } from './url-state.js';

/** Everything the page shows, and the actions on it. */
export interface Playground {
  readonly config: PlaygroundConfig;
  readonly update: (patch: Partial<PlaygroundConfig>) => void;
  readonly client: TrainerClient;
  readonly data: DataSummary | undefined;
  readonly snapshot: Snapshot | undefined;
  readonly loading: string | null;
  readonly error: string | null;
  readonly useCsv: (text: string) => void;
}

/**
 * The page's state: the config (read from and written back to the URL on every change), the worker,
 * and the latest data and snapshot it posted. The worker decides whether a config change is live
 * (learning rate, optimizer …) or needs a new network.
 */
export function usePlayground(): Playground {
  const [config, setConfig] = useState<PlaygroundConfig>(() => configFromSearch(window.location.search));
  const clientRef = useRef<TrainerClient | null>(null);
  clientRef.current ??= startTrainer();
  const client = clientRef.current;
  const [data, setData] = useState<DataSummary>();
  const [snapshot, setSnapshot] = useState<Snapshot>();
  const [loading, setLoading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const csvRef = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      client.listen((m) => {
        if (m.type === 'snapshot') {
          setSnapshot(m.snapshot);
          setLoading(null);
        } else if (m.type === 'data') {
          setData(m.data);
          setError(null);
        } else if (m.type === 'loading') setLoading(`Loading ${m.what}…`);
        else if (m.type === 'error') {
          setError(m.message);
          setLoading(null);
        }
      }),
    [client],
  );

  useEffect(() => {
    const csv = csvRef.current;
    csvRef.current = undefined;
    client.send(csv === undefined ? { type: 'config', config } : { type: 'config', config, csv });
    window.history.replaceState(null, '', shareUrl(window.location.pathname, config));
  }, [client, config]);

  const update = useCallback((patch: Partial<PlaygroundConfig>) => setConfig((c) => ({ ...c, ...patch })), []);
  const useCsv = useCallback((text: string) => {
    csvRef.current = text;
    setConfig((c) => ({ ...c, dataset: 'csv', added: [], removed: [], features: ['x', 'y'] }));
  }, []);
  return { config, update, client, data, snapshot, loading, error, useCsv };
}
