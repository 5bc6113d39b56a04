import { activationNames, lossNames, naturalLoss, type OutputName, outputNames } from '@backprop/core';
import { useId } from 'react';
import { isRegression, type LayerConfig } from '../state/config.js';
import type { ControlProps } from './DatasetControls.js';
import { Select } from './inputs.js';

/** The most units + gives a layer: what stays fast to train in the page and readable in the diagram (MNIST's preset uses 32). */
export const MAX_UNITS = 64;

/** Why + stops, said where the user is looking (under the layer) and tied to the button for screen readers. */
export const maxUnitsText = (layer: number) =>
  `Layer ${layer} is at ${MAX_UNITS} units, the most + adds: more would slow training in the page and crowd the diagram.`;

/**
 * Hidden layers (add/remove, units ±, activation), output function and loss. Regression data (the plane and
 * bump sets, or a CSV whose label column holds numbers: `regressionData`) always trains a linear output with
 * squared error, so there is no output or loss to choose.
 */
export function NetworkEditor({ config, update, shown, regressionData = false }: ControlProps & { regressionData?: boolean }) {
  const setLayer = (i: number, patch: Partial<LayerConfig>) => update({ layers: config.layers.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const regression = regressionData || isRegression(config);
  const id = useId();
  return (
    <div className="network-editor">
      {shown('layers') ? (
        <ol className="layers" aria-label="Hidden layers">
          {config.layers.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: layers are positional
            <li key={i} className={l.units >= MAX_UNITS ? 'layer-row at-max' : 'layer-row'}>
              <span className="layer-name">Layer {i + 1}</span>
              <button type="button" className="icon" aria-label={`Remove a unit from layer ${i + 1}`} disabled={l.units <= 1} onClick={() => setLayer(i, { units: l.units - 1 })}>
                −
              </button>
              <span className="units" data-testid={`units-${i + 1}`}>
                {l.units} <span className="sr-only">units</span>
              </span>
              {/* At the limit the button stays focusable (aria-disabled, not disabled), so a keyboard or screen-reader
                  user reaches it and hears why; the same sentence shows under the row. */}
              <button
                type="button"
                className="icon"
                aria-label={`Add a unit to layer ${i + 1}`}
                aria-disabled={l.units >= MAX_UNITS}
                aria-describedby={l.units >= MAX_UNITS ? `${id}-max-${i}` : undefined}
                title={l.units >= MAX_UNITS ? maxUnitsText(i + 1) : undefined}
                data-testid={`add-unit-${i + 1}`}
                onClick={() => {
                  if (l.units < MAX_UNITS) setLayer(i, { units: l.units + 1 });
                }}
              >
                +
              </button>
              {shown('activation') ? <Select label={`Activation of layer ${i + 1}`} value={l.activation} options={activationNames} onChange={(activation) => setLayer(i, { activation })} /> : null}
              <button type="button" className="icon" aria-label={`Remove layer ${i + 1}`} onClick={() => update({ layers: config.layers.filter((_, j) => j !== i) })}>
                ✕
              </button>
              {l.units >= MAX_UNITS ? (
                <p id={`${id}-max-${i}`} className="field-note layer-note" data-testid={`units-max-${i + 1}`}>
                  {maxUnitsText(i + 1)}
                </p>
              ) : null}
            </li>
          ))}
          <li>
            <button type="button" data-testid="add-layer" onClick={() => update({ layers: [...config.layers, { units: 4, activation: config.layers.at(-1)?.activation ?? 'tanh' }] })}>
              Add hidden layer
            </button>
          </li>
        </ol>
      ) : null}
      {shown('output') && !regression ? (
        <>
          <Select<OutputName> label="Output function O" value={config.output} options={outputNames.filter((o) => o !== 'linear')} testId="output" onChange={(output) => update({ output, loss: naturalLoss[output] })} />
          <Select label="Loss" value={config.loss} options={lossNames} testId="loss" onChange={(loss) => update({ loss })} />
        </>
      ) : null}
    </div>
  );
}
