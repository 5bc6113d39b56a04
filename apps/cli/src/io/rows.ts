import { CsvError, csvExpected, csvPlace, describeCell } from '@backprop/datasets';
import { CliError } from '../errors.js';

/**
 * A bad input row: where it is (`source` and 1-based `line`, and the 1-based `column` or JSON `key` when
 * one value is at fault), what was expected and what was there. Exit code 1, as other bad data.
 * The message reads `rows.csv line 3, column 2 (x2): expected a finite number, got "x"`.
 */
export class RowError extends CliError {
  override readonly name: string = 'RowError';
  readonly source: string;
  readonly line: number;
  /** 1-based column of a CSV row or position in a JSON array; undefined for a JSON object's key or a whole-row problem. */
  readonly column: number | undefined;
  /** The model's name for the input at fault (a JSON object's key), when it stores feature names. */
  readonly feature: string | undefined;
  constructor(
    at: RowPlace,
    readonly expected: string,
    readonly actual: string,
    cell: { readonly column?: number | undefined; readonly feature?: string | undefined } = {},
    hint?: string,
  ) {
    // A CSV place in @backprop/datasets' words (csvPlace), so parseCSV's message and this one are the same text.
    const place = cell.column === undefined && cell.feature !== undefined ? `line ${at.line}, key "${cell.feature}"` : csvPlace(at.line, cell.column, cell.feature);
    super(`${at.source} ${place}: expected ${expected}, got ${actual}${hint ? `. ${hint}` : ''}`);
    this.source = at.source;
    this.line = at.line;
    this.column = cell.column;
    this.feature = cell.feature;
  }
}

/** Where a row comes from: the source's name (`stdin`, a path) and the 1-based line. */
export interface RowPlace {
  readonly source: string;
  readonly line: number;
}

/** What a row must give: `width` numbers, and the model's feature names when it stores them. */
export interface RowSchema {
  readonly width: number;
  readonly features?: readonly string[] | undefined;
}

/** How to read the cells of a CSV line: column j of the model ← cell `columns[j]` (from a header). */
export type ColumnMap = readonly number[];

const cellsOf = (text: string) => text.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
const featureList = (features: readonly string[]) => (features.length > 8 ? `${features.slice(0, 8).join(', ')}, … (${features.length} in all)` : features.join(', '));

/** True when every cell of a CSV line is a finite number. */
function allNumbers(cells: readonly string[]): boolean {
  return cells.every((cell) => cell !== '' && Number.isFinite(Number(cell)));
}

/**
 * A first CSV line is a header only when it cannot be numbers *and* names every one of the model's
 * features (in any order, other columns allowed): then it returns where each feature is. Anything else
 * (`0.5 1`, `NaN,1`, `1e400,1`, or names the model does not know) is data, and fails as data does.
 */
export function headerColumns(line: string, schema: RowSchema): ColumnMap | undefined {
  const text = line.trim();
  if (text.startsWith('[') || text.startsWith('{') || !schema.features) return undefined;
  const cells = cellsOf(text);
  if (allNumbers(cells)) return undefined;
  const columns = schema.features.map((name) => cells.indexOf(name));
  return columns.every((c) => c >= 0) ? columns : undefined;
}

/**
 * One input row from a line of CSV (`0.5,-0.2`), a JSON array (`[0.5, -0.2]`) or a JSON object mapped by
 * the model's feature names (`{"x1": 0.5, "x2": -0.2}`, keys in any order). `at` names the source and
 * line; every problem is a {@link RowError} saying where, what was expected and what was there.
 */
export function parseRow(line: string, at: RowPlace, schema: RowSchema, format?: 'csv' | 'json', columns?: ColumnMap, headerWidth?: number): number[] {
  const text = line.trim();
  const asJson = format === 'json' || (format === undefined && (text.startsWith('[') || text.startsWith('{')));
  if (asJson) return jsonRow(text, at, schema);
  const cells = cellsOf(text);
  const picked = columns ? columns.map((c) => cells[c] ?? '') : cells;
  // A row of another width than the header is ragged CSV: its cells may not be under the header's names.
  const width = headerWidth ?? (columns ? Math.max(...columns) + 1 : 0);
  if (columns && (headerWidth === undefined ? cells.length < width : cells.length !== width)) throw new RowError(at, csvExpected.columns(width, true), String(cells.length));
  if (!columns && cells.length !== schema.width) throw new RowError(at, `${schema.width} columns (the model's inputs)`, String(cells.length));
  return picked.map((cell, j) => {
    const v = cell === '' ? Number.NaN : Number(cell);
    if (Number.isFinite(v)) return v;
    const hint =
      // Only for a line that looks like a header (half its cells or more are not numbers), not for a typo in a row.
      !columns && schema.features && cells.filter((c) => c === '' || !Number.isFinite(Number(c))).length * 2 >= cells.length && j === cells.findIndex((c) => !Number.isFinite(Number(c))) && at.line === 1
        ? ` (a header line must name the model's features: ${featureList(schema.features)})`
        : '';
    throw new RowError(at, csvExpected.number, `${describeCell(cell)}${hint}`, { column: (columns ? columns[j]! : j) + 1, feature: schema.features?.[j] });
  });
}

function jsonRow(text: string, at: RowPlace, schema: RowSchema): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RowError(at, 'valid JSON', `a parse error (${(error as Error).message})`);
  }
  const keys = (list: readonly string[]) => `key${list.length > 1 ? 's' : ''} ${list.map((k) => JSON.stringify(k)).join(', ')}`;
  let values: unknown[];
  let names: readonly string[] | undefined;
  if (Array.isArray(parsed)) values = parsed;
  else if (typeof parsed === 'object' && parsed !== null) {
    const row = parsed as Record<string, unknown>;
    if (!schema.features) throw new RowError(at, `an array of ${schema.width} numbers (this model stores no feature names to read a JSON object by)`, 'a JSON object');
    const expected = `the model's features as keys: ${featureList(schema.features)}`;
    const unknown = Object.keys(row).filter((k) => !schema.features!.includes(k));
    if (unknown.length > 0) throw new RowError(at, expected, `the unknown ${keys(unknown)}`);
    const missing = schema.features.filter((f) => !(f in row));
    if (missing.length > 0) throw new RowError(at, expected, `no ${keys(missing)}`);
    names = schema.features;
    values = schema.features.map((f) => row[f]);
  } else throw new RowError(at, `a JSON array of ${schema.width} numbers or an object keyed by feature name`, JSON.stringify(parsed));
  if (values.length !== schema.width) throw new RowError(at, `${schema.width} values (the model's inputs)`, String(values.length));
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad < 0) return values as number[];
  const actual = typeof values[bad] === 'number' ? String(values[bad]) : JSON.stringify(values[bad]) ?? 'undefined';
  throw new RowError(at, 'a finite number', actual, names ? { feature: names[bad] } : { column: bad + 1, feature: schema.features?.[bad] });
}

/**
 * A data file's CSV problem (a {@link CsvError} from `@backprop/datasets`' parseCSV) as the same {@link RowError}
 * predict reports: parseCSV words it as predict does (1-based column, its header name, `a finite number`,
 * `N columns (as in the header)`), so only the file's name is added. Other errors (no rows, a bad --label) come back as undefined.
 */
export function csvRowError(source: string, error: unknown): RowError | undefined {
  if (!(error instanceof CsvError)) return undefined;
  return new RowError({ source, line: error.line }, error.expected, error.actual, { column: error.column, feature: error.columnName }, error.hint);
}
