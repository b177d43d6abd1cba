// CSV for spreadsheets: quoting by RFC 4180 and no formulas (a cell starting with = + - @ runs in Excel).
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../server/export/csv.ts';

describe('CSV cells', () => {
  it('quotes separators, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('gewoon')).toBe('gewoon');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('zei "nee"')).toBe('"zei ""nee"""');
    expect(csvCell('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","klik")')).toBe(`"'=HYPERLINK(""http://x"",""klik"")"`);
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('a file: byte order mark, header, CRLF rows', () => {
    expect(toCsv(['A', 'B'], [['1', '=2']])).toBe("\uFEFFA;B\r\n1;'=2\r\n");
  });
});
