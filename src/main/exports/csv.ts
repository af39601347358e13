/**
 * CSV as RFC 4180 writes it and spreadsheets read it safely:
 * - every record ends in CRLF; a cell holding a comma, a double quote, CR or LF is quoted, its quotes
 *   doubled (a lone LF is quoted too: a spreadsheet would otherwise start a new row there);
 * - UTF-8 with a byte-order mark: without it Excel reads a CSV in the machine's legacy code page and
 *   turns "Données" or "日本" into mojibake; LibreOffice, Numbers, Python (utf-8-sig) and most parsers
 *   skip the mark;
 * - formula injection (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, tab or CR is
 *   one a spreadsheet may run as a formula (`=HYPERLINK(…)` leaks data on a click, `=cmd|…` ran
 *   programs in old Excel). Such a cell is written with a leading `'`, which spreadsheets read as
 *   "this is text". The full-width forms (＝ ＋ － ＠) are treated alike: some spreadsheets fold them
 *   to their ASCII forms. The JSON export keeps every value exactly as it is.
 */

export const CSV_BOM = '\ufeff';
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, protected against formula injection, then quoted if RFC 4180 requires it. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: the header row, then one record per row, each ending in CRLF, after the BOM. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`A CSV row has ${row.length} cells for ${header.length} columns`);
    lines.push(row.map(csvCell).join(','));
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
