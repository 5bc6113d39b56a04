import type { ElementCheck, GradcheckReport, TensorReport, TensorStatus } from './report.js';

/** The mark of each verdict in text output: pass, fail, vacuous (only zeros compared), inconclusive (kinks). */
export const statusMarks: Readonly<Record<TensorStatus, string>> = { pass: '✓', fail: '✗', vacuous: '○', inconclusive: '?' };

const HEADER = ['', 'tensor', 'shape', 'checked', 'kinks', 'max abs', 'max rel', 'worst at', 'analytic', 'numeric', 'note'];
// Right-aligned columns (numbers); the rest are left-aligned.
const RIGHT = new Set([3, 4, 5, 6, 8, 9]);

const err = (x: number): string => (x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(2) : String(x));
const val = (x: number): string => (Number.isFinite(x) ? x.toExponential(8) : String(x));
// Settings as typed: 1e-6 rather than 0.000001.
const setting = (x: number): string => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential() : String(x));

function site(c: ElementCheck | undefined): string {
  if (!c) return '-';
  return c.at.kind === 'element' ? `[${c.at.row}, ${c.at.col}]` : `v${c.at.index}`;
}

function note(t: TensorReport): string {
  if (t.status === 'fail') return `${t.failed} of ${t.checked} failed`;
  if (t.status === 'vacuous') return t.ok ? 'all zeros (allowed)' : 'all zeros: nothing verified';
  if (t.status === 'inconclusive') return 'every check at a kink';
  return '';
}

function row(t: TensorReport): string[] {
  const w = t.worst;
  return [
    statusMarks[t.status],
    t.name,
    `${t.shape[0]} × ${t.shape[1]}`,
    String(t.checked),
    String(t.inconclusive),
    t.checked > 0 ? err(t.maxAbsError) : '-',
    t.checked > 0 ? err(t.maxRelError) : '-',
    site(w),
    w ? val(w.analytic) : '-',
    w ? val(w.numeric) : '-',
    note(t),
  ];
}

/** The verdict line: what failed or was vacuous, and how many checks the kink rule set aside. */
function summary(report: GradcheckReport): string {
  const checks = report.tensors.reduce((n, t) => n + t.checked, 0);
  const kinks = report.tensors.reduce((n, t) => n + t.inconclusive, 0);
  const bad = report.tensors.filter((t) => !t.ok).map((t) => `${t.name} ${t.status === 'fail' ? 'failed' : t.status}`);
  const head = report.ok ? `✓ ok: ${report.tensors.length} tensors, ${checks} checks` : `✗ not ok: ${bad.join(', ')}`;
  return kinks > 0 ? `${head}; ${kinks} inconclusive at kinks (not failures)` : head;
}

/** Options of {@link formatReport}. */
export interface FormatOptions {
  /**
   * Fit the text to this many columns (a terminal's width): every line is narrower than it. Columns are left
   * out while a row is too wide, the least telling first (the worst check's analytic and numeric values, then
   * where it was, then the kink count, the shape and the count of checks), and a last line names them; the title
   * and verdict break between their parts. Default: no limit, every column.
   */
  readonly width?: number;
}

// Columns to leave out, in this order, until the rows fit (indices into HEADER; analytic and numeric go together).
const DROP: readonly (readonly number[])[] = [[8, 9], [7], [4], [2], [3]];

const chars = (line: string) => [...line].length;

/** `parts` joined by `sep` into lines narrower than `width` (later lines indented); one line without a width. */
function wrap(parts: readonly string[], sep: string, width: number | undefined): string[] {
  const lines: string[] = [];
  let line = '';
  parts.forEach((part, i) => {
    const piece = i < parts.length - 1 ? `${part}${sep.trimEnd()}` : part;
    if (width !== undefined && line.trim() !== '' && chars(`${line} ${piece}`) >= width) {
      lines.push(line);
      line = `  ${piece}`;
    } else line = line === '' ? piece : `${line} ${piece}`;
  });
  return [...lines, line];
}

/** The aligned table of `rows` with only the columns in `keep`. */
function table(rows: readonly (readonly string[])[], keep: readonly number[]): string[] {
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => chars(r[c]!))));
  const pad = (cell: string, c: number) => (RIGHT.has(c) ? ' '.repeat(widths[c]! - chars(cell)) + cell : cell + ' '.repeat(widths[c]! - chars(cell)));
  return rows.map((r) => keep.map((c) => pad(r[c]!, c)).join('  ').trimEnd());
}

/**
 * A plain-text table of a report for terminals, logs and error messages: one aligned row per tensor
 * with its mark (✓ pass, ✗ fail, ○ vacuous, ? inconclusive), error maxima and worst check, then a
 * verdict line. No ANSI codes: callers colour it if they wish. With `width`, fitted to a terminal that wide.
 * @example console.log(formatReport(gradcheck(net, X, Y), { width: process.stdout.columns }));
 */
export function formatReport(report: GradcheckReport, options: FormatOptions = {}): string {
  const { mode, eps, atol, rtol, dtype } = report;
  const width = options.width !== undefined && Number.isFinite(options.width) && options.width > 0 ? Math.floor(options.width) : undefined;
  const title = wrap([`gradcheck: ${mode}`, `eps ${setting(eps)}`, `atol ${setting(atol)}`, `rtol ${setting(rtol)}`, `float64${dtype === 'float64' ? '' : ` (network ${dtype})`}`], ', ', width);
  const rows = [HEADER, ...report.tensors.map(row)];
  let keep = HEADER.map((_, c) => c);
  const left: string[] = [];
  let lines = table(rows, keep);
  for (const drop of DROP) {
    if (width === undefined || lines.every((l) => chars(l) < width)) break;
    keep = keep.filter((c) => !drop.includes(c));
    left.push(...drop.map((c) => HEADER[c]!));
    lines = table(rows, keep);
  }
  const verdict = summary(report);
  const out = [...title, ...lines, ...wrap(verdict.split(' '), ' ', width)];
  if (left.length > 0) out.push(...wrap(`(left out to fit ${width} columns: ${left.join(', ')})`.split(' '), ' ', width));
  return out.join('\n');
}
