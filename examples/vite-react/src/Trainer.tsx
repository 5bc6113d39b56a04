// The component: settings, Train / Stop, a live read-out and the curves. All training happens in the
// worker (use-trainer.ts); this file only turns settings into a message and messages into pixels.
import { type FormEvent, useState } from 'react';
import { MetricsChart } from './MetricsChart';
import { DEFAULT_SETTINGS, type RunSettings } from './protocol';
import { type TrainerState, useTrainer } from './use-trainer';

/** The form's fields as typed (strings), so a half-typed number is not rewritten under the cursor. */
type Fields = Record<Exclude<keyof RunSettings, 'hidden'>, string> & { hidden: string };

const toFields = (s: RunSettings): Fields => ({
  dataset: s.dataset,
  samples: String(s.samples),
  noise: String(s.noise),
  hidden: s.hidden.join(', '),
  activation: s.activation,
  optimizer: s.optimizer,
  learningRate: String(s.learningRate),
  batchSize: String(s.batchSize),
  epochs: String(s.epochs),
  seed: String(s.seed),
});

/** The numeric fields' labels, for the form's own message about an empty field. */
const NUMBER_LABELS = { samples: 'Samples', noise: 'Noise (0–1)', seed: 'Seed', learningRate: 'Learning rate', batchSize: 'Batch size', epochs: 'Epochs' } as const;

/**
 * Fields → settings. Numbers go to the core as typed: it checks them and its errors name the option. An
 * empty field is the form's to report (the core would only see NaN): a number input also reads as empty
 * while what is typed is not a number.
 */
function toSettings(f: Fields): RunSettings | string {
  const parts = f.hidden.split(/[\s,]+/).filter(Boolean);
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) return `Hidden layers: expected whole numbers ≥ 1 separated by commas (e.g. 32, 32), got '${f.hidden}'.`;
  for (const [name, label] of Object.entries(NUMBER_LABELS) as [keyof typeof NUMBER_LABELS, string][]) {
    if (f[name].trim() === '') return `${label}: the field is empty (or what is typed is not a number); enter a number, e.g. ${DEFAULT_SETTINGS[name]}.`;
  }
  const n = (v: string) => Number(v);
  return {
    dataset: f.dataset as RunSettings['dataset'],
    samples: n(f.samples),
    noise: n(f.noise),
    hidden: parts.map(Number),
    activation: f.activation as RunSettings['activation'],
    optimizer: f.optimizer as RunSettings['optimizer'],
    learningRate: n(f.learningRate),
    batchSize: n(f.batchSize),
    epochs: n(f.epochs),
    seed: n(f.seed),
  };
}

const pct = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function status(s: TrainerState): string {
  const at = s.points.at(-1)?.epoch ?? 0;
  switch (s.phase) {
    case 'idle':
      return 'Ready. Press Train: the network trains in a Web Worker and this page stays responsive.';
    case 'starting':
      return 'Starting the worker…';
    case 'training':
      return `Training: epoch ${at} of ${s.epochs}`;
    case 'stopping':
      return `Stopping after epoch ${at}…`;
    case 'stopped':
      return `Stopped by you after epoch ${at} of ${s.epochs} (${seconds(s.elapsedMs)}).`;
    case 'done':
      return `Done: ${at} epochs in ${seconds(s.elapsedMs)} (stop reason: ${s.stopReason}).`;
    case 'failed':
      return at > 0 ? `Training failed at epoch ${at}: see the message below.` : 'Training did not start: see the message below.';
  }
}

/** Trains a network on a `@backprop/datasets` set in a Web Worker and shows it learning. */
export function Trainer() {
  const [fields, setFields] = useState<Fields>(() => toFields(DEFAULT_SETTINGS));
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const { state, train, stop, reject } = useTrainer();
  const running = state.phase === 'starting' || state.phase === 'training' || state.phase === 'stopping';
  const last = state.points.at(-1);
  const first = state.points[0];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const settings = toSettings(fields);
    if (typeof settings === 'string') {
      // The previous run's read-out and curves would look like this run's: the run did not start.
      reject();
      return setFormError(settings);
    }
    setFormError(undefined);
    train(settings);
  };
  const field = (name: keyof Fields, label: string, props: { type?: string; step?: string; min?: string; title?: string } = {}) => (
    <label>
      <span>{label}</span>
      <input name={name} value={fields[name]} disabled={running} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} {...props} />
    </label>
  );
  // Until the worker has sent the engine's choices, a menu holds only its current value.
  const select = (name: keyof Fields, label: string, options: readonly string[] = [fields[name]]) => (
    <label>
      <span>{label}</span>
      <select name={name} value={fields[name]} disabled={running} onChange={(e) => setFields({ ...fields, [name]: e.target.value })}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
  const error = formError ?? (state.error ? `${state.error.code ? `${state.error.code}: ` : ''}${state.error.message}` : undefined);

  return (
    <section className="trainer" aria-labelledby="trainer-title">
      <h2 id="trainer-title">Train a network</h2>
      {/* noValidate: the core checks every number and its message names the option; one place for errors. */}
      <form onSubmit={submit} noValidate>
        <fieldset className="settings">
          <legend>Data</legend>
          {select('dataset', 'Data set', state.choices?.datasets)}
          {field('samples', 'Samples', { type: 'number', step: '1' })}
          {field('noise', 'Noise (0–1)', { type: 'number', step: '0.05' })}
          {field('seed', 'Seed', { type: 'number', step: '1', title: 'Drives the data, the split, the initial weights and the shuffling' })}
        </fieldset>
        <fieldset className="settings">
          <legend>Network and training</legend>
          {field('hidden', 'Hidden layers', { title: 'Units per hidden layer, e.g. 32, 32 (empty: no hidden layer, a linear softmax classifier)' })}
          {select('activation', 'Activation', state.choices?.activations)}
          {select('optimizer', 'Optimizer', state.choices?.optimizers)}
          {field('learningRate', 'Learning rate', { type: 'number', step: 'any' })}
          {field('batchSize', 'Batch size', { type: 'number', step: '1' })}
          {field('epochs', 'Epochs', { type: 'number', step: '1' })}
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={running || !state.choices}>
            Train
          </button>
          <button type="button" onClick={stop} disabled={!running || state.phase === 'stopping'}>
            Stop
          </button>
        </div>
      </form>

      <div className="readout" data-testid="readout" data-phase={state.phase} data-epoch={last?.epoch ?? 0} data-loss={last?.loss ?? ''} data-first-loss={first?.loss ?? ''} data-test-accuracy={last?.testAccuracy ?? ''}>
        <p role="status">{status(state)}</p>
        <progress max={state.epochs || 1} value={last?.epoch ?? 0} aria-label="Epochs trained" />
        <dl>
          <div>
            <dt>epoch</dt>
            <dd>{last ? `${last.epoch} / ${state.epochs}` : '–'}</dd>
          </div>
          <div>
            <dt>loss</dt>
            <dd>{last ? last.loss.toFixed(4) : '–'}</dd>
          </div>
          <div>
            <dt>accuracy</dt>
            <dd>{pct(last?.accuracy)}</dd>
          </div>
          <div>
            <dt>test loss</dt>
            <dd>{last ? last.testLoss.toFixed(4) : '–'}</dd>
          </div>
          <div>
            <dt>test accuracy</dt>
            <dd>{pct(last?.testAccuracy)}</dd>
          </div>
          <div>
            <dt>time</dt>
            <dd>{state.phase === 'idle' || (state.phase === 'failed' && state.points.length === 0) ? '–' : seconds(state.elapsedMs)}</dd>
          </div>
        </dl>
        {state.summary && (
          <p className="small">
            {state.trainRows} training rows, {state.testRows} test rows · {state.summary}
          </p>
        )}
      </div>

      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      <MetricsChart points={state.points} epochs={state.epochs || Number(fields.epochs) || 1} />
    </section>
  );
}
