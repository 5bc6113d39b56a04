import type { TrainerClient } from '../worker/client.js';
import type { ParallelStatus, WorkersChoice } from '../worker/protocol.js';
import { rememberWorkers } from '../state/workers.js';
import { threadsFor } from '../worker/threads.js';
import { Select } from './inputs.js';

const CHOICES = ['auto', '1', '2'] as const;
type Choice = (typeof CHOICES)[number];

const NOT_ISOLATED =
  'This page is not cross-origin isolated: it was served without the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, so the browser gives it no SharedArrayBuffer and MNIST trains on one worker. The numbers are the same either way; only the speed differs.';

/** The sentence under the status: why fewer workers train than asked for, or how the count works. */
function help(p: ParallelStatus): string {
  if (p.workers < p.asked && !p.isolated) return NOT_ISOLATED;
  if (p.workers < p.asked) return `One worker trains: ${p.reason ?? 'more are not available here'}.`;
  return 'Each batch is cut into 2 fixed halves whose gradients the workers compute and add in a fixed order, so 1 or 2 workers give the same numbers, bit for bit. Whether 2 are faster depends on the batch size and on what else the computer is doing: the status shows the speed. A change applies from the next step.';
}

/**
 * MNIST's data-parallel workers: the choice (auto = min(2, cores)), and a status line saying whether the
 * page is cross-origin isolated, how many workers train, and how fast (training samples a second).
 */
export function WorkersControl({ client, parallel: p }: { client: TrainerClient; parallel: ParallelStatus }) {
  const rate = p.samplesPerSecond > 0 ? `${Math.round(p.samplesPerSecond).toLocaleString('en')} samples/s` : 'paused';
  const text = help(p);
  // What Auto picks here, whatever is chosen now (1 where the page is not isolated).
  const auto = p.isolated ? threadsFor('auto') : 1;
  return (
    <div className="workers" data-testid="workers">
      <Select<Choice>
        label="Workers"
        value={String(p.choice) as Choice}
        options={CHOICES}
        names={{ auto: `Auto (${auto})`, '2': p.isolated ? '2' : '2 (needs isolation)' }}
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
      {p.workers < p.asked ? (
        <p className="small muted workers-why" data-testid="workers-why">
          {text}
        </p>
      ) : null}
    </div>
  );
}
