/**
 * CSV as RFC 4180 writes it and spreadsheets read it safely:
 * - every record ends in CRLF; a cell holding a comma, a double quote, CR or LF is quoted, its quotes
 *   doubled (a lone LF is quoted too: a spreadsheet would otherwise start a new row there);
 * - a cell holding `;` or a tab, or starting or ending with whitespace, is quoted as well: Excel in
 *   locales whose list separator is `;` (de-DE, fr-FR) splits there, and importers may trim;
 * - UTF-8 with a byte-order mark: without it Excel reads a CSV in the machine's legacy code page and
 *   turns "Données" or "日本" into mojibake; LibreOffice, Numbers, Python (utf-8-sig) and most parsers
 *   skip the mark;
 * - formula injection (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@` (after any
 *   whitespace, which importers may trim), tab, CR or NUL (ASVS 5.0, 1.2.10) is one a spreadsheet may
 *   run as a formula (`=HYPERLINK(…)` leaks data on a click, `=cmd|…` ran programs in old Excel). Such
 *   a cell is written with a `'` before that character, which spreadsheets read as "this is text". The
 *   full-width forms (＝ ＋ － ＠) are treated alike: some spreadsheets fold them to their ASCII forms.
 * - A cell is not always read as one cell: a reader splitting at `;` (those locales), at tabs (a paste
 *   or a TSV import) or at line breaks (one that ignores quotes) starts a new cell after each of them,
 *   and quotes protect it only where the reader's cell starts with the quote — so a name like
 *   `x;=cmd|' /C calc'!A0` in any column but the first would still reach a cell starting with `=`.
 *   So the same `'` also goes before a formula character that follows `;`, tab, CR or LF (after any
 *   whitespace or quotes). Every reader then sees text; the CSV shows that `'` in the middle of such a
 *   value, and the JSON export keeps every value exactly as it is.
 */

export const CSV_BOM = '\ufeff';
/** A formula's first character (ASCII and full-width). */
const FORMULA = '=+\\-@\\uff1d\\uff0b\\uff0d\\uff20';
/** At the start of a cell: OWASP's and ASVS's control characters, whatever follows them. */
const CONTROL_START = /^[\t\r\0]/;
/**
 * Where any reader may start a cell (the cell's start, or after `;`, tab, CR, LF), then whitespace or
 * quotes it may drop, then a formula character: the `'` goes right before that character.
 */
const FORMULA_AT_CELL_START = new RegExp(`(^|[;\\t\\r\\n])([\\s"]*)(?=[${FORMULA}])`, 'g');
const NEEDS_QUOTES = /[",;\t\r\n]|^\s|\s$/;
/** Whatever the rules above might change; a cell without any of it (most: ids, dates, names) is written as it is. */
const MAY_NEED_CARE = new RegExp(`^[\\s"\\0${FORMULA}]|[",;\\t\\r\\n]|\\s$`);

/** One cell, protected against formula injection, then quoted if any reader needs it quoted. */
export function csvCell(value: string): string {
  if (!MAY_NEED_CARE.test(value)) return value;
  const guarded = (CONTROL_START.test(value) ? `'${value}` : value).replace(FORMULA_AT_CELL_START, "$1$2'");
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One record with its CRLF; a row whose cell count differs from the header's is a bug, refused. */
export function csvRecord(row: readonly string[], columns: number): string {
  if (row.length !== columns) throw new Error(`A CSV row has ${row.length} cells for ${columns} columns`);
  return `${row.map(csvCell).join(',')}\r\n`;
}

/**
 * A whole file, in chunks (the BOM and the header row, then one chunk per batch of rows), so a large
 * export is written as it is produced and never held whole in memory.
 */
export async function* csvChunks(header: readonly string[], batches: AsyncIterable<readonly (readonly string[])[]>): AsyncGenerator<string, void, undefined> {
  yield `${CSV_BOM}${csvRecord(header, header.length)}`;
  for await (const rows of batches) {
    let chunk = '';
    for (const row of rows) chunk += csvRecord(row, header.length);
    if (chunk !== '') yield chunk;
  }
}

/** A whole file as one string: the header row, then one record per row, each ending in CRLF, after the BOM. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  let text = `${CSV_BOM}${csvRecord(header, header.length)}`;
  for (const row of rows) text += csvRecord(row, header.length);
  return text;
}
