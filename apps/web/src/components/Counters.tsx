import type { Snapshot } from '../worker/protocol.js';
import { lossNumber as fmt } from './number-format.js';

/** The id of the loading message, which the Train button points at (aria-describedby) while it waits. */
export const LOADING_ID = 'data-loading';

/**
 * Epoch and sample counters, current losses and accuracies (numbers also as data attributes for tests).
 * While data load (`loading`, e.g. "Loading MNIST digits…") the losses are not known yet: the header says so
 * where they will appear, instead of dashes, and nowhere else on the page says it again.
 */
export function Counters({ snapshot, loading = null }: { snapshot: Snapshot | undefined; loading?: string | null }) {
  const s = snapshot;
  if (loading && !s) {
    return (
      <dl className="counters" aria-live="off">
        <div>
          <dt>Epoch</dt>
          <dd data-testid="epoch">0</dd>
        </div>
        <div>
          <dt>Samples seen</dt>
          <dd data-testid="samples-seen">0</dd>
        </div>
        <div className="counters-loading">
          <dt>Data</dt>
          {/* The page's only loading message (a live region, so a screen reader hears it too); Train describes itself by it. */}
          <dd id={LOADING_ID} role="status" data-testid="counters-loading">
            {loading}
          </dd>
        </div>
      </dl>
    );
  }
  return (
    <dl className="counters" aria-live="off">
      <div>
        <dt>Epoch</dt>
        <dd data-testid="epoch">{s?.epoch ?? 0}</dd>
      </div>
      <div>
        <dt>Samples seen</dt>
        <dd data-testid="samples-seen">{(s?.samplesSeen ?? 0).toLocaleString('en')}</dd>
      </div>
      <div>
        <dt>Train loss</dt>
        <dd data-testid="train-loss" data-value={s?.trainLoss}>{fmt(s?.trainLoss)}</dd>
      </div>
      <div>
        <dt>Test loss</dt>
        <dd data-testid="test-loss" data-value={s?.testLoss}>{fmt(s?.testLoss)}</dd>
      </div>
      {s?.testAccuracy !== undefined ? (
        <div>
          <dt>Test accuracy</dt>
          <dd data-testid="test-accuracy" data-value={s.testAccuracy}>{(s.testAccuracy * 100).toFixed(1)} %</dd>
        </div>
      ) : null}
    </dl>
  );
}
