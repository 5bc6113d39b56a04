import type { DataSummary, Snapshot } from '../worker/protocol.js';
import { lossNumber as fmt } from './number-format.js';

/** Fewer test rows than this and the page says the test figures mean little (scikit-learn's docs warn of tiny splits too). */
export const FEW_TEST_ROWS = 20;

/**
 * What to say beside the test figures when the test part is too small for them to mean anything, or null.
 * One test row of n moves the accuracy by 100/n %: on 2 rows it can only be 0, 50 or 100 %.
 */
export function smallTestNote(testCount: number | undefined, task: 'classification' | 'regression' | undefined): string | null {
  if (testCount === undefined || testCount >= FEW_TEST_ROWS) return null;
  const what = task === 'regression' ? 'the test loss' : 'the accuracy';
  if (testCount === 0) return `No test rows: ${what} is not measured on data the network has not seen. Use more rows.`;
  const rows = `${testCount} test row${testCount === 1 ? '' : 's'}`;
  const step = task === 'regression' ? '' : ` (each row is ${Number((100 / testCount).toFixed(1))} %)`;
  return `Only ${rows}: too few for ${what} to say much about new data${step}. Use more rows (${FEW_TEST_ROWS} or more in the test part).`;
}

/** The id of the loading message, which the Train button points at (aria-describedby) while it waits. */
export const LOADING_ID = 'data-loading';

/**
 * Epoch and sample counters, current losses and accuracies (numbers also as data attributes for tests).
 * While data load (`loading`, e.g. "Loading MNIST digits…") the losses are not known yet: the header says so
 * where they will appear, instead of dashes, and nowhere else on the page says it again.
 */
export function Counters({ snapshot, loading = null, data }: { snapshot: Snapshot | undefined; loading?: string | null; data?: Pick<DataSummary, 'testCount' | 'task'> | undefined }) {
  const s = snapshot;
  const note = s ? smallTestNote(data?.testCount, data?.task) : null;
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
      {note ? (
        <div className="counters-note">
          <dt>Note</dt>
          <dd data-testid="small-test-note">{note}</dd>
        </div>
      ) : null}
    </dl>
  );
}
