import { resolve } from 'node:path';
import { BackpropError, type ClassificationReport, type Evaluation } from '@backprop/core';
import { type Paint, paint } from '../color.js';
import type { Network } from '@backprop/core';
import { type DataOptions, type LoadedData, datasetNames, loadData, resolveAlias } from '../data.js';
import { CliError, usageError } from '../errors.js';
import { count, num, percent, printable } from '../format.js';
import { CHECKPOINT_FORMAT } from '../io/checkpoint.js';
import { datasetFromFile, withDataset } from '../io/dataset-path.js';
import { networkFromJSON, readJSONFile } from '../io/model-file.js';
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The network in a model or checkpoint file, and the data it recorded: a checkpoint's config, or the
 * `metadata` that `backprop train` writes into a model file (a file without them records none).
 */
export function loadModelAndData(file: string): { net: Network; recorded: DataOptions | undefined; where: 'config.data' | 'metadata' } {
  const json = readJSONFile(file);
  // A data set file is recorded relative to the model file's directory (datasetForFile).
  const fromHere = (d: string) => datasetFromFile(d, file);
  if (isObject(json) && json.format === CHECKPOINT_FORMAT) {
    const data = isObject(json.config) && isObject(json.config.data) && typeof json.config.data.dataset === 'string' ? (json.config.data as unknown as DataOptions) : undefined;
    return { net: networkFromJSON(file, json.model), recorded: data && withDataset(data, fromHere), where: 'config.data' };
  }
  const net = networkFromJSON(file, json);
  const m = net.metadata;
  return { net, recorded: m && typeof m.dataset === 'string' ? withDataset(m as unknown as DataOptions, fromHere) : undefined, where: 'metadata' };
}

/**
 * Checks the recorded data options before they are used (a hand-edited file may hold anything the core's
 * metadata rules allow): each problem names the file and the key, as a flag's would.
 */
function checkRecorded(file: string, where: string, r: DataOptions): void {
  const v = r as unknown as Record<string, unknown>;
  const bad = (key: string, expected: string) => new CliError(`${file}: ${where}.${key}: expected ${expected}, got ${JSON.stringify(v[key])}`);
  const isInt = (x: unknown, min: number, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
  if (v.seed !== undefined && !isInt(v.seed, 0, 2 ** 32 - 1)) throw bad('seed', `an integer in [0, ${2 ** 32 - 1}]`);
  if (v.validation !== undefined && !(typeof v.validation === 'number' && v.validation >= 0 && v.validation < 1)) throw bad('validation', 'a number in [0, 1)');
  if (v.samples !== undefined && !isInt(v.samples, 1, 1_000_000)) throw bad('samples', 'an integer from 1 to 1,000,000');
  if (v.noise !== undefined && !(typeof v.noise === 'number' && v.noise >= 0 && v.noise <= 1)) throw bad('noise', 'a number in [0, 1]');
  if (v.label !== undefined && typeof v.label !== 'string') throw bad('label', 'a column name or 0-based index, as text');
}

/**
 * A model file that records no data set (imported, or written by the library), and guessing (MNIST, say)
 * gives nonsense or a shape error about a data set the user never named: ask for -d, with what the model expects.
 */
function whichData(file: string, net: Network): CliError {
  const classes = net.output === 'logistic' && net.outputs === 1 ? 2 : net.outputs;
  const features = net.preprocessing?.features;
  const labels = net.preprocessing?.labels;
  const takes = `${net.inputs} inputs${features ? ` (${features.slice(0, 6).join(', ')}${features.length > 6 ? ', …' : ''})` : ''}`;
  const gives = net.output === 'linear' ? `${net.outputs} outputs` : `${classes} classes${labels ? ` (${labels.slice(0, 6).join(', ')}${labels.length > 6 ? ', …' : ''})` : ''}`;
  const mnist = net.inputs === 784 && classes === 10 ? "; MNIST's shape: -d mnist" : '';
  return usageError(`${file}: which data? this model file records no data set (those written by backprop train do): pass -d/--dataset (${datasetNames.join(', ')}, or a file.csv); the model takes ${takes} and gives ${gives}${mnist}`);
}

/** Which rows were scored: every row of the data, a held-out validation share, or MNIST's test set. */
export interface Scope {
  readonly split: 'all' | 'validation' | 'test';
  readonly rows: number;
  readonly totalRows: number;
  /** How many, for the report's first line: `all 150 rows`, `30 of 150 rows`. */
  readonly text: string;
  /** Which rows, when not all: a second line (`the validation split recorded in iris.json (share 0.2, seed 0)`). */
  readonly detail: string | undefined;
}

/**
 * Which rows to score, as Keras's `evaluate(x, y)` and scikit-learn's `score` do: every row given, unless
 * the rows the model did not train on are known (the data set, seed and split it recorded: its own
 * validation rows) or `--validation` asks for a held-out share. MNIST comes with its test set.
 */
function scopeOf(data: LoadedData, share: number, why: string): { set: LoadedData['train']; scope: Scope } {
  const totalRows = data.train.X.rows + (data.validation?.X.rows ?? 0);
  if (data.name === 'mnist' && data.validation) {
    const rows = data.validation.X.rows;
    return { set: data.validation, scope: { split: 'test', rows, totalRows, text: `${count(rows)} of ${count(totalRows)} digits`, detail: "MNIST's test split" } };
  }
  if (share > 0 && data.validation) {
    const rows = data.validation.X.rows;
    return { set: data.validation, scope: { split: 'validation', rows, totalRows, text: `${count(rows)} of ${count(totalRows)} rows`, detail: why } };
  }
  const set = { ...data.train, name: data.name };
  const detail = share > 0 ? `too few rows for a ${share} validation share: all are scored` : undefined;
  return { set, scope: { split: 'all', rows: totalRows, totalRows, text: `all ${count(totalRows)} rows`, detail } };
}

/**
 * `backprop eval model.json --dataset …`: every row of the data, or a checkpoint's own validation rows
 * when it is evaluated on the data set it recorded (set, seed, split); `--validation` picks a held-out
 * share explicitly. Without --dataset a checkpoint uses its recorded data; a model file is refused
 * (see {@link whichData}).
 */
export async function evalCommand(file: string, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const { net, recorded, where } = loadModelAndData(file);
  if (flags.dataset === undefined && !recorded) throw whichData(file, net);
  // A name from elsewhere (the playground records a pasted CSV as "pasted CSV"): not something to open; ask for -d.
  if (flags.dataset === undefined && recorded && !datasetNames.includes(resolveAlias(recorded.dataset)) && !/\.csv$/i.test(recorded.dataset)) {
    throw usageError(`${file}: records its data as "${printable(recorded.dataset, 60)}", not a data set backprop can open (${datasetNames.join(', ')}, or a file.csv): pass it with -d/--dataset`);
  }
  // Explicit flags win; the recording fills in the rest only when it is the data set being used.
  const same = (a: unknown, b: string | undefined) => typeof a === 'string' && b !== undefined && (a === b || resolve(a) === resolve(b));
  const base = flags.dataset === undefined || same(flags.dataset, recorded?.dataset) ? recorded : undefined;
  if (base) checkRecorded(file, where, base);
  const given = <K extends keyof DataOptions>(key: K): Partial<Pick<DataOptions, K>> => {
    const value = flags[key] ?? base?.[key];
    return value === undefined ? {} : ({ [key]: value } as Partial<Pick<DataOptions, K>>);
  };
  const typedShare = flags.validation as number | undefined;
  const seed = (flags.seed as number | undefined) ?? base?.seed ?? 0;
  // The recorded split only on the recorded data: its validation rows are the ones training never saw.
  const share = typedShare ?? base?.validation ?? 0;
  const options: DataOptions = {
    dataset: String(flags.dataset ?? recorded?.dataset),
    seed,
    validation: share,
    ...given('samples'),
    ...given('noise'),
    ...given('label'),
    // A CSV's labels are encoded in the model's class order (a test file may lack a class, or sort otherwise).
    ...(net.preprocessing?.labels && net.output !== 'linear' ? { classNames: net.preprocessing.labels } : {}),
  };
  if (flags.dataset === undefined) rt.stderr.write(`data: ${printable(options.dataset, 200)} (seed ${options.seed}), as recorded in ${file}\n`);
  let data: LoadedData;
  try {
    data = await loadData(options);
  } catch (error) {
    // A label the model does not know: name the model's classes rather than the parser's option.
    if (options.classNames && error instanceof CliError && /classNames/.test(error.message)) {
      throw new CliError(`${error.message.replace(/ ?one of the classNames \(/, " one of the model's classes (")}; ${file} was trained on other classes`);
    }
    // The recorded CSV moved (or eval runs elsewhere): say where the name came from and how to give another.
    if (flags.dataset === undefined && error instanceof CliError && error.message === `${options.dataset}: no such file`) {
      throw new CliError(`${error.message} (the data set recorded in ${file}; name it with -d/--dataset)`);
    }
    throw error;
  }
  const why =
    typedShare !== undefined
      ? `the validation split of --validation ${typedShare} with seed ${seed}`
      : `the recorded validation split (${share}, seed ${seed}); all rows: --validation 0`;
  const { set, scope } = scopeOf(data, share, why);
  if (set.X.cols !== net.inputs) {
    // A file of inputs only (what predict reads): its last feature was taken for the label.
    const features = net.preprocessing?.features;
    if (features && set.X.cols === net.inputs - 1 && set.featureNames.every((f) => features.includes(f))) {
      const taken = features.find((f) => !set.featureNames.includes(f));
      throw new CliError(`${file}: ${data.name} has the model's ${net.inputs} inputs but no label column (${taken} was taken for the label): eval needs the true labels; for answers without them: backprop predict ${file} ${options.dataset}`);
    }
    throw new CliError(`${file}: the model takes ${net.inputs} inputs but ${data.name} has ${set.X.cols} features`);
  }
  const modelClasses = net.output === 'logistic' && net.outputs === 1 ? 2 : net.outputs;
  if (set.task === 'classification' && net.output !== 'linear' && set.classes !== modelClasses) {
    throw new CliError(`${file}: the model has ${modelClasses} classes, ${data.name} has ${set.classes}; evaluate it on data with the classes it was trained on`);
  }
  // Named classes must be the model's, in its order (index c means the same class); say so in the CLI's words.
  const labels = net.preprocessing?.labels;
  if (labels && set.task === 'classification' && set.classNames.length === labels.length && set.classNames.some((name, c) => name !== labels[c])) {
    const sameSet = [...set.classNames].sort().join('\u0000') === [...labels].sort().join('\u0000');
    throw new CliError(`${file}: the model's classes are ${labels.join(', ')}; ${data.name} has ${set.classNames.join(', ')}${sameSet ? ' (the same names in another order: classes are matched by position)' : ''}; evaluate it on data with the classes it was trained on`);
  }
  let evaluation: Evaluation;
  try {
    evaluation = net.evaluate(set);
  } catch (error) {
    if (error instanceof BackpropError) throw new CliError(`${file} on ${data.name}: ${error.message}`);
    throw error;
  }
  if (flags.json === true) {
    rt.stdout.write(`${JSON.stringify({ model: file, dataset: set.name, split: scope.split, rows: scope.rows, totalRows: scope.totalRows, ...evaluation }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))}\n`);
    return 0;
  }
  const p = paint(rt.stdout, process.env, flags.plain === true);
  const report = evaluation.classification;
  const lines = [`${file} on ${data.name} (${scope.text}): loss ${num(evaluation.loss)}${report ? `  accuracy ${p.bold(percent(report.accuracy))}` : ''}`];
  if (scope.detail) lines.push(p.dim(scope.detail));
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
