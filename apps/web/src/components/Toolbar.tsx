import type { TrainerClient } from '../worker/client.js';
import type { Snapshot } from '../worker/protocol.js';

/** Play / pause, step one batch, step one epoch, reset. */
export function Toolbar({ client, snapshot }: { client: TrainerClient; snapshot: Snapshot | undefined }) {
  const running = snapshot?.running ?? false;
  return (
    <div className="toolbar" role="toolbar" aria-label="Training">
      <button type="button" className="primary" data-testid="play" aria-pressed={running} onClick={() => client.send({ type: running ? 'pause' : 'play' })}>
        {running ? '❚❚ Pause' : '▶ Train'}
      </button>
      <button type="button" data-testid="step-batch" onClick={() => client.send({ type: 'step', unit: 'batch' })}>
        Step one batch
      </button>
      <button type="button" data-testid="step-epoch" onClick={() => client.send({ type: 'step', unit: 'epoch' })}>
        Step one epoch
      </button>
      <button type="button" data-testid="reset" onClick={() => client.send({ type: 'reset' })}>
        ↺ Reset
      </button>
    </div>
  );
}
