import type { CheckReport, RunResult } from './scenarios.js';

const FIELDS = ['loss', 'valLoss', 'flat'] as const;

/**
 * Every difference between two reports, one line each: the run, the field, how many entries differ
 * and the first of them as float64 hex on both sides. Empty when they agree bit-for-bit.
 */
export function differences(a: CheckReport, b: CheckReport): string[] {
  const out: string[] = [];
  if (a.runs.length !== b.runs.length) return [`${a.runs.length} runs vs ${b.runs.length}`];
  a.runs.forEach((x: RunResult, i) => {
    const y = b.runs[i]!;
    if (x.name !== y.name || x.backend !== y.backend || x.epochs !== y.epochs) {
      out.push(`${x.name} [${x.backend}, ${x.epochs} epochs] vs ${y.name} [${y.backend}, ${y.epochs} epochs]`);
      return;
    }
    for (const field of FIELDS) {
      const p = x[field];
      const q = y[field];
      const differing = p.map((_, j) => j).filter((j) => p[j] !== q[j]);
      if (p.length !== q.length) out.push(`${x.name} ${field}: length ${p.length} vs ${q.length}`);
      else if (differing.length > 0) {
        const j = differing[0]!;
        out.push(`${x.name} ${field}: ${differing.length}/${p.length} differ, first [${j}] ${p[j]} vs ${q[j]}`);
      }
    }
  });
  return out;
}
