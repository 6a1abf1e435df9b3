import type { ClickHouseDatabase } from './clickhouse-database';
import { loadMigrations } from './migrations';

/** The migration that defines the traffic rollups; the rebuild replays its statements. */
const ROLLUP_MIGRATION = 'traffic_rollups';
const VIEW_STATEMENT =
  /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\S+) TO (\S+) AS\s+(SELECT[\s\S]+)$/;
const TABLE_STATEMENT = /^CREATE TABLE IF NOT EXISTS (\S+)/;

export interface RollupDefinition {
  table: string;
  view: string;
  createTable: string;
  createView: string;
  select: string;
}

/** The rollup tables and their views, read from the migration that created them. */
export function rollupDefinitions(database: string, reportTimezone: string): RollupDefinition[] {
  const migration = loadMigrations({ database, reportTimezone }).find(
    (m) => m.name === ROLLUP_MIGRATION,
  );
  if (migration === undefined) throw new Error(`migration ${ROLLUP_MIGRATION} is missing`);
  const tables = new Map<string, string>();
  for (const statement of migration.statements) {
    const table = TABLE_STATEMENT.exec(statement)?.[1];
    if (table !== undefined) tables.set(table, statement);
  }
  return migration.statements.flatMap((statement) => {
    const view = VIEW_STATEMENT.exec(statement);
    if (view === null) return [];
    const [, viewName, table, select] = view as unknown as [string, string, string, string];
    const createTable = tables.get(table);
    if (createTable === undefined) throw new Error(`no CREATE TABLE for rollup ${table}`);
    return [{ table, view: viewName, createTable, createView: statement, select }];
  });
}

const ZONE_COMMENT = /^days in (\S+)$/;

/**
 * The day rollup counts calendar days of the zone it was built in. Reports read in another
 * zone would cut days at the wrong hour, so a changed REPORT_TIMEZONE stops the start.
 */
export async function assertRollupTimezone(
  db: ClickHouseDatabase,
  reportTimezone: string,
): Promise<void> {
  const result = await db.client.query({
    query:
      'SELECT comment FROM system.tables WHERE database = {db:String} AND name = {table:String}',
    query_params: { db: db.database, table: 'traffic_day' },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ comment: string }>();
  const built = ZONE_COMMENT.exec(row?.comment ?? '')?.[1];
  if (built !== undefined && built !== reportTimezone) {
    throw new Error(
      `REPORT_TIMEZONE is ${reportTimezone}, but the day rollup counts days in ${built}; ` +
        `set REPORT_TIMEZONE=${built}, or stop ingestion and run \`npm run cli -- rebuild-rollups\` ` +
        `to rebuild it in ${reportTimezone}`,
    );
  }
}

export interface RebuiltRollup {
  table: string;
  rows: number;
}

/**
 * Recomputes every rollup from the raw history, deduplicated (FINAL), in the given zone.
 * Ingestion must be stopped meanwhile: an insert between the drop and the new view is not
 * projected. The embedded engine enforces that (one process per data directory).
 */
export async function rebuildRollups(
  db: ClickHouseDatabase,
  reportTimezone: string,
): Promise<RebuiltRollup[]> {
  const rebuilt: RebuiltRollup[] = [];
  for (const rollup of rollupDefinitions(db.database, reportTimezone)) {
    await db.client.command({ query: `DROP VIEW IF EXISTS ${rollup.view} SYNC` });
    await db.client.command({ query: `DROP TABLE IF EXISTS ${rollup.table} SYNC` });
    await db.client.command({ query: rollup.createTable });
    await db.client.command({
      query: `INSERT INTO ${rollup.table} ${rollup.select}`,
      clickhouse_settings: { final: 1 },
    });
    await db.client.command({ query: rollup.createView });
    const result = await db.client.query({
      query: `SELECT count() AS rows FROM ${rollup.table}`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ rows: string }>();
    rebuilt.push({ table: rollup.table, rows: Number(row?.rows ?? 0) });
  }
  return rebuilt;
}
