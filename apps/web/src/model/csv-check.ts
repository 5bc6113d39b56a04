import { BackpropError } from '@backprop/core';
import { parseCSV } from '@backprop/datasets';

// A pasted or dropped CSV is checked in the page before it replaces anything: a bad file gives the
// parser's own message (it names the line and the column) and the data in use stays as it was.

/** The outcome of checking CSV text: a one-line summary, or the reason it cannot be used. */
export type CsvCheck = { readonly ok: true; readonly rows: number; readonly summary: string } | { readonly ok: false; readonly message: string };

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of a pasted CSV: of comma, semicolon and tab, the one its header line holds most (a
 * comma on a tie). A web visitor cannot pass parser options, so the page finds it as a spreadsheet would.
 */
export function detectDelimiter(text: string): (typeof DELIMITERS)[number] {
  const first = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const count = (d: string) => first.split(d).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best), DELIMITERS[0]);
}

/** The parser's messages in a page visitor's words: no option names, no argument paths, one final period. */
function plain(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof BackpropError && e.argument === 'text' && message.includes('at least one data row')) return 'it has a header line but no data rows below it';
  if (e instanceof BackpropError && e.argument === 'text' && message.includes('at least one row')) return 'it is empty: there are no lines to read';
  return message.replace(/ Pass options\.delimiter\./, ' The page reads commas, semicolons or tabs, whichever the first line holds most.').replace(/\.$/, '');
}

/** Parses `text` as the worker will (last column = label) and describes it, or says what is wrong and where. */
export function checkCsv(text: string): CsvCheck {
  try {
    const ds = parseCSV(text, { delimiter: detectDelimiter(text) });
    // One class leaves nothing to separate: the loss is zero from the start (scikit-learn refuses it too).
    if (ds.task === 'classification' && ds.classes < 2) return { ok: false, message: `the label column (the last) holds one class only (${ds.classNames.join(', ')}): a classifier needs at least 2` };
    const rows = ds.X.rows;
    const features = `${ds.X.cols} feature${ds.X.cols === 1 ? '' : 's'}`;
    const kind = ds.task === 'classification' ? `${ds.classes} classes (${ds.classNames.join(', ')})` : `a regression target "${ds.targetNames[0]}"`;
    return { ok: true, rows, summary: `${rows} rows, ${features}, ${kind}` };
  } catch (e) {
    return { ok: false, message: plain(e) };
  }
}

/** True for files the page reads as data rather than as a model. */
export const isCsvFile = (file: { readonly name: string; readonly type: string }): boolean => /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv';
