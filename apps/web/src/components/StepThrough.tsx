import { Matrix } from '@backprop/core';
import { useEffect, useMemo, useState } from 'react';
import { type Lit, walkthrough } from '../model/step-through.js';
import type { PlaygroundConfig } from '../state/config.js';
import { applyFeatures } from '../state/features.js';
import { sampleOf } from '../model/sample.js';
import type { ModelCopy } from '../state/use-model.js';
import { GRID, gridPoints, type PlaneView, toPixel } from '../state/grid.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { Field } from './Field.js';
import { NumberInput } from './inputs.js';
import { MatrixView } from './MatrixView.js';
import { Tex } from './Tex.js';
import { NetworkView } from './NetworkView.js';

const PHASE_TITLE = { forward: 'forward_propagation(θ)', loss: 'loss', backward: 'back_propagation(h, a, ŷ)', update: 'gradient descent update' } as const;

/** Field of the boundary a network draws on the grid (for the what-if preview). */
function boundaryOf(net: ReturnType<typeof walkthrough>['updated'], config: PlaygroundConfig, view: PlaneView | undefined): Float32Array {
  const X = new Matrix(GRID * GRID, net.inputs, applyFeatures(gridPoints(GRID, view), config.features));
  const yHat = net.predict(X);
  if (yHat.cols === 1) return Float32Array.from(yHat.data, (v) => (config.output === 'linear' ? v : 2 * v - 1));
  return Float32Array.from({ length: GRID * GRID }, (_, i) => 2 * yHat.get(i, 1) - 1);
}

/** The boundary now, with the chosen training sample circled: which point the walk is about. */
function SamplePlot({ data, snapshot, sample, linear }: { data: DataSummary | undefined; snapshot: Snapshot | undefined; sample: number; linear: boolean }) {
  const pts = data?.trainPoints;
  if (!pts || !snapshot?.grid || sample >= (data?.trainCount ?? 0)) return null;
  const { px, py } = toPixel(pts[2 * sample]!, pts[2 * sample + 1]!, 100, data.view);
  const label = data.trainLabels?.[sample];
  return (
    <figure className="sample-plot" data-testid="sample-plot">
      <div className="sample-stack">
        <Field values={snapshot.gridConfidence ? snapshot.grid : snapshot.grid.map((p) => (linear ? p : 2 * p - 1))} confidence={snapshot.gridConfidence} size={GRID} px={160} strength={0.6} label={`the boundary now, with training sample ${sample} circled`} />
        <span className="sample-ring" aria-hidden="true" style={{ left: `${px}%`, top: `${py}%` }} />
      </div>
      <figcaption className="small muted">
        Sample #{sample} at ({pts[2 * sample]!.toFixed(2)}, {pts[2 * sample + 1]!.toFixed(2)}){label === undefined ? '' : data.task === 'regression' ? `, target ${label.toFixed(2)}` : `, class ${data.classNames?.[label] ?? label}`}
      </figcaption>
    </figure>
  );
}

/** Loss values to four significant digits: a trained network's loss on one sample is often 1e-5, not 0.0000. */
export const lossText = (v: number): string => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toFixed(4));

export function StepThrough(props: {
  data: DataSummary | undefined;
  snapshot: Snapshot | undefined;
  config: PlaygroundConfig;
  sample: number;
  setSample: (i: number) => void;
  onLit: (lit: Lit | null) => void;
  /** The network being walked: it follows the training network (a rebuild replaces it) and outlives this view. */
  copy: ModelCopy;
}) {
  const { data, config, sample, onLit, copy } = props;
  const taken = copy.taken;
  const model = taken?.json ?? null;
  const [line, setLine] = useState(0);
  const count = data?.trainCount ?? 0;
  const current = useMemo(() => {
    if (!taken) return null;
    const s = sampleOf(taken.data, taken.features, sample, taken.json.output.units);
    if (!s || s.x.length !== taken.json.inputs) return null;
    const t = taken.data.targetScaler;
    const raw = taken.data.trainLabels?.[sample];
    const target = t && taken.data.task === 'regression' && raw !== undefined ? { raw: [raw], scaler: t } : undefined;
    return { ...s, walk: walkthrough(taken.json, s.x, s.y, config.learningRate, target) };
  }, [taken, sample, config.learningRate]);
  const steps = current?.walk.steps ?? [];
  const step = steps[Math.min(line, steps.length - 1)];
  useEffect(() => onLit(step ? step.lit : null), [step, onLit]);
  useEffect(() => () => onLit(null), [onLit]);
  const whatIf = useMemo(() => (current && taken && (taken.data.classes ?? 2) <= 2 ? boundaryOf(current.walk.updated, { ...config, features: taken.features }, taken.data.view) : undefined), [current, taken, config]);

  const start = async () => {
    await copy.take(true);
    setLine(0);
  };
  if (!data?.planar || !data.trainPoints) return <p className="muted">The step-through works on 2-D data sets.</p>;
  return (
    <section className="panel step-through" aria-label="Backprop step-through" data-testid="step-through" data-model={model ? JSON.stringify(model) : undefined} data-sample-x={current ? JSON.stringify(current.x) : undefined} data-sample-y={current ? JSON.stringify(current.y) : undefined}>
      <h2>Backprop, step by step</h2>
      <div className="row">
        {/* The shared number box keeps what is typed ("-", "1e", an emptied box) instead of clamping every keystroke into "01" or "09". */}
        <NumberInput label="Sample #" value={sample} min={0} max={count - 1} step={1} integer testId="sample-index" onChange={props.setSample} />
        <button type="button" onClick={() => props.setSample(Math.floor(((sample + 1) * 7919) % count))}>
          Another sample
        </button>
        <button type="button" data-testid="step-start" onClick={start}>
          {model ? 'Take the current network' : 'Start (pauses training)'}
        </button>
      </div>
      {copy.notice ? (
        <p role="status" className="notice" data-testid="step-notice">
          {copy.notice}
        </p>
      ) : null}
      {copy.behind > 0 ? (
        <p role="status" className="notice" data-testid="step-behind">
          Training has taken {copy.behind.toLocaleString('en')} more steps since: these numbers are the network's before them. Press “Take the current network” to follow it.
        </p>
      ) : null}
      {current ? (
        <>
          <div className="row">
            <button type="button" data-testid="step-prev" disabled={line === 0} onClick={() => setLine((l) => Math.max(0, l - 1))}>
              ◀ Previous line
            </button>
            <button type="button" data-testid="step-next" disabled={line >= steps.length - 1} onClick={() => setLine((l) => Math.min(steps.length - 1, l + 1))}>
              Next line ▶
            </button>
            <span className="small muted">
              line {line + 1} of {steps.length} · {step ? PHASE_TITLE[step.phase] : ''}
            </span>
          </div>
          <div className="walk">
          <ol className="algorithm">
            {steps.map((s, i) => (
              <li key={s.id} data-step={s.id} className={i === line ? 'current' : ''} aria-current={i === line ? 'step' : undefined}>
                {/* The number is an element beside the formula's first line: a list marker sits on the last line of a formula that wraps. */}
                <span className="line-no" aria-hidden="true">
                  {i + 1}.
                </span>
                <button type="button" className="formula" title={s.formula} onClick={() => setLine(i)}>
                  <Tex tex={s.tex} label={s.formula} />
                </button>
                {i === line ? (
                  <div className="values">
                    {s.values.map((m) => (
                      <MatrixView key={m.label} m={m} />
                    ))}
                    {s.note ? (
                      <p className="small step-note" data-testid="step-note">
                        {s.note}
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          <div className="walk-diagram">
            <NetworkView snapshot={props.snapshot} features={config.features} planar lit={step?.lit ?? null} view={data?.view} />
            <SamplePlot data={taken?.data} snapshot={props.snapshot} sample={sample} linear={config.output === 'linear'} />
          </div>
          </div>
          <div className="what-if" data-testid="what-if">
            <strong>What if we take this one step?</strong> Loss on sample #{sample}: {lossText(current.walk.lossBefore)} → <span data-testid="loss-after" data-value={current.walk.lossAfter}>{lossText(current.walk.lossAfter)}</span> (η = {config.learningRate}).
            {whatIf && props.snapshot?.grid ? (
              <div className="row">
                <Field values={props.snapshot.grid.map((p) => (config.output === 'linear' ? p : 2 * p - 1))} size={GRID} px={100} label="boundary now" />
                <span aria-hidden="true">→</span>
                <Field values={whatIf} size={GRID} px={100} label="boundary after the update" />
              </div>
            ) : null}
          </div>
        </>
      ) : (
        <>
          <p className="small">Pick a training sample (it is circled on the plot) and press Start to walk the notes' algorithm on your network.</p>
          <SamplePlot data={data} snapshot={props.snapshot} sample={sample} linear={config.output === 'linear'} />
        </>
      )}
    </section>
  );
}
