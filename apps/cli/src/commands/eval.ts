import { BackpropError, type ClassificationReport, type Evaluation } from '@backprop/core';
import { type Paint, paint } from '../color.js';
import { loadData } from '../data.js';
import { CliError } from '../errors.js';
import { count, num, percent } from '../format.js';
import { loadModel } from '../io/model-file.js';
import type { Runtime } from '../runtime.js';
import { table } from '../table.js';

/** The confusion matrix as lines: rows are true classes, columns predictions; the diagonal green, errors red. */
export function confusionLines(report: ClassificationReport, names: readonly string[], p: Paint): string[] {
  const width = Math.max(4, ...names.map((n) => n.length), ...report.confusion.flat().map((v) => String(v).length));
  const cell = (s: string) => s.padStart(width);
  const header = `${'true \\ pred'.padEnd(12)}${names.map((n) => ` ${cell(n)}`).join('')}`;
  const rows = report.confusion.map((row, t) => {
    const cells = row.map((v, c) => {
      const text = cell(String(v));
      if (v === 0) return ` ${p.dim(text)}`;
      return ` ${t === c ? p.green(text) : p.red(text)}`;
    });
    return `${(names[t] ?? String(t)).padEnd(12)}${cells.join('')}`;
  });
  return [p.bold(header), ...rows];
}

/** `backprop eval model.json --dataset …`. */
export async function evalCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const net = loadModel(file);
  const data = await loadData({
    dataset: String(flags.dataset ?? 'mnist'),
    seed: (flags.seed as number | undefined) ?? 0,
    validation: (flags.validation as number | undefined) ?? 0.2,
    ...(flags.samples !== undefined ? { samples: flags.samples as number } : {}),
    ...(flags.noise !== undefined ? { noise: flags.noise as number } : {}),
    ...(flags.label !== undefined ? { label: flags.label as string } : {}),
  });
  const set = data.validation ?? data.train;
  if (set.X.cols !== net.inputs) throw new CliError(`${file}: the model takes ${net.inputs} inputs but ${data.name} has ${set.X.cols} features`);
  const modelClasses = net.output === 'logistic' && net.outputs === 1 ? 2 : net.outputs;
  if (set.task === 'classification' && net.output !== 'linear' && set.classes !== modelClasses) {
    throw new CliError(`${file}: the model has ${modelClasses} classes, ${data.name} has ${set.classes}; evaluate it on data with the classes it was trained on`);
  }
  let evaluation: Evaluation;
  try {
    evaluation = net.evaluate(set);
  } catch (error) {
    if (error instanceof BackpropError) throw new CliError(`${file} on ${data.name}: ${error.message}`);
    throw error;
  }
  if (flags.json === true) {
    rt.stdout.write(`${JSON.stringify({ model: file, dataset: set.name, ...evaluation }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`);
    return 0;
  }
  const p = paint(rt.stdout);
  const report = evaluation.classification;
  const lines = [`${file} on ${set.name} (${count(set.X.rows)} rows): loss ${num(evaluation.loss)}${report ? `  accuracy ${p.bold(percent(report.accuracy))}` : ''}`];
  if (report) {
    const names = set.task === 'classification' && set.classNames.length === report.perClass.length ? set.classNames : report.perClass.map((_, c) => String(c));
    const rows = report.perClass.map((m, c) => [names[c]!, percent(m.precision, 1), percent(m.recall, 1), percent(m.f1, 1), String(m.support)]);
    lines.push('', ...table(['class', 'precision', 'recall', 'f1', 'support'], rows), '', ...confusionLines(report, names, p));
  }
  const r = evaluation.regression;
  if (r) lines.push(`mse ${num(r.mse)}  mae ${num(r.mae)}  rmse ${num(r.rmse)}  r² ${num(r.r2)}`);
  rt.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
