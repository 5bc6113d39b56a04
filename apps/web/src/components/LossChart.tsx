import { useMemo } from 'react';
import type { HistoryPoint } from '../worker/protocol.js';
import { Chart, type ChartSeries } from './Chart.js';
import { lossNumber } from './number-format.js';

/** What the chart covers: the epochs from first to last (the history is thinned to a few hundred points). */
export function epochsCaption(history: readonly HistoryPoint[]): string {
  const last = history[history.length - 1]!.epoch;
  const first = history[0]!.epoch;
  const span = first === last ? `epoch ${last}` : `epochs ${first.toLocaleString('en')}–${last.toLocaleString('en')}`;
  const end = history[history.length - 1]!;
  return `${span} · now train ${lossNumber(end.train)}, test ${lossNumber(end.test)}`;
}

/** Train and test loss per epoch, with axes, a legend and a hover (or arrow-key) read-out. */
export function LossChart({ history, height = 140 }: { history: readonly HistoryPoint[]; height?: number }) {
  const x = useMemo(() => history.map((p) => p.epoch), [history]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: 'train', color: '--muted', values: history.map((p) => p.train), dash: [4, 3] },
      { label: 'test', color: '--accent', values: history.map((p) => p.test) },
    ],
    [history],
  );
  const readout = (i: number | null): string => {
    const p = i === null ? undefined : history[i];
    if (p) return `epoch ${p.epoch.toLocaleString('en')}: train ${lossNumber(p.train)}, test ${lossNumber(p.test)}`;
    return history.length ? epochsCaption(history) : 'No epochs yet: press Train or Step.';
  };
  return <Chart x={x} series={series} xLabel="epoch" yLabel="loss" integerX label="Loss per epoch, train and test" readout={readout} testId="loss" height={height} />;
}
