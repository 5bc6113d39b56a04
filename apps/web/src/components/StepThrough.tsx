import { Matrix, type NetworkJSON } from '@backprop/core';
import { useEffect, useMemo, useState } from 'react';
import { type Lit, walkthrough } from '../model/step-through.js';
import type { PlaygroundConfig } from '../state/config.js';
import { applyFeatures } from '../state/features.js';
import { GRID, gridPoints } from '../state/grid.js';
import type { TrainerClient } from '../worker/client.js';
import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { Field } from './Field.js';
import { MatrixView } from './MatrixView.js';
import { NetworkView } from './NetworkView.js';

const PHASE_TITLE = { forward: 'forward_propagation(θ)', loss: 'loss', backward: 'back_propagation(h, a, ŷ)', update: 'gradient descent update' } as const;

/** The sample's input features and target row in the network's output layout. */
function sampleOf(data: DataSummary, config: PlaygroundConfig, i: number, outputs: number): { x: number[]; y: number[] } {
  const x = Array.from(applyFeatures([data.trainPoints![2 * i]!, data.trainPoints![2 * i + 1]!], config.features));
  const label = data.trainLabels![i]!;
  if (data.task === 'regression' || outputs === 1) return { x, y: [label] };
  return { x, y: Array.from({ length: outputs }, (_, c) => (c === label ? 1 : 0)) };
}

/** Field of the boundary a network draws on the grid (for the what-if preview). */
function boundaryOf(net: ReturnType<typeof walkthrough>['updated'], config: PlaygroundConfig): Float32Array {
  const X = new Matrix(GRID * GRID, net.inputs, applyFeatures(gridPoints(), config.features));
  const yHat = net.predict(X);
  if (yHat.cols === 1) return Float32Array.from(yHat.data, (v) => (config.output === 'linear' ? v : 2 * v - 1));
  return Float32Array.from({ length: GRID * GRID }, (_, i) => 2 * yHat.get(i, 1) - 1);
}

export function StepThrough(props: {
  client: TrainerClient;
  data: DataSummary | undefined;
  snapshot: Snapshot | undefined;
  config: PlaygroundConfig;
  sample: number;
  setSample: (i: number) => void;
  onLit: (lit: Lit | null) => void;
}) {
  const { client, data, config, sample, onLit } = props;
  const [model, setModel] = useState<NetworkJSON | null>(null);
  const [line, setLine] = useState(0);
  const count = data?.trainCount ?? 0;
  const outputs = model?.output.units ?? 1;
  const current = useMemo(() => {
    if (!model || !data?.trainPoints || sample >= count) return null;
    const s = sampleOf(data, config, sample, outputs);
    return { ...s, walk: walkthrough(model, s.x, s.y, config.learningRate) };
  }, [model, data, config, sample, outputs, count]);
  const steps = current?.walk.steps ?? [];
  const step = steps[Math.min(line, steps.length - 1)];
  useEffect(() => onLit(step ? step.lit : null), [step, onLit]);
  useEffect(() => () => onLit(null), [onLit]);
  const whatIf = useMemo(() => (current && (data?.classes ?? 2) <= 2 ? boundaryOf(current.walk.updated, config) : undefined), [current, data, config]);

  const start = async () => {
    client.send({ type: 'pause' });
    setModel(await client.getModel());
    setLine(0);
  };
  if (!data?.planar || !data.trainPoints) return <p className="muted">The step-through works on 2-D data sets.</p>;
  return (
    <section className="panel step-through" aria-label="Backprop step-through" data-testid="step-through" data-model={model ? JSON.stringify(model) : undefined} data-sample-x={current ? JSON.stringify(current.x) : undefined} data-sample-y={current ? JSON.stringify(current.y) : undefined}>
      <h2>Backprop, step by step</h2>
      <div className="row">
        <label>
          Sample #{' '}
          <input type="number" min={0} max={count - 1} value={sample} data-testid="sample-index" onChange={(e) => props.setSample(Math.max(0, Math.min(count - 1, Number(e.target.value) || 0)))} />
        </label>
        <button type="button" onClick={() => props.setSample(Math.floor(((sample + 1) * 7919) % count))}>
          Another sample
        </button>
        <button type="button" data-testid="step-start" onClick={start}>
          {model ? 'Take the current network' : 'Start (pauses training)'}
        </button>
      </div>
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
                <button type="button" className="formula" onClick={() => setLine(i)}>
                  {s.formula}
                </button>
                {i === line ? (
                  <div className="values">
                    {s.values.map((m) => (
                      <MatrixView key={m.label} m={m} />
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          <div className="walk-diagram">
            <NetworkView snapshot={props.snapshot} features={config.features} planar lit={step?.lit ?? null} />
          </div>
          </div>
          <div className="what-if" data-testid="what-if">
            <strong>What if we take this one step?</strong> Loss on sample #{sample}: {current.walk.lossBefore.toFixed(4)} → <span data-testid="loss-after">{current.walk.lossAfter.toFixed(4)}</span> (η = {config.learningRate}).
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
        <p className="small">Pick a training sample (it is circled in red on the plane) and press Start to walk the notes' algorithm on your network.</p>
      )}
    </section>
  );
}
