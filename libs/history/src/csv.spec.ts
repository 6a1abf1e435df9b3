import { csvField, csvLine } from './csv';

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['', ''],
  ])('writes %j as %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers as they are and null as an empty field', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['T-1', 'MPS.NPD', null, 120, 'a,b'])).toBe('T-1,MPS.NPD,,120,"a,b"\r\n');
  });
});
