import type { TrainerClient } from '../worker/client.js';
import type { ParallelStatus, WorkersChoice } from '../worker/protocol.js';
import { rememberWorkers } from '../state/workers.js';
import { AUTO_MIN_BATCH, threadsFor } from '../worker/threads.js';
import { Select } from './inputs.js';

const CHOICES = ['auto', '1', '2'] as const;
type Choice = (typeof CHOICES)[number];

const NOT_ISOLATED =
  'This page is not cross-origin isolated: it was served without the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, so the browser gives it no SharedArrayBuffer and MNIST trains on one worker. The numbers are the same either way; only the speed differs.';

/** Why Auto picked one worker where two could run (the page is isolated, the device has the cores). */
function autoOne(p: ParallelStatus): string | null {
  if (p.choice !== 'auto' || p.auto !== 1 || !p.isolated || threadsFor('auto', AUTO_MIN_BATCH) < 2) return null;
  return `Auto chose 1 worker: at batch size ${p.batchSize} a second worker costs more in synchronisation than it saves, so Auto takes 2 from ${AUTO_MIN_BATCH} samples a batch. Choose 2 to compare (the numbers are the same).`;
}

/** The sentence under the status: why fewer workers train than asked for, why Auto chose one, or how the count works. */
function help(p: ParallelStatus): string {
  if (p.workers < p.asked && !p.isolated) return NOT_ISOLATED;
  if (p.workers < p.asked) return `One worker trains: ${p.reason ?? 'more are not available here'}.`;
  return (
    autoOne(p) ??
    'Each batch is cut into 2 fixed halves whose gradients the workers compute and add in a fixed order, so 1 or 2 workers give the same numbers, bit for bit. Whether 2 are faster depends on the batch size and on what else the computer is doing: the status shows the speed. A change applies from the next step.'
  );
}

/**
 * MNIST's data-parallel workers: the choice (auto: 1 below 128 samples a batch, else min(2, cores); the label
 * says which count Auto picks), and a status line saying whether the
 * page is cross-origin isolated, how many workers train, and how fast (training samples a second).
 */
export function WorkersControl({ client, parallel: p, running }: { client: TrainerClient; parallel: ParallelStatus; running: boolean }) {
  // The rate is measured over a second or more of training: until then a running page says so, not "paused".
  const rate = p.samplesPerSecond > 0 ? `${Math.round(p.samplesPerSecond).toLocaleString('en')} samples/s` : running ? 'measuring…' : 'paused';
  const text = help(p);
  const why = p.workers < p.asked ? text : autoOne(p);
  return (
    <div className="workers" data-testid="workers">
      <Select<Choice>
        label="Workers"
        value={String(p.choice) as Choice}
        options={CHOICES}
        names={{ auto: `Auto (${p.auto})`, '2': p.isolated ? '2' : '2 (needs isolation)' }}
        testId="workers-choice"
        onChange={(v) => {
          const workers: WorkersChoice = v === 'auto' ? 'auto' : v === '1' ? 1 : 2;
          rememberWorkers(workers);
          client.send({ type: 'workers', workers });
        }}
      />
      <p className="workers-status" aria-live="off" data-testid="workers-status" data-workers={p.workers} data-isolated={p.isolated} data-rate={p.samplesPerSecond} title={text}>
        <strong>
          {p.workers} {p.workers === 1 ? 'worker' : 'workers'}
        </strong>
        <span className={p.isolated ? 'muted' : 'warn'}>{p.isolated ? 'cross-origin isolated' : 'not cross-origin isolated'}</span>
        <span className="rate">{rate}</span>
      </p>
      {why ? (
        <p className="small muted workers-why" data-testid="workers-why">
          {why}
        </p>
      ) : null}
    </div>
  );
}
