import type { AccessLogRecord } from '@datashare/access';
import { AccessLog, applyRetention } from '@datashare/storage';
import { createTestDatabase, queryRows } from '@datashare/testing';

jest.setTimeout(120_000);

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

const AT = Date.UTC(2026, 10, 22, 3, 0, 0);
const look = (n: number, overrides: Partial<AccessLogRecord> = {}): AccessLogRecord => ({
  at: AT + n * 1000,
  principal: 'audit-team',
  roles: ['auditor'],
  endpoint: 'GET /api/v1/transactions',
  filters: { from: '2026-03-01', to: '2026-04-01', subjectRef: `${n}`.padStart(64, 'a') },
  rows: n,
  ...overrides,
});

/** Changes stored rows behind the application's back, as someone with SQL access could. */
async function tamper(db: TestDb, statement: string): Promise<void> {
  await db.client.command({
    query: `ALTER TABLE ${db.database}.access_log ${statement}`,
    clickhouse_settings: { mutations_sync: '2' },
  });
}

describe('the access log (AccessLog)', () => {
  let db: TestDb;

  beforeEach(async () => {
    db = await createTestDatabase();
  });

  afterEach(() => db.drop());

  it('appends, concurrently within a process, one chain in call order', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    const appended = await Promise.all(Array.from({ length: 20 }, (_, n) => log.append(look(n))));
    expect(appended.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(appended[0]).toMatchObject({ previousHash: '', previousAt: null });
    for (let i = 1; i < appended.length; i++) {
      expect(appended[i]?.previousHash).toBe(appended[i - 1]?.hash);
    }
    expect(await log.verify(0)).toEqual({ ok: true, entries: 20, chains: 1 });
  });

  it('lists newest first, page by page, every entry once, within a time range', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    const other = new AccessLog(db, { chainId: 'writer-b' });
    for (let n = 0; n < 9; n++) await (n % 2 === 0 ? log : other).append(look(n));
    const seen: number[] = [];
    let page = await log.list({ limit: 4 });
    for (;;) {
      seen.push(...page.entries.map((e) => e.rows));
      if (page.next === null) break;
      page = await log.list({ limit: 4, after: page.next });
    }
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const ranged = await log.list({ fromMs: AT + 2000, toMs: AT + 5000, limit: 10 });
    expect(ranged.entries.map((e) => e.rows)).toEqual([4, 3, 2]);
    expect(ranged.entries[0]).toEqual({
      ...look(4),
      chainId: 'writer-a',
      seq: 2,
      previousAt: AT + 2000,
      previousHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('narrows the list to who looked, and to the transaction or subject a look asked for', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    await log.append(look(0));
    await log.append(look(1, { principal: 'inspector.nguyen (os user root)' }));
    await log.append(
      look(2, {
        endpoint: 'GET /api/v1/transactions/{transactionId}',
        filters: { transactionId: 'NDXP-1' },
      }),
    );
    await log.append(
      look(3, {
        filters: { transactionId: 'NDXP-1', subjectRef: look(0).filters.subjectRef as string },
      }),
    );
    const rowsOf = async (request: Parameters<AccessLog['list']>[0]) =>
      (await log.list(request)).entries.map((e) => e.rows);
    expect(await rowsOf({ limit: 10, principal: 'inspector.nguyen (os user root)' })).toEqual([1]);
    expect(await rowsOf({ limit: 10, principal: 'inspector.nguyen' })).toEqual([]);
    expect(await rowsOf({ limit: 10, transactionId: 'NDXP-1' })).toEqual([3, 2]);
    expect(await rowsOf({ limit: 10, subjectRef: look(0).filters.subjectRef })).toEqual([3, 0]);
    expect(
      await rowsOf({
        limit: 10,
        principal: 'audit-team',
        transactionId: 'NDXP-1',
        subjectRef: look(0).filters.subjectRef,
      }),
    ).toEqual([3]);
    expect(await rowsOf({ limit: 10, principal: "audit-team' OR 1=1 --" })).toEqual([]);
  });

  it('starts each writer’s chain from the newest entry of the log, and verifies them all', async () => {
    const first = new AccessLog(db, { chainId: 'writer-a' });
    const a0 = await first.append(look(0));
    const a1 = await first.append(look(1));
    const second = new AccessLog(db, { chainId: 'writer-b' });
    const b0 = await second.append(look(2));
    expect(b0).toMatchObject({ seq: 0, previousHash: a1.hash, previousAt: a1.at });
    await first.append(look(3));
    expect(a0.previousHash).toBe('');
    expect(await second.verify(0)).toEqual({ ok: true, entries: 4, chains: 2 });
  });

  it('names an entry edited through SQL', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    for (let n = 0; n < 6; n++) await log.append(look(n));
    await tamper(db, `UPDATE rows = 0 WHERE seq = 3`);
    expect(await log.verify(0)).toMatchObject({
      ok: false,
      index: 3,
      reason: 'hash',
      entry: { chainId: 'writer-a', seq: 3, rows: 0 },
    });
  });

  it('names the entry after one deleted through SQL, and a chain whose anchor was deleted', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    for (let n = 0; n < 6; n++) await log.append(look(n));
    const later = new AccessLog(db, { chainId: 'writer-b' });
    await later.append(look(6));
    await tamper(db, `DELETE WHERE chain_id = 'writer-a' AND seq = 2`);
    expect(await log.verify(0)).toMatchObject({
      ok: false,
      index: 2,
      reason: 'link',
      entry: { chainId: 'writer-a', seq: 3 },
    });
    await tamper(db, `DELETE WHERE chain_id = 'writer-a'`);
    expect(await log.verify(0)).toMatchObject({
      ok: false,
      index: 0,
      reason: 'anchor',
      entry: { chainId: 'writer-b', seq: 0 },
    });
  });

  it('accepts a chain whose start expired, from its oldest kept entry', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    for (let n = 0; n < 4; n++) await log.append(look(n));
    await tamper(db, `DELETE WHERE seq < 2`);
    // Removed although not yet expired: a break; older than the retention horizon: expired.
    expect(await log.verify(AT)).toMatchObject({ ok: false, index: 0, reason: 'link' });
    expect(await log.verify(AT + 1500)).toEqual({ ok: true, entries: 2, chains: 1 });
  });

  it('refuses an entry it could not store exactly, and goes on after its last stored entry', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    await log.append(look(0));
    await expect(log.append(look(1, { at: 1.5 }))).rejects.toThrow(/whole milliseconds/);
    expect((await log.append(look(2))).seq).toBe(1);
    // What a writer unsure of its head does (after a failed insert): read its chain's end.
    const resumed = new AccessLog(db, { chainId: 'writer-a' });
    expect(await resumed.append(look(3))).toMatchObject({ seq: 2, previousAt: AT + 2000 });
    expect(await log.verify(0)).toMatchObject({ ok: true, entries: 3 });
  });

  it('stores filters, roles and principals as given, whatever they hold', async () => {
    const log = new AccessLog(db, { chainId: 'writer-a' });
    const odd = look(1, {
      principal: "o'brien\\\u202e😀",
      roles: ['auditor', 'admin'],
      filters: { consumer: "' OR 1=1 --", service: 'x'.repeat(5000), note: 'Ṫ̵̢r̸͎' },
    });
    await log.append(odd);
    const { entries } = await log.list({ limit: 1 });
    expect(entries[0]).toMatchObject(odd);
    expect(await log.verify(0)).toMatchObject({ ok: true });
  });

  it('is kept for ACCESS_LOG_RETENTION_DAYS', async () => {
    const changed = await applyRetention(db, {
      rawDays: 400,
      rejectionsDays: 90,
      rollupDays: 1826,
      accessLogDays: 2000,
    });
    expect(changed).toContain('access_log');
    const [table] = await queryRows<{ engine_full: string }>(
      db,
      `SELECT engine_full FROM system.tables WHERE database = {db:String} AND name = 'access_log'`,
      { db: db.database },
    );
    expect(table?.engine_full).toContain('TTL toDateTime(at) + toIntervalDay(2000)');
  });
});
