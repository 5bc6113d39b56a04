// A chosen or dropped data file as text, read as a spreadsheet user's file is: UTF-8 (with or without its
// byte-order mark), UTF-16 with its mark (Excel's "Unicode text"), else Windows-1252, which Excel on Windows
// writes for "CSV (comma delimited)" (Fläche would come out as Fl�che read as UTF-8). A workbook (.xlsx,
// .xls, .ods) is not CSV: it is refused with what to do, not parsed as one column of binary.

/** The file's text and what was read differently (for the summary), or why it cannot be read as CSV. */
export type CsvFileText = { readonly ok: true; readonly text: string; readonly note?: string } | { readonly ok: false; readonly message: string };

const WORKBOOK_NAME = /\.(xlsx|xlsm|xls|ods|numbers)$/i;
const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);

/** True for a spreadsheet workbook, by its name or its first bytes (a zip archive: .xlsx, .ods; an OLE file: .xls). */
export function isWorkbook(name: string, bytes: Uint8Array): boolean {
  return WORKBOOK_NAME.test(name) || startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);
}

/** Decodes a data file's bytes (see the top of this file). */
export function decodeCsvBytes(name: string, bytes: Uint8Array): CsvFileText {
  if (isWorkbook(name, bytes)) {
    return { ok: false, message: 'it is a spreadsheet workbook, not a CSV file: open it in its spreadsheet program and save the sheet as CSV (in Excel: File › Save As › CSV UTF-8), then choose that .csv file' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes) };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), note: 'its text is read as Windows-1252 (what Excel on Windows saves as CSV), as it is not UTF-8' };
  }
}

/** Reads a chosen or dropped file as {@link decodeCsvBytes} does. */
export async function readCsvFile(file: File): Promise<CsvFileText> {
  return decodeCsvBytes(file.name, new Uint8Array(await file.arrayBuffer()));
}
