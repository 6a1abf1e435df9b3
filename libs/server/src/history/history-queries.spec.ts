import { encodeCursor } from '@datashare/history';
import { parseQuery } from '../http/parse-query';
import { auditLogQuery, historyExportQuery, historyPageQuery } from './history-queries';

const range = { from: '2026-03-01T00:00:00+07:00', to: '2026-03-08T00:00:00+07:00' };
const fromMs = Date.UTC(2026, 1, 28, 17);
const toMs = Date.UTC(2026, 2, 7, 17);

describe('history queries', () => {
  const page = historyPageQuery(31);

  it('reads a page query with its defaults: newest first, 100 items, no cursor', () => {
    expect(parseQuery(page, { ...range })).toEqual({
      fromMs,
      toMs,
      filters: {},
      order: 'desc',
      limit: 100,
      after: undefined,
    });
  });

  it('keeps the filters given, the subject as its identifier (the service pseudonymizes it)', () => {
    const cursor = encodeCursor({
      occurredAtMs: fromMs + 5,
      transactionId: 'TX-1',
      reportedBy: 'consumer',
      platform: 'NDXP',
      consumer: 'PROV-01.PORTAL',
      provider: 'MPS.NPD',
    });
    const parsed = parseQuery(page, {
      ...range,
      provider: 'MPS.NPD',
      subjectId: '079112345678',
      outcome: 'failure',
      order: 'asc',
      limit: '7',
      cursor,
    });
    expect(parsed.filters).toEqual({
      provider: 'MPS.NPD',
      subjectId: '079112345678',
      outcome: 'failure',
    });
    expect([parsed.order, parsed.limit, parsed.after?.transactionId]).toEqual(['asc', 7, 'TX-1']);
  });

  it.each([
    [{ ...range, to: '2026-04-01T00:00:01+07:00' }, 'to: must be at most 31 days after from'],
    [{ from: range.to, to: range.from }, 'from: must be before to'],
    [{ ...range, limit: '0' }, 'limit: must be a whole number from 1 to 1000'],
    [{ ...range, cursor: 'bm90LWEtY3Vyc29y' }, 'cursor: is not a cursor this API gave out'],
    [{ ...range, consumer: "a' OR 1=1" }, 'consumer: must be 1 to 64 characters'],
    [{ ...range, format: 'csv' }, 'unknown parameter format'],
    [{ ...range, from: [range.from, range.from] }, 'from: must be given once: an RFC 3339'],
    [{ ...range, cursor: ['a', 'b'] }, 'cursor: must be given once'],
    [
      { ...range, from: '2026-03-01T00:00:00 07:00' },
      "from: must be an RFC 3339 date and time with Z or an offset (encode '+' as %2B in a URL)",
    ],
  ])('refuses %j', (query, message) => {
    expect(() => parseQuery(page, query)).toThrow(message);
  });

  it('allows an export its own, longer range, and a format', () => {
    const exportQuery = historyExportQuery(366);
    const year = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', format: 'ndjson' };
    expect(parseQuery(exportQuery, year)).toMatchObject({ format: 'ndjson', order: 'desc' });
    expect(() => parseQuery(exportQuery, { ...year, format: 'xlsx' })).toThrow(
      'format: must be csv or ndjson',
    );
    expect(() => parseQuery(exportQuery, { ...year, limit: '5' })).toThrow(
      'unknown parameter limit',
    );
  });

  it('reads the audit-log query, whose range is optional', () => {
    expect(parseQuery(auditLogQuery, {})).toEqual({ limit: 100 });
    expect(
      parseQuery(auditLogQuery, {
        principal: 'inspector.nguyen (os user root)',
        transactionId: 'NDXP-1',
        subjectId: '079112345678',
      }),
    ).toEqual({
      limit: 100,
      principal: 'inspector.nguyen (os user root)',
      transactionId: 'NDXP-1',
      subjectId: '079112345678',
    });
    expect(() => parseQuery(auditLogQuery, { principal: 'ops\u0000' })).toThrow(
      'principal: must be 1 to 256 characters without control characters',
    );
    expect(() => parseQuery(auditLogQuery, { transactionId: 'T 1' })).toThrow(
      'transactionId: must be 1 to 128 characters',
    );
    expect(() => parseQuery(auditLogQuery, { from: range.to, to: range.from })).toThrow(
      'from: must be before to',
    );
  });
});
