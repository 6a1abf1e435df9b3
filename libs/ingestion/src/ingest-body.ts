/** One item of an HTTP ingest request: its bytes, as a Kafka message would carry them. */
export interface BodyItem {
  index: number;
  payload: Buffer;
}

export type ParsedBody = { ok: true; items: BodyItem[] } | { ok: false; error: string };

/**
 * Splits an ingest request into items. NDJSON: one item per non-empty line, so a bad line
 * is rejected alone. JSON: an array of events (or one event); a body that is not valid JSON
 * cannot be split and is refused whole.
 */
export function parseIngestBody(body: Buffer, contentType: string | undefined): ParsedBody {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  switch (mediaType) {
    case 'application/x-ndjson':
    case 'application/jsonl':
      return { ok: true, items: splitLines(body) };
    case 'application/json':
      return parseJsonBody(body);
    default:
      return {
        ok: false,
        error: `unsupported content type '${mediaType}'; send application/x-ndjson or application/json`,
      };
  }
}

function splitLines(body: Buffer): BodyItem[] {
  const items: BodyItem[] = [];
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf(0x0a, start);
    if (end === -1) end = body.length;
    const line = trimCarriageReturn(body.subarray(start, end));
    if (line.toString('latin1').trim().length > 0)
      items.push({ index: items.length, payload: line });
    start = end + 1;
  }
  return items;
}

function trimCarriageReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 0x0d
    ? line.subarray(0, line.length - 1)
    : line;
}

function parseJsonBody(body: Buffer): ParsedBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `the body is not valid JSON: ${(error as Error).message}` };
  }
  const events = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  return {
    ok: true,
    items: events.map((event, index) => ({
      index,
      payload: Buffer.from(JSON.stringify(event) ?? 'null'),
    })),
  };
}
