import { BackpropError } from '@backprop/core';
import { parsePageCsv } from './csv-text.js';

// A pasted or dropped CSV is checked in the page before it replaces anything: a bad file gives the
// parser's own message (it names the line and the column) and the data in use stays as it was.

/** The outcome of checking CSV text: a one-line summary, or the reason it cannot be used. */
export type CsvCheck = { readonly ok: true; readonly rows: number; readonly summary: string } | { readonly ok: false; readonly message: string };

/** The delimiter the page reads a CSV with (csv-text.ts). */
export { detectDelimiter } from './csv-text.js';

/** The parser's messages in a page visitor's words: no option names, no argument paths, one final period. */
function plain(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof BackpropError && e.argument === 'text' && message.includes('at least one data row')) return 'it has a header line but no data rows below it';
  if (e instanceof BackpropError && e.argument === 'text' && message.includes('at least one row')) return 'it is empty: there are no lines to read';
  return message.replace(/ Pass options\.delimiter\./, ' The page reads commas, semicolons or tabs, whichever the first line holds most.').replace(/\.$/, '');
}

/**
 * A warning when the label column looks like an identifier: more classes than half the rows, so most classes
 * have one row to learn from (scikit-learn warns of classes with too few members too). Often the last
 * column is an id or a name and the column to predict is another one.
 */
function fewPerClass(ds: ReturnType<typeof parsePageCsv>['data'], rows: number): string {
  if (ds.task !== 'classification' || ds.classes <= 2 || ds.classes <= rows / 2) return '';
  return `. Warning: the last column, the label, has ${ds.classes} different values in ${rows} rows, so most classes have a single row to learn from and none to test on. If it is an id or a name, put the column to predict last`;
}

/** Parses `text` as the worker will (last column = label) and describes it, or says what is wrong and where. */
export function checkCsv(text: string): CsvCheck {
  try {
    const { data: ds, notes } = parsePageCsv(text);
    // One row cannot be split into a row to train on and a row to test on.
    if (ds.X.rows < 2) return { ok: false, message: 'it has 1 data row: the page needs at least 2, one to train on and one to test on (and 20 or more in the test part for its figures to mean much)' };
    // One class leaves nothing to separate: the loss is zero from the start (scikit-learn refuses it too).
    if (ds.task === 'classification' && ds.classes < 2) return { ok: false, message: `the label column (the last) holds one class only (${ds.classNames.join(', ')}): a classifier needs at least 2` };
    const rows = ds.X.rows;
    const features = `${ds.X.cols} feature${ds.X.cols === 1 ? '' : 's'}`;
    const kind = ds.task === 'classification' ? `${ds.classes} classes (${ds.classNames.join(', ')})` : `a regression target "${ds.targetNames[0]}"`;
    const read = notes.map((n) => `; ${n}`).join('');
    return { ok: true, rows, summary: `${rows} rows, ${features}, ${kind}${read}${fewPerClass(ds, rows)}` };
  } catch (e) {
    return { ok: false, message: plain(e) };
  }
}

/** True for files the page reads as data rather than as a model (a spreadsheet workbook too: it is told to save it as CSV). */
export const isCsvFile = (file: { readonly name: string; readonly type: string }): boolean => /\.(csv|txt|tsv|xlsx|xlsm|xls|ods)$/i.test(file.name) || file.type === 'text/csv';
