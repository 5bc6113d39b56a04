import type { Shown } from '../model/step-through.js';

const MAX = 10;

/**
 * A cell: 3 decimals, or a raw value as written (a year is 1978, not 2.0e+3), or 3 significant digits
 * with an exponent for the very large and the tiny.
 */
export function cellText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3)) return v.toExponential(2);
  if (Math.abs(v) >= 1000) return String(Number(v.toFixed(1)));
  return v.toFixed(3);
}

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
                    {cellText(v)}
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
