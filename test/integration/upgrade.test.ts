import {
  TransactionStore,
  applyMigrations,
  indexExistingHistory,
  projectExistingHistory,
  rollupDefinitions,
} from '@datashare/storage';
import { toClickHouseDateTime64 } from '@datashare/contract';
import { TEST_REPORT_TIMEZONE, createTestDatabase, queryRows } from '@datashare/testing';

describe('upgrading a database that has history but no rollups yet', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  it('projects the existing history into the rollups the upgrade adds', async () => {
    const start = Date.parse('2026-11-18T00:00:00Z');
    await new TransactionStore(db).insert(
      Array.from({ length: 3000 }, (_, n) => ({
        transaction_id: `U-${n}`,
        reported_by: 'platform' as const,
        occurred_at: toClickHouseDateTime64(start + n * 60_000),
        platform: 'NDXP',
        consumer: `C-${n % 7}`,
        provider: 'MPS.NPD',
        service: 'lookup',
        outcome: 'success' as const,
        error_code: '',
        latency_ms: 100,
        request_bytes: null,
        response_bytes: null,
        subject_ref: '',
      })),
      'upgrade-history',
    );
    // The database as a version before the rollups left it: history, no projections.
    for (const rollup of rollupDefinitions(db.database, TEST_REPORT_TIMEZONE)) {
      await db.client.command({ query: `DROP VIEW ${rollup.view} SYNC` });
      await db.client.command({ query: `DROP TABLE ${rollup.table} SYNC` });
    }
    await db.client.command({
      query: `ALTER TABLE ${db.database}.schema_migrations DELETE WHERE version IN (4, 6)`,
      clickhouse_settings: { mutations_sync: '2' },
    });

    const report = await applyMigrations(db, TEST_REPORT_TIMEZONE);
    expect(report.applied).toEqual([4, 6]);
    const projected = await projectExistingHistory(db, TEST_REPORT_TIMEZONE, report.applied);
    expect(projected.map((p) => p.table)).toEqual(
      rollupDefinitions(db.database, TEST_REPORT_TIMEZONE).map((r) => r.table),
    );
    const [totals] = await queryRows<{ day: number; minute: number; connections: number }>(
      db,
      `SELECT (SELECT sum(transactions) FROM ${db.database}.traffic_day) AS day,
              (SELECT sum(transactions) FROM ${db.database}.traffic_minute) AS minute,
              (SELECT count() FROM ${db.database}.connection_first_seen) AS connections`,
    );
    expect(totals).toEqual({ day: 3000, minute: 3000, connections: 7 });

    // A start that applies nothing new leaves the rollups alone.
    expect(await projectExistingHistory(db, TEST_REPORT_TIMEZONE, [])).toEqual([]);
  });

  it('indexes the existing history for the lookups the upgrade adds, and a fresh table not', async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await indexExistingHistory(fresh, TEST_REPORT_TIMEZONE, [7])).toEqual([]);
    } finally {
      await fresh.drop();
    }
    // The history above was written with the indexes in place; as before 0007, without them.
    for (const index of ['transaction_id_bloom', 'subject_ref_bloom']) {
      await db.client.command({
        query: `ALTER TABLE ${db.database}.transactions DROP INDEX ${index}`,
        clickhouse_settings: { mutations_sync: '2' },
      });
    }
    await db.client.command({
      query: `ALTER TABLE ${db.database}.schema_migrations DELETE WHERE version = 7`,
      clickhouse_settings: { mutations_sync: '2' },
    });
    const report = await applyMigrations(db, TEST_REPORT_TIMEZONE);
    expect(report.applied).toEqual([7]);
    expect(await indexExistingHistory(db, TEST_REPORT_TIMEZONE, report.applied)).toEqual([
      'transaction_id_bloom',
      'subject_ref_bloom',
    ]);
    const [mutations] = await queryRows<{ n: string }>(
      db,
      `SELECT count() AS n FROM system.mutations
       WHERE database = '${db.database}' AND table = 'transactions' AND command LIKE '%MATERIALIZE INDEX%'`,
    );
    expect(Number(mutations?.n)).toBe(2);
    expect(await indexExistingHistory(db, TEST_REPORT_TIMEZONE, [])).toEqual([]);
  });
});
