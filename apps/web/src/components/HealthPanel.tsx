import { useMemo } from 'react';
import type { Health } from '../worker/protocol.js';
import { Chart, type ChartSeries } from './Chart.js';

// One colour per layer: the palette's two ends first, then distinct hues.
const LAYER_COLORS = ['--pos', '--neg', '--class-2', '#9c27b0', '#795548', '#e91e63', '#009688', '#607d8b'];

/** Per-layer gradient norms over time (log scale), dead and saturated shares, and the diagnosis. */
export function HealthPanel({ health }: { health: Health | undefined }) {
  const rows = health?.gradNorms ?? [];
  const layers = rows[0]?.length ?? 0;
  const x = useMemo(() => rows.map((_, i) => i + 1), [rows]);
  const series = useMemo<ChartSeries[]>(
    () => Array.from({ length: layers }, (_, k) => ({ label: `‖∇W${k + 1}‖`, color: LAYER_COLORS[k % LAYER_COLORS.length]!, values: rows.map((r) => r[k]!) })),
    [rows, layers],
  );
  if (!health) return null;
  const readout = (i: number | null): string => {
    const r = rows[i ?? rows.length - 1];
    if (!r) return 'No updates yet.';
    return `${i === null ? 'latest' : `record ${i + 1}`}: ${r.map((v, k) => `‖∇W${k + 1}‖ = ${v.toExponential(2)}`).join(', ')}`;
  };
  return (
    <section className="panel" aria-labelledby="health-title">
      <h2 id="health-title">Training health</h2>
      <Chart x={x} series={series} xLabel="recorded update" yLabel="gradient norm" log integerX label="Gradient norm per layer over training, log scale" readout={readout} testId="grad-norms" height={180} format={(v) => v.toExponential(0)} legendFormat={(v) => v.toExponential(2)} />
      <p className="small" data-testid="unit-health">
        Dead units: {(health.deadShare * 100).toFixed(0)} % · saturated outputs: {(health.saturatedShare * 100).toFixed(0)} %
      </p>
      {health.diagnosis ? (
        <p role="alert" className="bad" data-testid="diagnosis">
          {health.diagnosis}
        </p>
      ) : (
        <p className="ok small">No problems spotted.</p>
      )}
    </section>
  );
}
