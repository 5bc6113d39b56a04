import { useState } from 'react';
import type { TrainerClient } from '../worker/client.js';
import type { Snapshot } from '../worker/protocol.js';
import { LOADING_ID } from './Counters.js';

/**
 * Play / pause, step one batch, step one epoch, reset. While data load (`loading`) the worker holds the
 * messages until they arrive: Train pressed then says that training will start, instead of looking ignored.
 */
export function Toolbar({ client, snapshot, loading = false }: { client: TrainerClient; snapshot: Snapshot | undefined; loading?: boolean }) {
  const waiting = loading && !snapshot;
  const [queued, setQueued] = useState(false);
  if (queued && !waiting) setQueued(false); // the first snapshot after loading says whether it runs
  const running = waiting ? queued : (snapshot?.running ?? false);
  return (
    <div className="toolbar" role="toolbar" aria-label="Training">
      <button
        type="button"
        className="primary"
        data-testid="play"
        aria-pressed={running}
        aria-describedby={waiting ? LOADING_ID : undefined}
        onClick={() => {
          client.send({ type: running ? 'pause' : 'play' });
          if (waiting) setQueued(!running);
        }}
      >
        {waiting && queued ? '❚❚ Trains once loaded' : running ? '❚❚ Pause' : '▶ Train'}
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
