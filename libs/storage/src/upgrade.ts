import type { ClickHouseDatabase } from './clickhouse-database';
import { loadMigrations } from './migrations';

/**
 * Whether this start applied one of the named migrations to a raw history that already holds
 * records (an upgrade): what such a migration adds sees only what is written after it, so the
 * existing history must be brought in.
 */
export async function upgradedWithHistory(
  db: ClickHouseDatabase,
  reportTimezone: string,
  appliedVersions: readonly number[],
  migrationNames: readonly string[],
): Promise<boolean> {
  const added = loadMigrations({ database: db.database, reportTimezone }).some(
    (m) => migrationNames.includes(m.name) && appliedVersions.includes(m.version),
  );
  if (!added) return false;
  const result = await db.client.query({
    query: `SELECT count() > 0 AS has_history FROM ${db.database}.transactions`,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ has_history: number | boolean }>();
  return Number(row?.has_history ?? 0) > 0;
}
