import { useCallback, useEffect, useRef, useState } from 'react';
import type { EndEvent, History, LayerStat, TrainEvent } from '../training/events.js';
import type { Session } from '../training/session.js';

/** What the dashboard shows, committed at most every `throttleMs` (epoch and end events at once). */
export interface TrainingView {
  readonly last: Exclude<TrainEvent, EndEvent> | undefined;
  /** Mean loss per slice since the start (capped; the chart downsamples). */
  readonly batchLosses: readonly number[];
  readonly history: History;
  readonly layers: readonly LayerStat[];
  readonly end: EndEvent | undefined;
  readonly paused: boolean;
  readonly learningRate: number;
  /** Bumped on every commit, for things derived from the network (the heatmap). */
  readonly version: number;
}

const MAX_LOSSES = 4000;

/**
 * Drives the session (pulling events is what makes it train) and throttles React state: redrawing on
 * every slice would cost training throughput, so batch events are committed every `throttleMs`.
 */
export function useTraining(session: Session, throttleMs = 1000, now: () => number = () => performance.now()): TrainingView & { refresh: () => void } {
  const losses = useRef<number[]>([]);
  // Copies handed to React are kept while nothing was added, so memoised panels skip unchanged data.
  const pushed = useRef(0);
  const copies = useRef<{ pushed: number; batchLosses: readonly number[]; epochs: number; history: History } | undefined>(undefined);
  const snapshot = (last: TrainingView['last'], end: EndEvent | undefined, version: number): TrainingView => {
    const h = session.history;
    const prev = copies.current;
    const batchLosses = prev && prev.pushed === pushed.current ? prev.batchLosses : losses.current.slice();
    const history =
      prev && prev.epochs === h.trainLoss.length
        ? prev.history
        : { trainLoss: [...h.trainLoss], trainAccuracy: [...h.trainAccuracy], valLoss: [...h.valLoss], valAccuracy: [...h.valAccuracy] };
    copies.current = { pushed: pushed.current, batchLosses, epochs: h.trainLoss.length, history };
    return { last, batchLosses, history, layers: session.layers, end, paused: session.paused, learningRate: session.learningRate, version };
  };
  const [view, setView] = useState<TrainingView>(() => snapshot(undefined, undefined, 0));
  const latest = useRef<{ last: TrainingView['last']; end: EndEvent | undefined; version: number }>({ last: undefined, end: undefined, version: 0 });

  const record = (e: TrainEvent): void => {
    if (e.type === 'end') latest.current.end = e;
    else latest.current.last = e;
    if (e.type === 'batch' && Number.isFinite(e.loss)) {
      losses.current.push(e.loss);
      pushed.current++;
      if (losses.current.length > MAX_LOSSES) losses.current = losses.current.filter((_, i) => i % 2 === 0);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: snapshot reads refs and the session only
  const commit = useCallback(() => {
    latest.current.version++;
    setView(snapshot(latest.current.last, latest.current.end, latest.current.version));
  }, [session]);

  // A frame asked for by a key (pause, save, learning rate) shows the step training is at: the steps the
  // session's throttle held back come first (paused, no later event would ever bring them).
  // biome-ignore lint/correctness/useExhaustiveDependencies: record and commit read refs and the session only
  const refresh = useCallback(() => {
    if (latest.current.end === undefined) {
      const held = session.flush();
      if (held) record(held);
    }
    commit();
  }, [session]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one subscription per session
  useEffect(() => {
    let cancelled = false;
    let lastCommit = Number.NEGATIVE_INFINITY;
    (async () => {
      for await (const e of session) {
        if (cancelled) break;
        record(e);
        const t = now();
        // Tiny networks finish hundreds of epochs a second: epochs are throttled like batches; only the end (and
        // the few steps still arriving after a pause) are drawn at once.
        if (e.type === 'end' || session.paused || t - lastCommit >= throttleMs) {
          lastCommit = t;
          commit();
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [session]);

  return { ...view, refresh };
}
