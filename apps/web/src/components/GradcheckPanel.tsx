import type { Gradcheck } from '../state/use-gradcheck.js';

/**
 * The gradient check of the current network and its per-tensor report. A report belongs to the network it
 * checked: when the network or data changes, it is withdrawn, with a note.
 */
export function GradcheckPanel({ check }: { check: Gradcheck }) {
  const { busy, run, stale, ready } = check;
  const kept = check.result;
  const result = stale ? null : kept;
  return (
    <section className="panel" aria-label="Gradient check">
      <h2>Gradient check</h2>
      <p className="small">Compares every ∂ℒ/∂θ of the backward pass with central differences (ℒ(θ + εeᵢ) − ℒ(θ − εeᵢ)) / 2ε in float64, on 8 training rows.</p>
      <button type="button" data-testid="gradcheck-run" disabled={busy || !ready} onClick={run}>
        {busy ? 'Checking…' : ready ? 'Run gradient check' : 'Building the network…'}
      </button>
      {stale ? (
        <p role="status" className="notice" data-testid="gradcheck-stale">
          The network or its data changed since the last check (at epoch {kept?.epoch}): run the check again on the current one.
        </p>
      ) : null}
      {result ? (
        <div data-testid="gradcheck-result" data-ok={result.ok}>
          <p className="small muted">Checked at epoch {result.epoch}.</p>
          <p role="status" className={result.ok ? 'ok' : 'bad'}>
            {result.ok ? '✓ All gradients match their finite differences.' : '✗ Some gradients do not match.'}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user scrolls the table when a narrow window cuts it (axe: scrollable-region-focusable) */}
          <section className="table-scroll" aria-label="Gradient check per tensor" tabIndex={0}>
            <table className="report">
              <thead>
                <tr>
                  <th scope="col">tensor</th>
                  <th scope="col">shape</th>
                  <th scope="col">status</th>
                  <th scope="col">checked</th>
                  <th scope="col">max abs err</th>
                  <th scope="col">max rel err</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.name} data-tensor={r.name} data-status={r.status}>
                    <td>{r.name}</td>
                    <td>
                      {r.shape[0]}×{r.shape[1]}
                    </td>
                    <td>{r.status}</td>
                    <td>{r.checked}</td>
                    <td>{r.maxAbsError.toExponential(2)}</td>
                    <td>{r.maxRelError.toExponential(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <details>
            <summary>Report as text (as the CLI prints it)</summary>
            <pre>{result.text}</pre>
          </details>
        </div>
      ) : null}
    </section>
  );
}
