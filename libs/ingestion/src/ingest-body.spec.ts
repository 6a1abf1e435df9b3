import fc from 'fast-check';
import { type ParsedBody, parseIngestBody } from './ingest-body';

const texts = (parsed: ParsedBody): [number, string][] => {
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.items.map((item) => [item.index, item.payload.toString('utf8')]);
};

describe('parseIngestBody: NDJSON', () => {
  it('splits lines, skipping blank ones, and numbers the non-empty ones', () => {
    const body = Buffer.from('{"a":1}\n\n{"b":2}\n   \n{"c":3}\n');
    expect(texts(parseIngestBody(body, 'application/x-ndjson'))).toEqual([
      [0, '{"a":1}'],
      [1, '{"b":2}'],
      [2, '{"c":3}'],
    ]);
  });

  it('strips CRLF line endings and skips CRLF-only lines', () => {
    const body = Buffer.from('{"a":1}\r\n\r\n{"b":2}\r\n');
    expect(texts(parseIngestBody(body, 'application/x-ndjson'))).toEqual([
      [0, '{"a":1}'],
      [1, '{"b":2}'],
    ]);
  });

  it('keeps a last line without a newline', () => {
    expect(texts(parseIngestBody(Buffer.from('{"a":1}\n{"b":2}'), 'application/jsonl'))).toEqual([
      [0, '{"a":1}'],
      [1, '{"b":2}'],
    ]);
  });

  it('passes bad lines through as items, each on its own', () => {
    expect(
      texts(parseIngestBody(Buffer.from('{oops\n[1]\n{"a":1}'), 'application/x-ndjson')),
    ).toEqual([
      [0, '{oops'],
      [1, '[1]'],
      [2, '{"a":1}'],
    ]);
  });

  it('keeps the bytes of each line as they are, including invalid UTF-8', () => {
    const body = Buffer.from([0x7b, 0xff, 0x7d, 0x0a, 0x7b, 0x7d]);
    const parsed = parseIngestBody(body, 'application/x-ndjson');
    expect(parsed.ok && parsed.items.map((item) => [...item.payload])).toEqual([
      [0x7b, 0xff, 0x7d],
      [0x7b, 0x7d],
    ]);
  });

  it('gives no items for an empty or blank body', () => {
    expect(parseIngestBody(Buffer.alloc(0), 'application/x-ndjson')).toEqual({
      ok: true,
      items: [],
    });
    expect(parseIngestBody(Buffer.from('\n\r\n \n'), 'application/x-ndjson')).toEqual({
      ok: true,
      items: [],
    });
  });

  it('accepts the media type in any case and with parameters', () => {
    const body = Buffer.from('{"a":1}\n');
    expect(texts(parseIngestBody(body, 'Application/X-NDJSON; charset=utf-8'))).toEqual([
      [0, '{"a":1}'],
    ]);
  });

  it('returns the non-blank lines of any generated NDJSON body, in order', () => {
    const line = fc.oneof(
      fc.constant(''),
      fc.constant('  '),
      fc.json().filter((json) => !json.includes('\n')),
    );
    fc.assert(
      fc.property(
        fc.array(line),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (lines, eol, trailing) => {
          const body = Buffer.from(lines.join(eol) + (trailing ? eol : ''));
          const expected = lines
            .filter((l) => l.trim().length > 0)
            .map((l, i): [number, string] => [i, l]);
          expect(texts(parseIngestBody(body, 'application/x-ndjson'))).toEqual(expected);
        },
      ),
    );
  });
});

describe('parseIngestBody: JSON', () => {
  it('makes one item per element of an array', () => {
    const body = Buffer.from('[{"a":1}, {"b":[2, 3]}, "x", null]');
    expect(texts(parseIngestBody(body, 'application/json'))).toEqual([
      [0, '{"a":1}'],
      [1, '{"b":[2,3]}'],
      [2, '"x"'],
      [3, 'null'],
    ]);
  });

  it('makes one item of a single object', () => {
    expect(texts(parseIngestBody(Buffer.from(' {"a": "b"} '), 'application/json'))).toEqual([
      [0, '{"a":"b"}'],
    ]);
  });

  it('makes no items of an empty array', () => {
    expect(parseIngestBody(Buffer.from('[]'), 'application/json')).toEqual({ ok: true, items: [] });
  });

  it('accepts application/json; charset=utf-8', () => {
    expect(
      texts(parseIngestBody(Buffer.from('[{"a":"ไทย"}]'), 'application/json; charset=utf-8')),
    ).toEqual([[0, '{"a":"ไทย"}']]);
  });

  it('refuses a body that is not valid JSON, whole', () => {
    const parsed = parseIngestBody(Buffer.from('[{"a":1},'), 'application/json');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/^the body is not valid JSON: \S/);
  });

  it('refuses NDJSON sent as application/json', () => {
    expect(parseIngestBody(Buffer.from('{"a":1}\n{"b":2}\n'), 'application/json').ok).toBe(false);
  });
});

describe('parseIngestBody: content type', () => {
  it('refuses an unsupported content type, naming it', () => {
    expect(parseIngestBody(Buffer.from('{}'), 'text/plain; charset=utf-8')).toEqual({
      ok: false,
      error: "unsupported content type 'text/plain'; send application/x-ndjson or application/json",
    });
  });

  it('refuses a missing content type', () => {
    expect(parseIngestBody(Buffer.from('{}'), undefined)).toEqual({
      ok: false,
      error: "unsupported content type ''; send application/x-ndjson or application/json",
    });
  });
});
