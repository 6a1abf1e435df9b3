import type { ClickHouseDatabase } from './clickhouse-database';
import { onCluster, storageTable } from './cluster-ddl';

export interface RetentionPolicy {
  rawDays: number;
  rejectionsDays: number;
  /** Both traffic rollups and the health events; they outlive the raw history. */
  rollupDays: number;
  /** The access trail; it outlives the raw history whose reading it records. */
  accessLogDays: number;
}

interface TableTtl {
  table: string;
  column: string;
  days: number;
}

/**
 * Brings each table's TTL to the configured retention. Only a changed TTL is altered, and
 * without rewriting existing parts: expired month partitions are dropped by the next merge.
 */
export async function applyRetention(
  db: ClickHouseDatabase,
  policy: RetentionPolicy,
): Promise<string[]> {
  const wanted: TableTtl[] = [
    { table: 'transactions', column: 'occurred_at', days: policy.rawDays },
    { table: 'rejections', column: 'received_at', days: policy.rejectionsDays },
    { table: 'traffic_minute', column: 'minute', days: policy.rollupDays },
    { table: 'traffic_day', column: 'day', days: policy.rollupDays },
    { table: 'connection_health_events', column: 'at', days: policy.rollupDays },
    { table: 'access_log', column: 'at', days: policy.accessLogDays },
  ];
  const changed: string[] = [];
  for (const ttl of wanted) {
    const expression = `toDateTime(${ttl.column}) + toIntervalDay(${ttl.days})`;
    // On a cluster the data, and so the TTL, lives in the local tables, on every replica.
    const table = storageTable(db, ttl.table);
    if ((await currentEngine(db, table)).includes(`TTL ${expression}`)) continue;
    await db.client.command({
      query: `ALTER TABLE ${db.database}.${table}${onCluster(db)} MODIFY TTL ${expression}`,
      clickhouse_settings: { materialize_ttl_after_modify: 0 },
    });
    changed.push(ttl.table);
  }
  return changed;
}

async function currentEngine(db: ClickHouseDatabase, table: string): Promise<string> {
  const result = await db.client.query({
    query:
      'SELECT engine_full FROM system.tables WHERE database = {db:String} AND name = {table:String}',
    query_params: { db: db.database, table },
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ engine_full: string }>();
  return rows[0]?.engine_full ?? '';
}
