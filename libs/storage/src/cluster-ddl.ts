/**
 * The cluster variant of the schema, derived from the single-node migrations so that both
 * deployments run the same, reviewed DDL. For a ClickHouse cluster (CLICKHOUSE_CLUSTER):
 *
 * - every table becomes `<name>_local ON CLUSTER`, with the Replicated form of its engine
 *   (no arguments: the server's default replica path, keyed by the table's UUID, which
 *   ON CLUSTER keeps the same on every replica), plus a Distributed table `<name>` over it;
 *   the application reads and writes `<name>` as on a single node;
 * - each Distributed table shards by what must stay together: a transaction's records (so the
 *   ReplacingMergeTree collapses them), a partition's ledger ranges, a connection's events;
 * - materialized views run on every shard, from the local raw table into the local rollups;
 * - a skip index is added to, and built in, the local table on every replica (ALTER ... ON
 *   CLUSTER): the data it indexes lives there, and the Distributed table holds none.
 */
const CREATE_TABLE =
  /^CREATE TABLE IF NOT EXISTS (\w+)\.(\w+)\s*(\([\s\S]*?\))\s*ENGINE = (\w+)([\s\S]*)$/;
/** The ALTERs that concern a table's own data only: the Distributed table over it is unchanged. */
const ALTER_LOCAL_DATA = /^ALTER TABLE (\w+)\.(\w+)\s+((?:ADD INDEX|MATERIALIZE INDEX)\b[\s\S]*)$/;
const CREATE_VIEW =
  /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+)\.(\w+) TO (\w+)\.(\w+) AS\s+([\s\S]*)$/;

/** How each table's rows are spread over shards; rollups are filled by the views, per shard. */
const SHARDING_KEYS: Record<string, string> = {
  schema_migrations: 'version',
  transactions: 'cityHash64(transaction_id)',
  rejections: 'rand()',
  ingest_ledger: 'cityHash64(topic, kafka_partition)',
  ingest_batches: 'cityHash64(topic, kafka_partition)',
  traffic_minute: 'rand()',
  traffic_day: 'rand()',
  connection_health_events: 'cityHash64(platform, consumer, provider)',
  connection_first_seen: 'rand()',
  // A writer's chain stays on one shard, so that reading it in order touches one.
  access_log: 'cityHash64(chain_id)',
};

export const LOCAL_SUFFIX = '_local';

/** The statements of one single-node migration statement on a cluster. */
export function clusterStatements(statement: string, cluster: string): string[] {
  const table = CREATE_TABLE.exec(statement);
  if (table !== null) {
    const [, database, name, columns, engine, rest] = table as unknown as string[];
    const shardingKey = SHARDING_KEYS[name as string];
    if (shardingKey === undefined) throw new Error(`no sharding key for table ${name}`);
    const local = `${database}.${name}${LOCAL_SUFFIX}`;
    return [
      `CREATE TABLE IF NOT EXISTS ${local} ON CLUSTER ${quote(cluster)}\n${columns}\nENGINE = Replicated${engine}${rest}`,
      `CREATE TABLE IF NOT EXISTS ${database}.${name} ON CLUSTER ${quote(cluster)} AS ${local}\n` +
        `ENGINE = Distributed(${quote(cluster)}, ${quote(database as string)}, ${quote(`${name}${LOCAL_SUFFIX}`)}, ${shardingKey})`,
    ];
  }
  const alter = ALTER_LOCAL_DATA.exec(statement);
  if (alter !== null) {
    const [, database, name, change] = alter as unknown as string[];
    return [
      `ALTER TABLE ${database}.${name}${LOCAL_SUFFIX} ON CLUSTER ${quote(cluster)} ${change}`,
    ];
  }
  const view = CREATE_VIEW.exec(statement);
  if (view !== null) {
    const [, database, name, targetDatabase, target, select] = view as unknown as string[];
    // Each shard projects the raw records it holds into its own part of the rollups.
    const localSelect = (select as string).replace(
      new RegExp(`\\bFROM ${database}\\.(\\w+)\\b`, 'g'),
      `FROM ${database}.$1${LOCAL_SUFFIX}`,
    );
    return [
      `CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.${name} ON CLUSTER ${quote(cluster)} ` +
        `TO ${targetDatabase}.${target}${LOCAL_SUFFIX} AS\n${localSelect}`,
    ];
  }
  throw new Error(`no cluster variant for statement: ${statement.slice(0, 80)}`);
}

function quote(identifier: string): string {
  return `'${identifier.replaceAll("'", "\\'")}'`;
}

/** The table that holds a table's rows: itself on one node, its local table on a cluster. */
export function storageTable(db: { cluster: string | null }, table: string): string {
  return db.cluster === null ? table : `${table}${LOCAL_SUFFIX}`;
}

/** ` ON CLUSTER '<name>'` for DDL on a cluster, nothing on one node. */
export function onCluster(db: { cluster: string | null }): string {
  return db.cluster === null ? '' : ` ON CLUSTER ${quote(db.cluster)}`;
}
