import { BackpropError, type BackpropErrorCode } from '@backprop/core';

// One wording for a bad CSV, wherever it is read: parseCSV here, and the `backprop` CLI, which reads data
// files through parseCSV and prediction rows itself, and builds its messages from these same pieces. Lines
// and columns count from 1, as an editor and a spreadsheet show them; a column is named by its header.

/**
 * Where in a CSV text a problem is: `line 3`, `line 3, column 2`, or `line 3, column 2 (x2)` with the
 * header's name for the column (1-based line and column).
 */
export function csvPlace(line: number, column?: number, columnName?: string): string {
  if (column === undefined) return `line ${line}`;
  return `line ${line}, column ${column}${columnName === undefined ? '' : ` (${columnName})`}`;
}

/** The expected side of the messages, shared by every CSV reader. */
export const csvExpected = {
  /** What a feature cell must hold. */
  number: 'a finite number',
  /** What a row of the wrong width lacked: `3 columns (as in the header)`, or `(as on line 1)` for a file without one. */
  columns: (width: number, header: boolean, firstLine = 1): string => `${width} columns (${header ? 'as in the header' : `as on line ${firstLine}`})`,
} as const;

/** A cell as the actual side of a message: `an empty cell`, or its text in quotes (cut after 40 characters). */
export function describeCell(cell: string): string {
  if (cell === '') return 'an empty cell';
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
}

/**
 * A problem in CSV text at a place: `line`, and the 1-based `column` with its header name (`columnName`)
 * when one cell is at fault. Its `argument` is {@link csvPlace}'s text, so the message reads
 * `line 3, column 2 (x2): expected a finite number, got "abc"`.
 */
export class CsvError extends BackpropError {
  override readonly name: string = 'CsvError';
  constructor(
    code: BackpropErrorCode,
    /** 1-based line the record starts on. */
    readonly line: number,
    /** 1-based column, when one cell is at fault. */
    readonly column: number | undefined,
    /** The header's name of that column, when the text has a header. */
    readonly columnName: string | undefined,
    expected: string,
    actual: string,
    hint?: string,
  ) {
    super(code, csvPlace(line, column, columnName), expected, actual, hint);
  }
}
