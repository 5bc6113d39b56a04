import { createReadStream, fstatSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Matrix, type Network } from '@backprop/core';
import { CliError, fileProblem } from '../errors.js';
import { loadModel } from '../io/model-file.js';
import { type ColumnMap, RowError, headerColumns, parseRow, type RowSchema } from '../io/rows.js';
import type { Runtime } from '../runtime.js';
import { pack } from './inspect.js';

/** Predictions for a batch of rows: the class (for softmax / logistic outputs) and ŷ. */
export function predictRows(net: Network, rows: readonly number[][]): { prediction: number | number[]; outputs: number[] }[] {
  const X = Matrix.from(rows, net.dtype);
  const yHat = net.predict(X);
  // Several logistic units (one-vs-rest, or multi-label): the core's classify refuses them; the most probable unit.
  const oneVsRest = net.output === 'logistic' && net.outputs > 1;
  const classes = net.output === 'linear' ? undefined : oneVsRest ? Int32Array.from({ length: yHat.rows }, (_, r) => argmax(yHat.data.subarray(r * yHat.cols, (r + 1) * yHat.cols))) : net.classify(X);
  return rows.map((_, r) => {
    const outputs = Array.from(yHat.data.subarray(r * yHat.cols, (r + 1) * yHat.cols));
    return { prediction: classes ? classes[r]! : outputs, outputs };
  });
}

function argmax(row: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
  return best;
}

const short = (v: number) => String(Number(v.toPrecision(6)));

/** The CSV header of the answers: `class,p_<name>…` for classifiers, `y_0…` for regression. */
export function answerHeader(net: Network): string {
  const labels = net.preprocessing?.labels;
  if (net.output === 'linear') return Array.from({ length: net.outputs }, (_, c) => `y_${c}`).join(',');
  const probs = net.output === 'logistic' && net.outputs === 1 ? [`p_${labels?.[1] ?? '1'}`] : Array.from({ length: net.outputs }, (_, c) => `p_${labels?.[c] ?? c}`);
  return ['class', ...probs].join(',');
}

/** Formats one answer: the class name when the model stores names (else its index), then the outputs. */
export function answerLine(net: Network, answer: { prediction: number | number[]; outputs: number[] }, json: boolean): string {
  const labels = net.preprocessing?.labels;
  if (net.output === 'linear') return json ? JSON.stringify({ outputs: answer.outputs }) : answer.outputs.map(short).join(',');
  const c = answer.prediction as number;
  const name = labels?.[c] ?? c;
  if (json) return JSON.stringify({ class: name, probabilities: answer.outputs });
  return [String(name), ...answer.outputs.map(short)].join(',');
}

/** True when the process's stdin is a regular file (`< rows.csv`): finite, so it is read whole like a named file. */
function stdinIsFile(rt: Runtime): boolean {
  if (rt.stdin !== process.stdin) return false;
  try {
    return fstatSync(0).isFile();
  } catch {
    return false;
  }
}

/**
 * `backprop predict model.json [rows]`: one answer per row on stdout (CSV, or JSON lines with --json).
 * A file (named, or stdin redirected from one) is read whole first: a bad row anywhere prints nothing to
 * stdout, only the {@link RowError}. A pipe or a terminal streams: each row is answered as soon as it
 * arrives, so typing a row gets its answer at once; a bad piped row ends the answers after the rows
 * before it, a bad typed row is reported and the session goes on (exit code 1 at the end). Either way the CSV header goes out with the first answer. No rows at all (an empty file, a header alone) is a
 * {@link CliError} naming the source (exit 1, nothing on stdout); at a terminal, Ctrl-D before any row just ends.
 */
export async function predictCommand(file: string, input: string | undefined, flags: Record<string, unknown>, rt: Runtime): Promise<number> {
  const net = loadModel(file);
  const fromFile = input !== undefined && input !== '-';
  const source = fromFile ? input : 'stdin';
  let stream: NodeJS.ReadableStream = rt.stdin;
  if (fromFile) {
    const fileStream = createReadStream(input);
    await new Promise<void>((resolve, reject) => {
      fileStream.once('open', () => resolve());
      fileStream.once('error', (error) => reject(fileProblem(input, error)));
    });
    stream = fileStream;
  }
  const whole = fromFile || stdinIsFile(rt);
  const format = flags.format as 'csv' | 'json' | undefined;
  const json = flags.json === true;
  const features = net.preprocessing?.features;
  const schema: RowSchema = { width: net.inputs, features };
  if (!fromFile && rt.stdin.isTTY) {
    const names = features ? `: ${features.length > 8 ? `${features.slice(0, 8).join(', ')}, …` : features.join(', ')}` : '';
    // Fitted to the terminal (a 60- or 80-column one wrapped the one long line mid-word).
    const width = rt.stderr.isTTY === true && rt.stderr.columns > 0 ? rt.stderr.columns : undefined;
    rt.stderr.write(`${pack('reading rows from the terminal: ', [`${net.inputs} values each${names}`, 'CSV or JSON, one per line', 'Ctrl-D ends'], width).join('\n')}\n`);
  }
  let header = json;
  const writeHeader = () => {
    if (!header) rt.stdout.write(`${answerHeader(net)}\n`);
    header = true;
  };
  // Streaming: rows that arrive together (a piped file) are predicted together; the batch is answered
  // before the next chunk is read, so an interactive row is answered at once.
  let pending: number[][] = [];
  let answered = 0;
  const flush = () => {
    answered += pending.length;
    for (let from = 0; from < pending.length; from += 4096) {
      writeHeader();
      rt.stdout.write(`${predictRows(net, pending.slice(from, from + 4096)).map((a) => `${answerLine(net, a, json)}\n`).join('')}`);
    }
    pending = [];
  };
  let flushQueued = false;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  // A person typing: a typo is reported and the session goes on (exit code 1 at the end), as in a REPL.
  const typing = !fromFile && rt.stdin.isTTY === true;
  let refused = 0;
  let lineNo = 0;
  let columns: ColumnMap | undefined;
  let headerWidth: number | undefined;
  let empty = true;
  try {
    for await (const line of lines) {
      lineNo++;
      // A byte-order mark or one newline alone is an empty file; blank lines beyond that are "only blank lines".
      if (lineNo > 1 || line.replace(/^\uFEFF/, '') !== '') empty = false;
      if (line.trim() === '') continue;
      if (lineNo === 1 && format !== 'json') {
        columns = headerColumns(line, schema);
        if (columns) {
          headerWidth = line.split(/[,;\t]/).length;
          const ignored = line.split(/[,;\t]/).map((c) => c.trim()).filter((_, i) => !columns!.includes(i));
          if (ignored.length > 0) rt.stderr.write(`predict: header names the model's features; ignoring column${ignored.length > 1 ? 's' : ''} ${ignored.join(', ')}\n`);
          continue;
        }
      }
      try {
        pending.push(parseRow(line, { source, line: lineNo }, schema, format, columns, headerWidth));
      } catch (error) {
        if (!typing || !(error instanceof RowError)) throw error;
        refused++;
        rt.stderr.write(`predict: ${error.message}; type the row again\n`);
        continue;
      }
      if (whole) continue; // answered at the end, once every row has been read and checked
      if (pending.length >= 4096) flush();
      if (!flushQueued) {
        flushQueued = true;
        setImmediate(() => {
          flushQueued = false;
          flush();
        });
      }
    }
  } catch (error) {
    // Streaming: the answers for the rows before the bad one go out, in order, before the error line.
    if (!whole) flush();
    throw error;
  }
  if (answered === 0 && pending.length === 0 && refused === 0) {
    // Someone who pressed Ctrl-D before typing a row chose to stop; nothing to report.
    if (typing) {
      rt.stderr.write('predict: no rows typed\n');
      return 0;
    }
    // A file or a pipe with nothing to answer is bad data (exit 1, as a bad row or an empty training CSV):
    // a script reading the answers must not take a lone header, exit 0, for success.
    const why = empty ? `the ${fromFile ? 'file' : 'input'} is empty` : columns ? 'only a header line' : 'only blank lines';
    throw new CliError(`${source}: no rows to predict (${why})`);
  }
  flush();
  writeHeader();
  return refused > 0 ? 1 : 0;
}
