import type { ClickHouseDatabase } from './clickhouse-database';
import { upgradedWithHistory } from './upgrade';
import { storageTable } from './cluster-ddl';
import { loadMigrations } from './migrations';

/** The migrations that define projections of the raw history; the rebuild replays them. */
const ROLLUP_MIGRATIONS = ['traffic_rollups', 'connection_first_seen'];
/** Each projection's time column: a rebuild keeps the rows before the raw history's start. */
const TIME_COLUMNS: Record<string, string> = {
  traffic_minute: 'minute',
  traffic_day: 'day',
  connection_first_seen: 'first_seen',
};
const VIEW_STATEMENT =
  /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\S+) TO (\S+) AS\s+(SELECT[\s\S]+)$/;
const TABLE_STATEMENT = /^CREATE TABLE IF NOT EXISTS (\S+)/;

export interface RollupDefinition {
  table: string;
  /** The time column the table starts with: `minute` (DateTime) or `day` (Date). */
  timeColumn: string;
  view: string;
  createTable: string;
  createView: string;
  select: string;
}

/** The rollup tables and their views, read from the migration that created them. */
export function rollupDefinitions(database: string, reportTimezone: string): RollupDefinition[] {
  const migrations = loadMigrations({ database, reportTimezone }).filter((m) =>
    ROLLUP_MIGRATIONS.includes(m.name),
  );
  if (migrations.length !== ROLLUP_MIGRATIONS.length)
    throw new Error('a rollup migration is missing');
  const statements = migrations.flatMap((m) => m.statements);
  const tables = new Map<string, string>();
  for (const statement of statements) {
    const table = TABLE_STATEMENT.exec(statement)?.[1];
    if (table !== undefined) tables.set(table, statement);
  }
  return statements.flatMap((statement) => {
    const view = VIEW_STATEMENT.exec(statement);
    if (view === null) return [];
    const [, viewName, table, select] = view as unknown as [string, string, string, string];
    const createTable = tables.get(table);
    if (createTable === undefined) throw new Error(`no CREATE TABLE for rollup ${table}`);
    const timeColumn = TIME_COLUMNS[table.slice(database.length + 1)];
    if (timeColumn === undefined) throw new Error(`no time column for rollup ${table}`);
    return [{ table, timeColumn, view: viewName, createTable, createView: statement, select }];
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
  const built = await dayRollupTimezone(db);
  if (built !== null && built !== reportTimezone) {
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
 * Recomputes the rollups from the raw history, deduplicated (FINAL). Rollups outlive the raw
 * history, so only what the raw history still covers whole is recomputed: from the first
 * report-zone day it holds entirely; older rollup rows are kept. In another zone than the one
 * the day rollup was built in, days cannot be re-cut without the raw events, so everything is
 * rebuilt from the raw history and older days are lost (the CLI says so).
 *
 * Ingestion must be stopped meanwhile: an insert between the drop of a view and its return is
 * not projected. The embedded engine enforces that (one process per data directory).
 */
export async function rebuildRollups(
  db: ClickHouseDatabase,
  reportTimezone: string,
  /** false: recompute everything from the raw history (the rollups hold nothing to keep). */
  keepOlderRows = true,
): Promise<RebuiltRollup[]> {
  if (db.cluster !== null) {
    throw new Error(
      'rebuild-rollups runs on a single ClickHouse node; on a cluster, rebuild each shard ' +
        'as described in docs/scaling.md',
    );
  }
  const builtIn = await dayRollupTimezone(db);
  const keepOlder = keepOlderRows && (builtIn === null || builtIn === reportTimezone);
  const fromSeconds = keepOlder ? await firstWholeRawDay(db, reportTimezone) : 0;
  if (fromSeconds === null) return []; // no raw history: nothing to recompute, keep the rollups
  const rebuilt: RebuiltRollup[] = [];
  for (const rollup of rollupDefinitions(db.database, reportTimezone)) {
    // A fresh table, filled and then swapped in: no mutation, and no deduplication log that
    // would take the recomputed blocks for repeats of earlier ones. Its two inserts carry tokens
    // of their own: the embedded engine keeps a session's last insert_deduplication_token, which
    // would make the second look like the first (insert_deduplicate = 0 does not stop that).
    const fresh = `${rollup.table}_rebuild`;
    await db.client.command({ query: `DROP TABLE IF EXISTS ${fresh} SYNC` });
    await db.client.command({ query: rollup.createTable.replace(rollup.table, fresh) });
    await db.client.command({ query: `DROP VIEW IF EXISTS ${rollup.view} SYNC` });
    const bound = since(rollup, reportTimezone);
    if (keepOlder) {
      await db.client.command({
        query: `INSERT INTO ${fresh} SELECT * FROM ${rollup.table} WHERE ${rollup.timeColumn} < ${bound}`,
        query_params: { from: fromSeconds },
        clickhouse_settings: { insert_deduplication_token: `${fresh}-kept` },
      });
    }
    await db.client.command({
      query: `INSERT INTO ${fresh} SELECT * FROM (${rollup.select}) WHERE ${rollup.timeColumn} >= ${bound}`,
      query_params: { from: fromSeconds },
      clickhouse_settings: { insert_deduplication_token: `${fresh}-recomputed`, final: 1 },
    });
    await db.client.command({ query: `EXCHANGE TABLES ${fresh} AND ${rollup.table}` });
    await db.client.command({ query: `DROP TABLE ${fresh} SYNC` });
    await db.client.command({ query: rollup.createView });
    rebuilt.push({ table: rollup.table, rows: await countRows(db, rollup.table) });
  }
  return rebuilt;
}

/** The bound of a rebuild in the rollup's own time column. */
function since(rollup: RollupDefinition, reportTimezone: string): string {
  return rollup.timeColumn === 'day'
    ? `toDate(toDateTime({from:UInt32}, 'UTC'), '${reportTimezone}')`
    : `toDateTime({from:UInt32}, 'UTC')`;
}

/** Start of the first report-zone day the raw history holds entirely (epoch s), or null. */
async function firstWholeRawDay(db: ClickHouseDatabase, timezone: string): Promise<number | null> {
  const result = await db.client.query({
    query: `WITH min(occurred_at) AS first, toStartOfDay(first, {tz:String}) AS day_start
            SELECT count() AS n,
                   toUnixTimestamp(if(first = day_start, day_start, day_start + INTERVAL 1 DAY)) AS from_seconds
            FROM ${db.database}.transactions`,
    query_params: { tz: timezone },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const [row] = await result.json<{ n: number; from_seconds: number }>();
  return row === undefined || Number(row.n) === 0 ? null : Number(row.from_seconds);
}

async function dayRollupTimezone(db: ClickHouseDatabase): Promise<string | null> {
  const result = await db.client.query({
    query:
      'SELECT comment FROM system.tables WHERE database = {db:String} AND name = {table:String}',
    query_params: { db: db.database, table: storageTable(db, 'traffic_day') },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ comment: string }>();
  return ZONE_COMMENT.exec(row?.comment ?? '')?.[1] ?? null;
}

async function countRows(db: ClickHouseDatabase, table: string): Promise<number> {
  const result = await db.client.query({
    query: `SELECT count() AS rows FROM ${table}`,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const [row] = await result.json<{ rows: number }>();
  return Number(row?.rows ?? 0);
}

/**
 * A projection added by a migration sees only the records inserted after it. When this start
 * applied one and the raw history already holds records (an upgrade), the projections are
 * rebuilt from it, so growth and health do not start from nothing. Returns what was rebuilt.
 */
export async function projectExistingHistory(
  db: ClickHouseDatabase,
  reportTimezone: string,
  appliedVersions: readonly number[],
): Promise<RebuiltRollup[]> {
  if (db.cluster !== null) return [];
  return (await upgradedWithHistory(db, reportTimezone, appliedVersions, ROLLUP_MIGRATIONS))
    ? rebuildRollups(db, reportTimezone, false)
    : [];
}
