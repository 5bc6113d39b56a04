import { expect, test } from 'vitest';
import { checkCsv } from './csv-check.js';
import { decodeCsvBytes } from './csv-file.js';

const bytes = (s: string, encoding: BufferEncoding) => new Uint8Array(Buffer.from(s, encoding));

test('a Windows-1252 file (Excel on Windows) keeps its umlauts and says how it was read; UTF-8 reads as it is', () => {
  const r = decodeCsvBytes('preise.csv', bytes('Fläche;Zimmer;Klasse\n120,5;3;teuer\n80;2;billig\n', 'latin1'));
  expect(r.ok && r.text.split('\n')[0]).toBe('Fläche;Zimmer;Klasse');
  expect(r.ok && r.note).toMatch(/Windows-1252/);
  const d = r.ok ? checkCsv(r.text) : null;
  expect(d?.ok).toBe(true);
  const utf8 = decodeCsvBytes('preise.csv', bytes('Fläche;Klasse\n1;a\n', 'utf8'));
  expect(utf8).toEqual({ ok: true, text: 'Fläche;Klasse\n1;a\n' });
});

test('UTF-16 with its byte-order mark (Excel\'s "Unicode text") is decoded', () => {
  const r = decodeCsvBytes('u.csv', new Uint8Array([0xff, 0xfe, ...Buffer.from('x1\tx2\tlabel\r\n1\t2\ta\r\n', 'utf16le')]));
  expect(r.ok && r.text).toBe('x1\tx2\tlabel\r\n1\t2\ta\r\n');
});

test('a workbook is refused with what to do, by its name or its zip / OLE signature', () => {
  for (const [name, head] of [['book.xlsx', [0x50, 0x4b, 0x03, 0x04]], ['data.csv', [0x50, 0x4b, 0x03, 0x04]], ['old.xls', [0xd0, 0xcf, 0x11, 0xe0]], ['sheet.ods', [1, 2, 3]]] as const) {
    const r = decodeCsvBytes(name, new Uint8Array([...head, 0, 0, 0]));
    expect(!r.ok && r.message, name).toMatch(/^it is a spreadsheet workbook, not a CSV file: .* save the sheet as CSV/);
  }
});
