import { CsvParser, parseCsv } from './csv-parser';

describe('CsvParser', () => {
  it('parses quoted fields with delimiters, doubled quotes and line breaks', () => {
    const records = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\nlast,,\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 4, fields: ['last', '', ''] },
    ]);
  });

  it('detects ";" from the header, strips a byte-order mark and skips blank lines', () => {
    expect(parseCsv('\ufeffa;b\n1,5;2\n\n3;4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1,5', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', () => {
    const text = 'h1;h2\r\n"a;""b""\r\nc";d\r\ne;f';
    const whole = parseCsv(text);
    for (let size = 1; size < text.length; size++) {
      const parser = new CsvParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
      out.push(...parser.end());
      expect(out).toEqual(whole);
    }
  });

  it('reports a file that ends inside quotes', () => {
    const parser = new CsvParser(',');
    parser.push('a\n"open');
    parser.end();
    expect(parser.unterminatedQuote).toBe(true);
  });
});
