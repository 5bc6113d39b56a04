// Loss (left axis) and accuracy (right axis) per epoch, train and test, drawn by uPlot. The plot is
// created once; each new epoch goes in through setData, so a 300-epoch run redraws 300 times, not 300 plots.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EpochPoint } from './protocol';

const COLORS = { loss: '#c2410c', accuracy: '#1d4ed8' };

const latest = (u: uPlot) => {
  const n = u.data[0].length;
  if (n > 0) u.setLegend({ idx: n - 1 });
};

function data(points: readonly EpochPoint[]): uPlot.AlignedData {
  return [points.map((p) => p.epoch), points.map((p) => p.loss), points.map((p) => p.testLoss), points.map((p) => p.accuracy * 100), points.map((p) => p.testAccuracy * 100)];
}

/** The run's curves; `points` grows while the worker trains, across an x axis that spans the planned `epochs`. */
export function MetricsChart({ points, epochs, height = 260 }: { points: readonly EpochPoint[]; epochs: number; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const first = useRef(points);
  // Read by the x scale's range on every redraw: the planned run, or the epochs drawn when a run went past it.
  const span = useRef(1);
  span.current = Math.max(epochs, points.at(-1)?.epoch ?? 1, 2);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fmt = (v: number | null, digits: number) => (v == null ? '–' : v.toFixed(digits));
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height,
        cursor: { drag: { x: false, y: false } },
        // Off the plot, the legend shows the latest epoch instead of dashes.
        hooks: { setCursor: [(self) => void (self.cursor.idx == null && latest(self))] },
        scales: { x: { time: false, range: () => [1, span.current] }, loss: { range: (_u, _lo, hi) => [0, Math.max(hi, 0.1) * 1.05] }, pct: { range: [0, 100] } },
        axes: [
          { label: 'epoch' },
          { scale: 'loss', label: 'loss (cross-entropy)', stroke: COLORS.loss },
          { scale: 'pct', label: 'accuracy %', side: 1, stroke: COLORS.accuracy, grid: { show: false } },
        ],
        series: [
          { label: 'epoch' },
          { label: 'train loss', scale: 'loss', stroke: COLORS.loss, width: 2, value: (_u, v) => fmt(v, 4) },
          { label: 'test loss', scale: 'loss', stroke: COLORS.loss, dash: [6, 4], width: 1.5, value: (_u, v) => fmt(v, 4) },
          { label: 'train acc.', scale: 'pct', stroke: COLORS.accuracy, width: 2, value: (_u, v) => `${fmt(v, 1)} %` },
          { label: 'test acc.', scale: 'pct', stroke: COLORS.accuracy, dash: [6, 4], width: 1.5, value: (_u, v) => `${fmt(v, 1)} %` },
        ],
      },
      data(first.current),
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [height]);

  useEffect(() => {
    const u = plot.current;
    if (!u) return;
    u.setData(data(points));
    if (u.cursor.idx == null) latest(u);
  }, [points]);

  return <div ref={box} className="chart" role="img" aria-label={`Loss and accuracy per epoch, ${points.length} of ${epochs} epochs so far`} />;
}
