import { CsvError, describeCell } from './csv-error.js';

// RFC 4180 records: fields split by one delimiter character, records by \n, \r\n or \r; a field in
// double quotes may hold delimiters, newlines and doubled quotes (""). Unquoted fields are trimmed;
// blank lines are skipped. Line numbers are 1-based, as an editor shows them.

/** One record and the line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

const isBlank = (ch: string | undefined, delimiter: string): boolean => (ch === ' ' || ch === '\t') && ch !== delimiter;

/** Splits CSV text into records. Throws `invalid_argument` naming the line for a broken quote. */
export function tokenize(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not data
  let line = 1;
  const atEnd = (k: number): boolean => k >= n || text[k] === delimiter || text[k] === '\n' || text[k] === '\r';
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let k = i;
      while (isBlank(text[k], delimiter)) k++;
      if (text[k] === '"') {
        let value = '';
        k++;
        for (;;) {
          if (k >= n) throw new CsvError('invalid_argument', start, undefined, undefined, 'a closing quote (")', 'the end of the text');
          const ch = text[k]!;
          if (ch === '"') {
            if (text[k + 1] !== '"') break;
            value += '"';
            k += 2;
          } else {
            if (ch === '\n') line++;
            value += ch;
            k++;
          }
        }
        k++; // the closing quote
        while (isBlank(text[k], delimiter)) k++;
        if (!atEnd(k)) {
          throw new CsvError('invalid_argument', line, undefined, undefined, 'a delimiter or the end of the line after a closing quote', describeCell(text[k]!));
        }
        fields.push(value);
      } else {
        k = i;
        while (!atEnd(k)) k++;
        fields.push(text.slice(i, k).trim());
      }
      i = k;
      if (text[i] !== delimiter) break;
      i++;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
  }
  return records;
}
