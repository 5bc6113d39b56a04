import { CliError } from '../errors.js';

/** One input row from a line of CSV (`0.5,-0.2`) or JSON (`[0.5, -0.2]` or `{"x1": 0.5, "x2": -0.2}`). */
export function parseRow(line: string, lineNo: number, width: number, format?: 'csv' | 'json'): number[] {
  const text = line.trim();
  const asJson = format === 'json' || (format === undefined && (text.startsWith('[') || text.startsWith('{')));
  let values: unknown[];
  let cells: string[] | undefined;
  if (asJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new CliError(`stdin line ${lineNo}: not valid JSON (${(error as Error).message})`);
    }
    values = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? Object.values(parsed) : [parsed];
  } else {
    cells = text.split(/[,;\t]/).map((cell) => cell.trim());
    values = cells.map((cell) => (cell === '' ? Number.NaN : Number(cell)));
  }
  if (values.length !== width) throw new CliError(`stdin line ${lineNo}: expected ${width} values (the model's inputs), got ${values.length}`);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new CliError(`stdin line ${lineNo}: value ${bad + 1} is not a finite number (${cells ? JSON.stringify(cells[bad]) : JSON.stringify(values[bad])})`);
  return values as number[];
}

/** True for a CSV header line (some cell is not a number); only the first line may be one. */
export function isHeader(line: string): boolean {
  const t = line.trim();
  if (t.startsWith('[') || t.startsWith('{')) return false;
  return t.split(/[,;\t]/).some((cell) => cell.trim() !== '' && !Number.isFinite(Number(cell.trim())));
}
