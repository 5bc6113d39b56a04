import { type KeyboardEvent, type MouseEvent, useState } from 'react';
import type { HistoryPoint } from '../worker/protocol.js';

const W = 320;
const H = 110;
const PAD = 4;

/** Train and test loss per epoch; hover (or arrow keys) reads the values at an epoch. */
export function LossChart({ history }: { history: readonly HistoryPoint[] }) {
  const [cursor, setCursor] = useState<number | null>(null);
  const finite = history.flatMap((p) => [p.train, p.test]).filter(Number.isFinite);
  const max = Math.max(1e-9, ...finite);
  const px = (i: number) => PAD + (history.length > 1 ? (i / (history.length - 1)) * (W - 2 * PAD) : 0);
  const py = (v: number) => H - PAD - (Number.isFinite(v) ? (v / max) * (H - 2 * PAD) : 0);
  const path = (key: 'train' | 'test') => history.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(i).toFixed(1)},${py(p[key]).toFixed(1)}`).join('');
  const at = cursor === null ? undefined : history[Math.min(cursor, history.length - 1)];
  const move = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const i = Math.round(((e.clientX - r.left) / r.width) * (history.length - 1));
    setCursor(Math.max(0, Math.min(history.length - 1, i)));
  };
  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const step = e.key === 'ArrowLeft' ? -1 : 1;
    setCursor((c) => Math.max(0, Math.min(history.length - 1, (c ?? history.length - 1) + step)));
  };
  return (
    <figure className="loss-chart">
      <div
        role="slider"
        tabIndex={0}
        className="chart-slider"
        aria-label="Loss per epoch: train (grey) and test (black). Use the arrow keys to read values."
        aria-valuemin={history[0]?.epoch ?? 0}
        aria-valuemax={history[history.length - 1]?.epoch ?? 0}
        aria-valuenow={at?.epoch ?? history[history.length - 1]?.epoch ?? 0}
        aria-valuetext={at ? `epoch ${at.epoch}: train ${at.train.toFixed(4)}, test ${at.test.toFixed(4)}` : 'no epoch selected'}
        onMouseMove={move}
        onMouseLeave={() => setCursor(null)}
        onKeyDown={key}
        onBlur={() => setCursor(null)}
      >
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
        <rect x={0} y={0} width={W} height={H} fill="#fff" stroke="#ddd" />
        <path d={path('train')} fill="none" stroke="#999" strokeWidth={1.5} />
        <path d={path('test')} fill="none" stroke="#222" strokeWidth={1.5} />
        {at && cursor !== null ? <line x1={px(cursor)} x2={px(cursor)} y1={0} y2={H} stroke="#d00" strokeDasharray="3 2" /> : null}
      </svg>
      </div>
      <figcaption className="small" aria-live="polite" data-testid="loss-readout">
        {at ? `epoch ${at.epoch}: train ${at.train.toFixed(4)}, test ${at.test.toFixed(4)}` : history.length ? `${history.length} epochs shown (max loss ${max.toFixed(3)})` : 'no epochs yet'}
      </figcaption>
    </figure>
  );
}
