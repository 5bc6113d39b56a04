import type { Snapshot } from '../worker/protocol.js';

/** A figure to 4 significant digits, with an exponent from 100,000 on. */
const figure = (v: number): string => (Math.abs(v) >= 1e5 ? v.toExponential(3) : String(Number(v.toPrecision(4))));

/**
 * Output for a CSV whose rows are not points of the plane (1 or 3+ features): there is no plane to
 * shade, so say so, name the columns the network reads, and show the test metrics.
 */
export function CsvOutput({ snapshot, featureNames }: { snapshot: Snapshot | undefined; featureNames: readonly string[] }) {
  const n = featureNames.length;
  const accuracy = snapshot?.testAccuracy;
  return (
    <section className="csv-output" aria-label="Your CSV" data-testid="csv-output">
      <h3>Your CSV</h3>
      <p className="small">
        {n} inputs ({featureNames.join(', ')}) cannot be drawn as a plane: the output over the inputs is drawn for CSV data of exactly 2 features. Follow the
        training with the test metrics and the loss per epoch.
      </p>
      <p>
        {accuracy !== undefined ? (
          <>
            Test accuracy: <strong data-testid="csv-accuracy">{(accuracy * 100).toFixed(1)} %</strong>
            {' · '}
          </>
        ) : null}
        Test loss: <strong>{snapshot ? figure(snapshot.testLoss) : '–'}</strong>
        {snapshot && accuracy === undefined && Number.isFinite(snapshot.testLoss) ? (
          <>
            {' · '}
            RMSE <strong data-testid="csv-rmse">{figure(Math.sqrt(snapshot.testLoss))}</strong> (typical error, in the target's units)
          </>
        ) : null}
      </p>
    </section>
  );
}
