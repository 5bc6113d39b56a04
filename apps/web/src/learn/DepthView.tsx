import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { depthExperiment, describeDepth } from './depth.js';

const SCALES = [0.5, 1, 1.5, 2, 2.5] as const;

/** ‖∇W_k‖ against k for both networks, on a log scale (uPlot). */
function NormChart({ logistic, relu }: { logistic: readonly number[]; relu: readonly number[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ks = logistic.map((_, i) => i + 1);
    const plot = new uPlot(
      {
        width: Math.min(640, el.clientWidth || 640),
        height: 260,
        scales: { x: { time: false }, y: { distr: 3 } },
        axes: [{ label: 'layer k (1 = next to the input)' }, { label: '‖∇W_k‖', size: 70, values: (_u, vals) => vals.map((v) => (v === null ? '' : v.toExponential(0))) }],
        series: [
          { label: 'k' },
          { label: 'logistic', stroke: '#c2410c', width: 2, points: { size: 6 }, value: (_u, v) => (v === null ? '' : v.toExponential(2)) },
          { label: 'ReLU', stroke: '#0877bd', width: 2, points: { size: 6 }, value: (_u, v) => (v === null ? '' : v.toExponential(2)) },
        ],
      },
      [ks, [...logistic], [...relu]],
      el,
    );
    // The chart follows its box when the window narrows or widens (the CSS clips it for the frame before).
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.min(640, Math.max(120, el.clientWidth)), height: 260 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [logistic, relu]);
  return <div ref={ref} className="norm-chart" data-testid="depth-chart" />;
}

/** The vanishing/exploding-gradient experiment: a deep logistic stack next to a ReLU one. */
export function DepthView({ depth, scale, setDepth, setScale }: { depth: number; scale: number; setDepth: (d: number) => void; setScale: (s: number) => void }) {
  const runs = useMemo(() => depthExperiment({ depth, width: 8, scale, seed: 1 }), [depth, scale]);
  const [logistic, relu] = runs;
  return (
    <article className="depth-view" data-testid="depth-view" data-logistic={JSON.stringify(logistic.norms)} data-relu={JSON.stringify(relu.norms)}>
      <header className="lesson-head">
        <h2>Deep networks: vanishing and exploding gradients</h2>
        <p className="small muted">
          Two networks of the same shape ({depth} hidden layers of 8 units, softmax output, float64) on the same batch of 64 points; only g differs. The chart shows ‖∇W_k‖ for every layer
          after one backward pass. Lesson 3's factor g′(a_k) is applied once per layer on the way down.
        </p>
      </header>
      <div className="row">
        <label>
          Hidden layers{' '}
          <input type="range" min={2} max={30} value={depth} data-testid="depth-layers" onChange={(e) => setDepth(Number(e.target.value))} /> {depth}
        </label>
        <label>
          Initial weights ×{' '}
          <select value={scale} data-testid="depth-scale" onChange={(e) => setScale(Number(e.target.value))}>
            {SCALES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <NormChart logistic={logistic.norms} relu={relu.norms} />
      <p className="depth-sentence" data-testid="depth-sentence">
        {describeDepth(runs)}
      </p>
    </article>
  );
}
