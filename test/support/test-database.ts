import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { ClickHouseDatabase } from '@datashare/storage';
import { applyMigrations, openClickHouse } from '@datashare/storage';

/**
 * The embedded engine allows one data directory per process: every test file of a worker shares
 * it. Under the run's own folder (named by the global set-up), so that a run's teardown removes
 * its own data and never that of another run in the same checkout.
 */
export const TEST_DATA_DIR = path.join(
  __dirname,
  '..',
  '..',
  '.test-data',
  `run-${process.env.DATASHARE_TEST_RUN ?? 'direct'}`,
  `worker-${process.pid}`,
);

/** A fresh, migrated database of its own for one test file; drop it when done. */
export const TEST_REPORT_TIMEZONE = 'Asia/Ho_Chi_Minh';

export async function createTestDatabase(
  reportTimezone = TEST_REPORT_TIMEZONE,
): Promise<ClickHouseDatabase & { drop(): Promise<void> }> {
  const database = `test_${randomBytes(6).toString('hex')}`;
  const db = await openClickHouse({ ...serverFromEnvironment(), database }, TEST_DATA_DIR);
  await applyMigrations(db, reportTimezone);
  return Object.assign(db, {
    async drop() {
      await db.client.command({ query: `DROP DATABASE IF EXISTS ${database} SYNC` });
      await db.close();
    },
  });
}

/** CLICKHOUSE_URL (set by the container set-up where Docker exists) may carry credentials. */
function serverFromEnvironment(): { url: string | null; username: string; password: string } {
  const given = process.env.CLICKHOUSE_URL;
  if (!given) return { url: null, username: 'default', password: '' };
  const url = new URL(given);
  const credentials = {
    username: decodeURIComponent(url.username) || 'default',
    password: decodeURIComponent(url.password),
  };
  url.username = '';
  url.password = '';
  return { url: url.toString(), ...credentials };
}

export async function queryRows<T>(
  db: ClickHouseDatabase,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await db.client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}
