import type { Shown } from '../model/step-through.js';

const MAX = 10;

/** A small matrix with bracket borders; every cell carries its exact value in `data-value`. */
export function MatrixView({ m }: { m: Shown }) {
  const rows = Math.min(m.rows, MAX);
  const cols = Math.min(m.cols, MAX);
  return (
    <figure className="matrix" data-label={m.label}>
      <figcaption>
        {m.label} <span className="muted small">{m.rows}×{m.cols}</span>
      </figcaption>
      <table>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: matrix rows are positional
            <tr key={r}>
              {Array.from({ length: cols }, (_, c) => {
                const v = m.data[r * m.cols + c]!;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: matrix cells are positional
                  <td key={c} data-value={v} data-row={r} data-col={c} className={v < 0 ? 'neg' : v > 0 ? 'pos' : ''}>
                    {Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : v.toFixed(3)}
                  </td>
                );
              })}
              {m.cols > MAX ? <td>…</td> : null}
            </tr>
          ))}
          {m.rows > MAX ? (
            <tr>
              <td colSpan={cols}>⋮ ({m.rows - MAX} more rows)</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </figure>
  );
}
