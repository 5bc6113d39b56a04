import { CsvError, describeCell } from '@backprop/datasets';

// Numbers as a spreadsheet in a European locale writes them, read as a spreadsheet import would: a file
// separated by semicolons or tabs (what German or French Excel saves) that writes decimal commas (120,5)
// is read in that style throughout, points between thousands included (1.200,50 = 1200.5; 1.200 = 1200).
// A file that mixes the two styles (1.5 beside 3,5) is refused at the cell that breaks its style: reading
// either way would misread some numbers without a word. A comma-separated file is read as written; a
// number with a comma in it (which only quotes allow there) is refused with the reason and the fix.

/** A field of the text: where it is (to rewrite it), its 1-based line and column, and its value. */
interface Cell {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly value: string;
}

/** The fields of CSV text (RFC 4180 quotes, as the parser reads them); stops at a broken quote, which the parser reports. */
function cellsOf(text: string, delimiter: string): Cell[] {
  const cells: Cell[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let column = 1;
  while (i < n) {
    const start = i;
    const at = line;
    let value: string;
    let k = i;
    while (text[k] === ' ' || (text[k] === '\t' && delimiter !== '\t')) k++;
    if (text[k] === '"') {
      const close = /"(?!")/g;
      close.lastIndex = k + 1;
      const m = close.exec(text);
      if (!m) return cells;
      value = text.slice(k + 1, m.index).replace(/""/g, '"');
      line += (value.match(/\n/g) ?? []).length;
      k = m.index + 1;
      while (k < n && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
    } else {
      while (k < n && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
      value = text.slice(i, k).trim();
    }
    cells.push({ start, end: k, line: at, column, value });
    if (text[k] === delimiter) {
      column++;
      i = k + 1;
      continue;
    }
    if (text[k] === '\r') k++;
    if (text[k] === '\n') k++;
    i = k;
    line++;
    column = 1;
  }
  return cells;
}

/** A number with points between groups of three digits, and a decimal comma or none: 1.200,50 · 12.500 (never 0.125). */
const GROUPED = /^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
/** A number with a decimal comma: 3,5 · -0,25 · ,5. */
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
/** A plain number with a decimal point (the parser's form). */
const DECIMAL_POINT = /^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$/;

/** How a cell writes its number: in the comma style, in the point style, or either (1.200) / neither (12, abc). */
function styleOf(value: string): 'comma' | 'point' | 'either' | null {
  if (GROUPED.test(value)) return value.includes(',') ? 'comma' : 'either';
  if (DECIMAL_COMMA.test(value)) return 'comma';
  if (DECIMAL_POINT.test(value)) return 'point';
  return null;
}

/** `line 2, column 1 (price)`: the header's name when the first line is one (it has a cell that is not a number). */
function placeOf(cells: readonly Cell[]): (c: Cell) => [number, number, string | undefined] {
  const first = cells.filter((c) => c.line === cells[0]?.line);
  const header = first.some((c) => c.value !== '' && styleOf(c.value) === null && !/^[+-]?\d+$/.test(c.value));
  return (c) => [c.line, c.column, header ? first[c.column - 1]?.value : undefined];
}

/** The text with its numbers in the parser's form, and what was read differently (for the summary). */
export interface ReadNumbers {
  readonly text: string;
  readonly notes: readonly string[];
}

/**
 * Reads the numbers of a CSV text in the file's own style (see the top of this file). Throws CsvError
 * (naming line, column, value, the reason and the fix) for a file that mixes styles, and for a comma in a
 * number of a comma-separated file.
 */
export function readNumbers(raw: string, delimiter: ',' | ';' | '\t'): ReadNumbers {
  // A minus sign copied from a web page or a word processor (U+2212 −) before a number is a minus.
  const text = raw.replace(/(^|[^\p{L}\p{N}])\u2212(?=\d|[.,]\d)/gmu, '$1-');
  const minus = text === raw ? [] : ['minus signs (−) are read as -'];
  const result = readStyle(text, delimiter);
  return { text: result.text, notes: [...minus, ...result.notes] };
}

function readStyle(text: string, delimiter: ',' | ';' | '\t'): ReadNumbers {
  const cells = cellsOf(text, delimiter);
  const place = placeOf(cells);
  if (delimiter === ',') {
    const bad = cells.find((c) => GROUPED.test(c.value) && c.value.includes(','));
    if (bad) {
      const plain = bad.value.replace(/\./g, '').replace(',', '.');
      throw new CsvError('invalid_argument', ...place(bad), 'a finite number', describeCell(bad.value), `It is written with points between thousands and a decimal comma (${bad.value} = ${Number(plain)}), which the page reads in files separated by semicolons or tabs, as European spreadsheets save them. Save the file with ";" as the delimiter, or write the number as ${plain}`);
    }
    return { text, notes: [] };
  }
  const comma = cells.find((c) => styleOf(c.value) === 'comma');
  if (!comma) return { text, notes: [] };
  const point = cells.find((c) => styleOf(c.value) === 'point');
  if (point) {
    const [odd, other] = point.line > comma.line || (point.line === comma.line && point.column > comma.column) ? [point, comma] : [comma, point];
    const where = (c: Cell) => `line ${c.line}, column ${c.column}`;
    throw new CsvError('invalid_argument', ...place(odd), `a number written as on ${where(other)} (${describeCell(other.value)})`, describeCell(odd.value), `The file writes numbers with a decimal comma in some cells and a decimal point in others, so a number such as 1.200 could mean 1.2 or 1200. Save the file again from one spreadsheet, or write every number one way (3.5 or 3,5)`);
  }
  let out = '';
  let from = 0;
  let grouped = false;
  for (const c of cells) {
    const style = styleOf(c.value);
    if (style !== 'comma' && style !== 'either') continue;
    grouped ||= c.value.includes('.');
    out += `${text.slice(from, c.start)}${c.value.replace(/\./g, '').replace(',', '.')}`;
    from = c.end;
  }
  const notes = ['decimal commas are read as decimal points'];
  if (grouped) notes.push('points between digits are thousands separators (1.200,50 = 1200.5)');
  return { text: out + text.slice(from), notes };
}
