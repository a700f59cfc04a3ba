import { describe, expect, it } from '@jest/globals';
import { leafPaths, neutraliseFormula, toCsv, valueAtPath } from './csv.util.js';

describe('CSV helpers', () => {
  it('names nested leaves with dots, in key order', () => {
    expect(leafPaths({ a: 1, b: { c: 2, d: { e: null } }, f: null })).toEqual(['a', 'b.c', 'b.d.e', 'f']);
  });

  it('reads a dotted path, and undefined past a null or missing step', () => {
    const value = { a: { b: 3 }, n: null };
    expect(valueAtPath(value, 'a.b')).toBe(3);
    expect(valueAtPath(value, 'n.b')).toBeUndefined();
    expect(valueAtPath(value, 'x.y')).toBeUndefined();
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutraliseFormula('+39 051')).toBe(`'+39 051`);
    expect(neutraliseFormula('-1')).toBe(`'-1`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('Officine Rossi')).toBe('Officine Rossi');
  });

  it('writes a header and rows with CRLF, empty cells for null, quotes where needed, numbers as they are', () => {
    expect(
      toCsv(
        ['key', 'label', 'value'],
        [
          ['a', 'Rossi, Bianchi & "soci"', 0.5],
          [null, '=1+1', -3],
        ],
      ),
    ).toBe('key,label,value\r\na,"Rossi, Bianchi & ""soci""",0.5\r\n,\'=1+1,-3\r\n');
  });
});
