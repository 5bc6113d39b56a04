import type { Health } from '../worker/protocol.js';

const W = 320;
const H = 100;
const LAYER_COLORS = ['#0877bd', '#f59322', '#2ea043', '#9c27b0', '#795548', '#e91e63', '#009688', '#607d8b'];

/** Per-layer gradient norms over time (log scale), dead and saturated shares, and the diagnosis. */
export function HealthPanel({ health }: { health: Health | undefined }) {
  if (!health) return null;
  const rows = health.gradNorms;
  const layers = rows[0]?.length ?? 0;
  const logs = rows.flatMap((r) => r.filter((v) => v > 0).map(Math.log10));
  const lo = Math.min(-6, ...logs);
  const hi = Math.max(0, ...logs);
  const px = (i: number) => (rows.length > 1 ? (i / (rows.length - 1)) * W : 0);
  const py = (v: number) => H - ((Math.log10(Math.max(v, 1e-12)) - lo) / (hi - lo || 1)) * H;
  return (
    <section className="panel" aria-label="Training health">
      <h2>Training health</h2>
      <svg width={W} height={H} role="img" aria-label={`Gradient norm per layer over time, log scale from 1e${Math.floor(lo)} to 1e${Math.ceil(hi)}`}>
        <rect width={W} height={H} fill="#fff" stroke="#ddd" />
        {Array.from({ length: layers }, (_, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one entry per layer, positional
          <path key={`W${k + 1}`} fill="none" stroke={LAYER_COLORS[k % LAYER_COLORS.length]} strokeWidth={1.2} d={rows.map((r, i) => `${i ? 'L' : 'M'}${px(i).toFixed(1)},${py(r[k]!).toFixed(1)}`).join('')} />
        ))}
      </svg>
      <p className="small legend">
        {Array.from({ length: layers }, (_, k) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one entry per layer, positional
          <span key={`W${k + 1}`} style={{ color: LAYER_COLORS[k % LAYER_COLORS.length] }}>
            ‖∇W{k + 1}‖ {rows.length ? rows[rows.length - 1]![k]!.toExponential(1) : ''}{' '}
          </span>
        ))}
      </p>
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
