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

/**
 * A plain-text table of a report for terminals, logs and error messages: one aligned row per tensor
 * with its mark (✓ pass, ✗ fail, ○ vacuous, ? inconclusive), error maxima and worst check, then a
 * verdict line. No ANSI codes: callers colour it if they wish.
 * @example console.log(formatReport(gradcheck(net, X, Y)));
 */
export function formatReport(report: GradcheckReport): string {
  const { mode, eps, atol, rtol, dtype } = report;
  const title = `gradcheck: ${mode}, eps ${setting(eps)}, atol ${setting(atol)}, rtol ${setting(rtol)}, float64${dtype === 'float64' ? '' : ` (network ${dtype})`}`;
  const rows = [HEADER, ...report.tensors.map(row)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((cell, c) => (RIGHT.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd());
  return [title, ...lines, summary(report)].join('\n');
}
