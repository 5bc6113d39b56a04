import { type Dataset, parseCSV } from '@backprop/datasets';
import { readNumbers } from './csv-numbers.js';

// What spreadsheets write, read as their users mean it. A page visitor cannot pass parser options, so the
// page reads what Excel and LibreOffice write in their users' locales: a `sep=;` first line (Excel's note of
// the delimiter), decimal commas in a semicolon- or tab-separated file (German or French Excel: 120,5;3;teuer),
// points between thousands (1.200,50) in such a file, and a delimiter at the end of every line (an empty
// last column). Each adjustment is said in the summary; a file that mixes number styles is refused (csv-numbers.ts).

/** The parse of a page CSV, and what was adjusted to read it. */
export interface PageCsv {
  readonly data: Dataset;
  /** What the page read differently from the plain text, in words (empty when nothing). */
  readonly notes: readonly string[];
}

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter of a pasted CSV: of comma, semicolon and tab, the one its header line holds most (a
 * comma on a tie). A web visitor cannot pass parser options, so the page finds it as a spreadsheet would.
 */
export function detectDelimiter(text: string): Delimiter {
  const first = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const count = (d: string) => first.split(d).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best), DELIMITERS[0]);
}

const SEP_LINE = /^\uFEFF?sep=([,;\t])[ \t]*(\r\n|\n|\r)/;

/** Parses a CSV the page was given (last column = label), after the adjustments above. */
export function parsePageCsv(raw: string): PageCsv {
  const notes: string[] = [];
  let text = raw;
  let delimiter: Delimiter;
  const sep = SEP_LINE.exec(text);
  if (sep) {
    delimiter = sep[1] as Delimiter;
    text = text.slice(sep[0].length);
    notes.push(`its first line "sep=${sep[1] === '\t' ? '\\t' : sep[1]}" names the delimiter`);
  } else delimiter = detectDelimiter(text);
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  if (lines.length > 0 && lines.every((l) => l.endsWith(delimiter))) {
    text = text.replace(new RegExp(`${delimiter === '\t' ? '\\t' : delimiter}[ \\t]*(?=\\r\\n|\\n|\\r|$)`, 'g'), '');
    notes.push('every line ends with a delimiter: the empty last column is left out');
  }
  const numbers = readNumbers(text, delimiter);
  notes.push(...numbers.notes);
  return { data: parseCSV(numbers.text, { delimiter }), notes };
}
