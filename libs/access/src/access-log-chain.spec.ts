import fc from 'fast-check';
import {
  AccessLogVerifier,
  type AccessLogRecord,
  CHAIN_START,
  type ChainedAccessLogRecord,
  chainAccessLogRecord,
  genesisLink,
  hashAccessLogRecord,
  linkAfter,
  verifyAccessLogChain,
} from './access-log-chain';

const record = (n: number, filters: Record<string, string> = {}): AccessLogRecord => ({
  at: Date.UTC(2026, 10, 22, 10, 0, n),
  principal: 'audit-team',
  roles: ['auditor'],
  endpoint: 'GET /api/v1/transactions',
  filters,
  rows: n,
});

/** One writer's chain, anchored to `anchor` (or starting an empty log). */
function chain(
  records: readonly AccessLogRecord[],
  chainId = 'A',
  anchor: ChainedAccessLogRecord | null = null,
): ChainedAccessLogRecord[] {
  const out: ChainedAccessLogRecord[] = [];
  for (const r of records) {
    const last = out.at(-1);
    out.push(chainAccessLogRecord(r, last ? linkAfter(last) : genesisLink(chainId, anchor)));
  }
  return out;
}

describe('the access-log chain', () => {
  it('links each entry to the one before and verifies whole', () => {
    const entries = chain([record(1), record(2, { provider: 'MPS.NPD' }), record(3)]);
    expect(entries[0]).toMatchObject({ seq: 0, previousHash: CHAIN_START, previousAt: null });
    expect(entries[1]).toMatchObject({ seq: 1, previousHash: entries[0]?.hash });
    expect(entries[2]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyAccessLogChain(entries)).toEqual({ ok: true, entries: 3 });
    expect(verifyAccessLogChain([])).toEqual({ ok: true, entries: 0 });
  });

  it('hashes filters whatever their order', () => {
    const link = genesisLink('A', null);
    expect(hashAccessLogRecord(record(1, { a: '1', b: '2' }), link)).toBe(
      hashAccessLogRecord(record(1, { b: '2', a: '1' }), link),
    );
  });

  it('names the first entry edited, removed or inserted', () => {
    const entries = chain([record(1), record(2), record(3), record(4)]);
    const edited = entries.map((e, i) => (i === 2 ? { ...e, rows: 999 } : e));
    expect(verifyAccessLogChain(edited)).toMatchObject({ ok: false, index: 2, reason: 'hash' });
    const removed = entries.filter((_, i) => i !== 1);
    expect(verifyAccessLogChain(removed)).toMatchObject({ ok: false, index: 1, reason: 'link' });
    const forged = chainAccessLogRecord(record(9), linkAfter(entries[1] as ChainedAccessLogRecord));
    const inserted = [...entries.slice(0, 2), forged, ...entries.slice(2)];
    expect(verifyAccessLogChain(inserted)).toMatchObject({ ok: false, index: 3, reason: 'link' });
    const firstRemoved = entries.slice(1);
    expect(verifyAccessLogChain(firstRemoved)).toMatchObject({ ok: false, index: 0 });
  });

  it('keeps several writers’ chains, each anchored to the log as it was', () => {
    const a = chain([record(1), record(2)], 'A');
    const b = chain([record(3), record(4)], 'B', a[1]);
    expect(b[0]?.previousHash).toBe(a[1]?.hash);
    expect(verifyAccessLogChain([...a, ...b])).toEqual({ ok: true, entries: 4 });
    // Chain A removed whole: B's anchor is gone.
    expect(verifyAccessLogChain(b)).toMatchObject({ ok: false, index: 0, reason: 'anchor' });
  });

  it('starts from the oldest kept entry when older ones expired, and only then', () => {
    const a = chain([record(1), record(2), record(3)], 'A');
    const b = chain([record(4)], 'B', a[0]);
    const kept = [...a.slice(2), ...b];
    const expiredBefore = (a[1] as ChainedAccessLogRecord).at + 1;
    expect(verifyAccessLogChain(kept, expiredBefore)).toEqual({ ok: true, entries: 2 });
    expect(verifyAccessLogChain(kept, expiredBefore - 1)).toMatchObject({
      ok: false,
      index: 0,
      reason: 'link',
    });
  });

  it('verifies as a stream, entry by entry, with the same verdicts', () => {
    const entries = chain([record(1), record(2), record(3)]);
    const verifier = new AccessLogVerifier(0);
    expect(entries.map((e) => verifier.check(e))).toEqual([null, null, null]);
    const edited = new AccessLogVerifier(0);
    expect(
      edited.check({ ...(entries[0] as ChainedAccessLogRecord), roles: ['admin'] }),
    ).toMatchObject({ index: 0, reason: 'hash' });
  });

  it('finds any single change at exactly its entry (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom('rows', 'principal', 'roles', 'endpoint', 'filters', 'at', 'chainId'),
        (rows, pick, field) => {
          const entries = chain(rows.map((n) => record(n, { consumer: `C-${n}` })));
          const index = pick % entries.length;
          const entry = entries[index] as ChainedAccessLogRecord;
          const changed: ChainedAccessLogRecord = {
            ...entry,
            ...(field === 'rows' ? { rows: entry.rows + 1 } : {}),
            ...(field === 'principal' ? { principal: `${entry.principal}x` } : {}),
            ...(field === 'roles' ? { roles: ['admin'] } : {}),
            ...(field === 'endpoint' ? { endpoint: `${entry.endpoint}x` } : {}),
            ...(field === 'filters' ? { filters: { consumer: 'other' } } : {}),
            ...(field === 'at' ? { at: entry.at + 1 } : {}),
            ...(field === 'chainId' ? { chainId: 'Z' } : {}),
          };
          const tampered = entries.map((e, i) => (i === index ? changed : e));
          expect(verifyAccessLogChain(tampered)).toMatchObject({ ok: false, index });
        },
      ),
    );
  });
});
