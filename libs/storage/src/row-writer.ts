import type { ClickHouseDatabase } from './clickhouse-database';

/**
 * The one way rows are inserted. The token is required: ClickHouse drops a block whose token it
 * has seen, which is what makes a replayed batch harmless. The embedded engine also keeps
 * settings for the rest of its session, so an insert without its own token would silently
 * reuse the previous one and be dropped as a duplicate.
 */
export async function insertRows(
  db: ClickHouseDatabase,
  table: string,
  rows: readonly object[],
  deduplicationToken: string,
): Promise<void> {
  if (rows.length === 0) return;
  await db.client.insert({
    table: `${db.database}.${table}`,
    values: rows as object[],
    format: 'JSONEachRow',
    clickhouse_settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: deduplicationToken,
      deduplicate_blocks_in_dependent_materialized_views: 1,
    },
  });
}
