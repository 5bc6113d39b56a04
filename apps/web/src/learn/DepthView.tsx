import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../components/Chart.js';
import { depthExperiment, describeDepth } from './depth.js';

const SCALES = [0.5, 1, 1.5, 2, 2.5] as const;

/** ‖∇W_k‖ against k for both networks, on a log scale: the page's themed uPlot chart (legend, hover, arrow keys). */
function NormChart({ logistic, relu }: { logistic: readonly number[]; relu: readonly number[] }) {
  const ks = useMemo(() => logistic.map((_, i) => i + 1), [logistic]);
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: 'logistic', color: '--neg', values: logistic },
      { label: 'ReLU', color: '--pos', values: relu },
    ],
    [logistic, relu],
  );
  const at = (i: number) => `layer ${i + 1}: logistic ${logistic[i]!.toExponential(2)}, ReLU ${relu[i]!.toExponential(2)}`;
  const readout = (i: number | null) => (i === null ? `‖∇W_k‖ from ${at(0)} (next to the input) to ${at(logistic.length - 1)}` : at(i));
  return (
    <div className="norm-chart">
      <Chart x={ks} series={series} xLabel="layer k (1 = next to the input)" yLabel="‖∇W_k‖" log integerX label="Gradient norm per layer, logistic and ReLU, log scale" readout={readout} testId="depth-chart" height={260} format={(v) => v.toExponential(0)} legendFormat={(v) => v.toExponential(2)} />
    </div>
  );
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
