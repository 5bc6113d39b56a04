import { CliError } from '../errors.js';

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
 * the model's feature names (`{"x1": 0.5, "x2": -0.2}`, keys in any order). `where` names the source
 * (`stdin line 4`); every problem is a one-line CliError saying what was expected.
 */
export function parseRow(line: string, where: string, schema: RowSchema, format?: 'csv' | 'json', columns?: ColumnMap): number[] {
  const text = line.trim();
  const asJson = format === 'json' || (format === undefined && (text.startsWith('[') || text.startsWith('{')));
  if (asJson) return jsonRow(text, where, schema);
  const cells = cellsOf(text);
  const picked = columns ? columns.map((c) => cells[c] ?? '') : cells;
  if (columns && cells.length < Math.max(...columns) + 1) throw new CliError(`${where}: expected ${Math.max(...columns) + 1} columns (as in the header), got ${cells.length}`);
  if (!columns && cells.length !== schema.width) throw new CliError(`${where}: expected ${schema.width} values (the model's inputs), got ${cells.length}`);
  return picked.map((cell, j) => {
    const v = cell === '' ? Number.NaN : Number(cell);
    if (Number.isFinite(v)) return v;
    const name = schema.features ? ` (${schema.features[j]})` : '';
    const hint =
      !columns && schema.features && !allNumbers(cells) && j === cells.findIndex((c) => !Number.isFinite(Number(c)))
        ? `; a header line must name the model's features: ${featureList(schema.features)}`
        : '';
    throw new CliError(`${where}: value ${j + 1}${name} is not a finite number (${JSON.stringify(cell)})${where.endsWith(' line 1') ? hint : ''}`);
  });
}

function jsonRow(text: string, where: string, schema: RowSchema): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${where}: not valid JSON (${(error as Error).message})`);
  }
  let values: unknown[];
  let names: readonly string[] | undefined;
  if (Array.isArray(parsed)) values = parsed;
  else if (typeof parsed === 'object' && parsed !== null) {
    const row = parsed as Record<string, unknown>;
    if (!schema.features) throw new CliError(`${where}: a JSON object needs the model's feature names, and this model stores none; give the row as an array of ${schema.width} numbers`);
    const unknown = Object.keys(row).filter((k) => !schema.features!.includes(k));
    if (unknown.length > 0) throw new CliError(`${where}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (the model's features: ${featureList(schema.features)})`);
    const missing = schema.features.filter((f) => !(f in row));
    if (missing.length > 0) throw new CliError(`${where}: missing key${missing.length > 1 ? 's' : ''} ${missing.map((k) => JSON.stringify(k)).join(', ')} (the model's features: ${featureList(schema.features)})`);
    names = schema.features;
    values = schema.features.map((f) => row[f]);
  } else throw new CliError(`${where}: expected a JSON array of ${schema.width} numbers or an object keyed by feature name, got ${JSON.stringify(parsed)}`);
  if (values.length !== schema.width) throw new CliError(`${where}: expected ${schema.width} values (the model's inputs), got ${values.length}`);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new CliError(`${where}: ${names ? `"${names[bad]}"` : `value ${bad + 1}`} is not a finite number (${typeof values[bad] === 'number' ? String(values[bad]) : JSON.stringify(values[bad])})`);
  return values as number[];
}
