import fc from 'fast-check';
import {
  type AccessLogRecord,
  CHAIN_START,
  type ChainedAccessLogRecord,
  chainAccessLogRecord,
  hashAccessLogRecord,
  verifyAccessLogChain,
} from './access-log-chain';

const record = (n: number, filters: Record<string, string> = {}): AccessLogRecord => ({
  at: Date.UTC(2026, 10, 22, 10, 0, n),
  principal: 'audit-team',
  role: 'auditor',
  endpoint: 'GET /api/v1/transactions',
  filters,
  rows: n,
});

function chain(records: readonly AccessLogRecord[]): ChainedAccessLogRecord[] {
  const out: ChainedAccessLogRecord[] = [];
  for (const r of records) out.push(chainAccessLogRecord(r, out.at(-1)?.hash ?? CHAIN_START));
  return out;
}

describe('the access-log chain', () => {
  it('links each entry to the one before and verifies whole', () => {
    const entries = chain([record(1), record(2, { provider: 'MPS.NPD' }), record(3)]);
    expect(entries[0]?.previousHash).toBe('');
    expect(entries[1]?.previousHash).toBe(entries[0]?.hash);
    expect(entries[2]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyAccessLogChain(entries)).toEqual({ ok: true, entries: 3 });
    expect(verifyAccessLogChain([])).toEqual({ ok: true, entries: 0 });
  });

  it('hashes filters whatever their order', () => {
    expect(hashAccessLogRecord(record(1, { a: '1', b: '2' }), '')).toBe(
      hashAccessLogRecord(record(1, { b: '2', a: '1' }), ''),
    );
  });

  it('names the first entry edited, removed or inserted', () => {
    const entries = chain([record(1), record(2), record(3), record(4)]);
    const edited = entries.map((e, i) => (i === 2 ? { ...e, rows: 999 } : e));
    expect(verifyAccessLogChain(edited)).toMatchObject({ ok: false, index: 2, reason: 'hash' });
    const removed = entries.filter((_, i) => i !== 1);
    expect(verifyAccessLogChain(removed)).toMatchObject({ ok: false, index: 1, reason: 'link' });
    const forged = chainAccessLogRecord(record(9), entries[1]?.hash ?? '');
    const inserted = [...entries.slice(0, 2), forged, ...entries.slice(2)];
    expect(verifyAccessLogChain(inserted)).toMatchObject({ ok: false, index: 3, reason: 'link' });
  });

  it('finds any single change at exactly its entry (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom('rows', 'principal', 'endpoint', 'filters'),
        (rows, pick, field) => {
          const entries = chain(rows.map((n) => record(n, { consumer: `C-${n}` })));
          const index = pick % entries.length;
          const entry = entries[index] as ChainedAccessLogRecord;
          const changed: ChainedAccessLogRecord = {
            ...entry,
            ...(field === 'rows' ? { rows: entry.rows + 1 } : {}),
            ...(field === 'principal' ? { principal: `${entry.principal}x` } : {}),
            ...(field === 'endpoint' ? { endpoint: `${entry.endpoint}x` } : {}),
            ...(field === 'filters' ? { filters: { consumer: 'other' } } : {}),
          };
          const tampered = entries.map((e, i) => (i === index ? changed : e));
          expect(verifyAccessLogChain(tampered)).toMatchObject({ ok: false, index });
        },
      ),
    );
  });
});
