import { EncodedRows, encodeLines } from './row-writer';

const asText = (rows: unknown[]) => encodeLines(rows, (row) => row).toString('utf8');

describe('encodeLines', () => {
  it('writes one JSON value per line, each line ended', () => {
    expect(asText([{ a: 1 }, ['x', null], 'plain'])).toBe('{"a":1}\n["x",null]\n"plain"\n');
  });

  it('is empty for no rows', () => {
    expect(encodeLines([], (row) => row)).toHaveLength(0);
  });

  it('keeps characters of two, three and four bytes whole', () => {
    const rows = [['Hà Nội', 'Bộ Công an'], ['漢字'], ['😀 emoji'], ['\u{10FFFF}']];
    const bytes = encodeLines(rows, (row) => row);
    expect(bytes.toString('utf8')).toBe(rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
    expect(bytes.length).toBe(Buffer.byteLength(bytes.toString('utf8')));
  });

  it('escapes what JSON must escape, lone surrogates included', () => {
    const rows = [['quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800']];
    const text = asText(rows);
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.parse(text.trim())).toEqual(rows[0]);
  });

  it('grows past its first guess without losing or truncating a byte', () => {
    // Far more than the 256 bytes a row is guessed at, and multi-byte, so the buffer must grow.
    const rows = Array.from({ length: 50 }, (_, n) => ({ n, text: 'ễ'.repeat(1000 + n * 300) }));
    const text = asText(rows);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(rows);
  });

  it('takes its values from the function it is given', () => {
    const rows = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ];
    expect(encodeLines(rows, (row) => [row.n, row.id]).toString()).toBe('[1,"a"]\n[2,"b"]\n');
  });
});

describe('EncodedRows', () => {
  const shape = {
    columns: ['id', 'n'] as const,
    valuesOf: (row: { id: string; n: number | null }) => [row.id, row.n],
  };

  it('encodes each row as an array in the order of its columns, as it is added', () => {
    const rows = new EncodedRows(shape);
    expect(rows.count).toBe(0);
    expect(rows.body()).toHaveLength(0);
    rows.add({ id: 'a', n: 1 });
    rows.add({ id: 'Hà Nội', n: null });
    expect(rows.count).toBe(2);
    expect(rows.body().toString('utf8')).toBe('["a",1]\n["Hà Nội",null]\n');
    expect(rows.shape.columns).toEqual(['id', 'n']);
  });

  it('keeps every row when the buffer has to grow many times over', () => {
    const rows = new EncodedRows(shape);
    const added = Array.from({ length: 20_000 }, (_, n) => ({
      id: `id-${n}-${'x'.repeat(n % 50)}`,
      n,
    }));
    for (const row of added) rows.add(row);
    const lines = rows.body().toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(added.map((r) => [r.id, r.n]));
  });
});
