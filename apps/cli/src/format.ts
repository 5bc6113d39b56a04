// Number formatting shared by the dashboard, the plain lines and the tables.

/** `1h02m`, `3m05s`, `12s`; from two days on `3d04h`, from a year on `24 years` (`--epochs 1e12`); `–` for unknown. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const year = 365.25 * 86400;
  if (s >= year) return `${Number((s / year).toPrecision(3)).toLocaleString('en-US')} years`;
  if (s >= 2 * 86400) return `${Math.floor(s / 86400)}d${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** `12.3k/s`, `850/s`. */
export function rate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '–';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M/s`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(1)}k/s`;
  return `${Math.round(perSecond)}/s`;
}

/** `95.25%`, or `–`. */
export function percent(share: number | undefined, digits = 2): string {
  return share === undefined || !Number.isFinite(share) ? '–' : `${(share * 100).toFixed(digits)}%`;
}

/** A loss or norm: 4 significant digits, exponent form outside [1e-3, 1e4). */
export function num(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e4)) return x.toExponential(2);
  return x.toPrecision(4);
}

/** A learning rate as people write it: up to 4 significant digits without trailing zeros (`0.2`, `0.0015`, `1e-5`). */
export function lr(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return num(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e4)) return Number(x.toPrecision(4)).toExponential();
  return String(Number(x.toPrecision(4)));
}

/** `1,234,567`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Text from a file (a model's metadata: another tool, or a hand edit, may have written it) made safe to
 * print on one terminal line: control characters (newlines, ANSI escapes that could clear the screen or
 * retitle the window) shown as JSON escapes, and at most `max` characters, the cut marked with `…`.
 */
export function printable(text: string, max = 80): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const escaped = JSON.stringify(c).slice(1, -1); // \n, \t, \u001b; JSON leaves DEL, C1 and the separators as they are
    return escaped.length > 1 ? escaped : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}
