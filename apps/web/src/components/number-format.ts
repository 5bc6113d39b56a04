// Numbers as the charts and counters print them. A chart's tick is read at a glance beside an axis title:
// it must be short ("2e10", not "2.0e+10" or "20000000000"), and exact digits belong in the legend.

/**
 * A tick label: up to 4 significant digits in plain notation for 0.001 ≤ |v| < 10,000, else the short
 * exponent form JavaScript and Python read back (`2e10`, `1.5e-4`: no "+", no trailing ".0").
 */
export function tickNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4)) return String(Number(v.toPrecision(4)));
  const [mantissa, exponent] = v.toExponential(1).split('e') as [string, string];
  return `${mantissa.replace(/\.0$/, '')}e${exponent.replace(/^\+/, '')}`;
}

/** A loss with 4 decimals, or 4 significant digits with an exponent from 100,000 (a loss in euros² is 4.347e+8, not 434746030.0377). */
export function lossNumber(v: number | undefined, digits = 4): string {
  if (v === undefined) return '–';
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 1e5 ? v.toExponential(3) : v.toFixed(digits);
}
