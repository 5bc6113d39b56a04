import { useCallback, useEffect, useRef, useState } from 'react';
import { checkCsv } from '../model/csv-check.js';
import type { CsvFileText } from '../model/csv-file.js';
import { startTrainer, type TrainerClient } from '../worker/client.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import type { DatasetName, PlaygroundConfig } from './config.js';
import { type CsvLink, decodeCsvLink, encodeCsvLink } from './csv-link.js';
import { type DataShape, datasetPatch, shapeToRemember, switchNote } from './dataset-switch.js';
import { configFromSearch, shareUrl } from './url-state.js';
import { storedWorkers } from './workers.js';

/** The pasted CSV: what the last attempt said, and whether the CSV in use is in the shareable link. */
export interface CsvState {
  /** The message about the last CSV pasted, dropped or read from the link (null before any). */
  readonly status: { readonly ok: boolean; readonly text: string } | null;
  /** The CSV in use and its place in the link (undefined while no CSV is in use). */
  readonly link: CsvLink | undefined;
  /** Where the CSV in use came from, for a saved model's metadata: a dropped file's name, `pasted CSV`, `CSV in a shared link`. */
  readonly source?: string;
}

/** The `source` that {@link Playground.loadCsv} is given for text pasted into the CSV box. */
export const PASTED_CSV = 'the pasted CSV';

/** Everything the page shows, and the actions on it. */
export interface Playground {
  readonly config: PlaygroundConfig;
  readonly update: (patch: Partial<PlaygroundConfig>) => void;
  readonly client: TrainerClient;
  readonly data: DataSummary | undefined;
  readonly snapshot: Snapshot | undefined;
  readonly loading: string | null;
  readonly error: string | null;
  /** Uses CSV text (or a read file: its text, or why it is not CSV) as the data set when it parses; otherwise reports why and keeps the data in use. */
  readonly loadCsv: (text: string | CsvFileText, source: string) => void;
  readonly csv: CsvState;
  /** Chooses a data set: keeps the training settings, starts new weights, says so (dataset-switch.ts). */
  readonly switchDataset: (dataset: DatasetName) => void;
  /** What the last change of data set reset, kept and set (null before any, or once dismissed). */
  readonly switched: string | null;
  readonly dismissSwitched: () => void;
}

/** What the page says while the MNIST digits load (the worker says the same when it starts loading them). */
export const LOADING_MNIST = 'Loading MNIST digits…';
const MNIST_INPUTS = 28 * 28;

/** What the page says when the link names the CSV data set but does not carry the CSV (it was too large to share). */
const MISSING_CSV = { ok: false, text: 'This link names CSV data but does not carry it (it was too large to share): paste or drop the CSV again. Until then a two-point placeholder is shown.' } as const;

const linkNote = (link: CsvLink): string =>
  link.shared ? 'It is saved in the link.' : `It is NOT in the link (${link.length.toLocaleString('en')} characters compressed; the limit is lower): a shared link will not carry this data.`;

/**
 * The page's state: the config (read from and written back to the URL on every change), the worker,
 * and the latest data and snapshot it posted. The worker decides whether a config change is live
 * (learning rate, optimizer …) or needs a new network.
 */
export function usePlayground(): Playground {
  const [config, setConfig] = useState<PlaygroundConfig>(() => configFromSearch(window.location.search));
  const clientRef = useRef<TrainerClient | null>(null);
  if (!clientRef.current) {
    clientRef.current = startTrainer();
    // Before the first config, so MNIST's first session already has the remembered worker count.
    const workers = storedWorkers();
    if (workers !== 'auto') clientRef.current.send({ type: 'workers', workers });
  }
  const client = clientRef.current;
  const [data, setData] = useState<DataSummary>();
  const [snapshot, setSnapshot] = useState<Snapshot>();
  // MNIST (21 MB) takes seconds to arrive: from the first frame the page says it is loading, not bare dashes.
  const [loading, setLoading] = useState<string | null>(() => (config.dataset === 'mnist' ? LOADING_MNIST : null));
  // While MNIST is on its way, a snapshot of the previous data set's run (posted before the worker read the
  // new config) is not shown: only one of a 784-input network ends the wait.
  const awaitingMnist = useRef(config.dataset === 'mnist');
  const [error, setError] = useState<string | null>(null);
  const csvRef = useRef<string | undefined>(undefined);
  const [csv, setCsv] = useState<CsvState>({ status: null, link: undefined });
  // A link with `data=csv&csv=…` holds the data compressed: the first config waits until it is read.
  const [linkCsv, setLinkCsv] = useState<string | null>(() => (config.dataset === 'csv' ? new URLSearchParams(window.location.search).get('csv') : null));

  useEffect(
    () =>
      client.listen((m) => {
        if (m.type === 'snapshot') {
          if (awaitingMnist.current && m.snapshot.widths[0] !== MNIST_INPUTS) return;
          awaitingMnist.current = false;
          setSnapshot(m.snapshot);
          setLoading(null);
        } else if (m.type === 'data') {
          setData(m.data);
          setError(null);
        } else if (m.type === 'loading') {
          // New data is on its way with a new network: the old run's epoch, accuracy and weights are not its.
          setLoading(`Loading ${m.what}…`);
          setSnapshot(undefined);
        }
        else if (m.type === 'error') {
          setError(m.message);
          setLoading(null);
          awaitingMnist.current = false;
        }
      }),
    [client],
  );

  useEffect(() => {
    if (config.dataset !== 'csv') {
      // The placeholder warning is about the CSV data set only: once another data set is chosen it is stale
      // (it comes back if the CSV is chosen again while there is still no CSV).
      if (csv.status === MISSING_CSV) setCsv((s) => (s.status === MISSING_CSV ? { ...s, status: null } : s));
      return;
    }
    if (csv.link || csv.status || linkCsv !== null) return;
    setCsv({ status: MISSING_CSV, link: undefined });
  }, [config.dataset, csv.link, csv.status, linkCsv]);

  useEffect(() => {
    if (linkCsv === null) return;
    let live = true;
    decodeCsvLink(linkCsv)
      .then((text) => {
        const check = checkCsv(text);
        if (!check.ok) throw new Error(check.message);
        csvRef.current = text;
        return { status: { ok: true, text: `Using the CSV from the link: ${check.summary}.` }, link: { shared: true, param: linkCsv } as const, source: 'CSV in a shared link' };
      })
      .catch((e: unknown) => ({ status: { ok: false, text: `The CSV in this link is damaged (${e instanceof Error ? e.message : String(e)}): paste or drop it again.` }, link: undefined }))
      .then((next) => {
        if (!live) return;
        setCsv(next);
        setLinkCsv(null);
      });
    return () => {
      live = false;
    };
  }, [linkCsv]);

  const lastDataset = useRef<string | null>(null);
  useEffect(() => {
    if (config.dataset === lastDataset.current) return;
    const fromOther = lastDataset.current !== null && lastDataset.current !== 'mnist';
    lastDataset.current = config.dataset;
    if (config.dataset !== 'mnist') awaitingMnist.current = false;
    else if (fromOther) {
      awaitingMnist.current = true;
      setLoading(LOADING_MNIST);
      setSnapshot(undefined);
    }
  }, [config.dataset]);

  useEffect(() => {
    if (linkCsv !== null) return;
    const text = csvRef.current;
    csvRef.current = undefined;
    client.send(text === undefined ? { type: 'config', config } : { type: 'config', config, csv: text });
  }, [client, config, linkCsv]);

  useEffect(() => {
    const param = config.dataset === 'csv' && csv.link?.shared ? csv.link.param : undefined;
    window.history.replaceState(null, '', shareUrl(window.location.pathname, config, param) + window.location.hash); // the hash is the mode (mode.ts)
  }, [config, csv.link]);

  const update = useCallback((patch: Partial<PlaygroundConfig>) => setConfig((c) => ({ ...c, ...patch })), []);
  // The 2-D sets' shape (samples, split, hidden layers) from before MNIST, given back when MNIST is left.
  const planar = useRef<DataShape | undefined>(undefined);
  const configNow = useRef(config);
  configNow.current = config;
  const [switched, setSwitched] = useState<string | null>(null);
  const switchDataset = useCallback((dataset: DatasetName) => {
    const before = configNow.current;
    if (dataset === before.dataset) return;
    const after = { ...before, ...datasetPatch(before, dataset, planar.current) };
    planar.current = shapeToRemember(before, dataset) ?? planar.current;
    setConfig(after);
    setSwitched(switchNote(before, after));
  }, []);
  const dismissSwitched = useCallback(() => setSwitched(null), []);
  const loadCsv = useCallback((input: string | CsvFileText, source: string) => {
    const file = typeof input === 'string' ? { ok: true as const, text: input } : input;
    const check = file.ok ? checkCsv(file.text) : { ok: false as const, message: file.message };
    if (!check.ok || !file.ok) {
      const message = check.ok ? '' : check.message;
      setCsv((s) => ({ ...s, status: { ok: false, text: `${source.replace(/^the /, 'The ')} was not used: ${message}. The data in use is unchanged.` } }));
      return;
    }
    const text = file.text;
    const read = 'note' in file && file.note ? `; ${file.note}` : '';
    void encodeCsvLink(text).then((link) => {
      csvRef.current = text;
      setCsv({ status: { ok: true, text: `Using ${source}: ${check.summary}${read}. ${linkNote(link)}` }, link, source: source === PASTED_CSV ? 'pasted CSV' : source });
      // Coming from another data set, a CSV is a change of data set like any (MNIST's shape goes, the 2-D one
      // comes back, the training settings stay, the page says so); its columns are the inputs, as x and y.
      const before = configNow.current;
      const after: PlaygroundConfig = { ...before, ...datasetPatch(before, 'csv', planar.current), features: ['x', 'y'] };
      setConfig(after);
      if (before.dataset !== 'csv') setSwitched(switchNote(before, after));
    });
  }, []);
  return { config, update, client, data, snapshot, loading, error, loadCsv, csv, switchDataset, switched, dismissSwitched };
}
