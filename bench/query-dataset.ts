/**
 * The query bench's dataset: two years of raw transactions generated inside ClickHouse
 * (INSERT ... SELECT FROM numbers), shaped by the simulator's catalogue, daily and weekly
 * rhythm and growth, so that the materialized views build the rollups as they do in production.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  type Connection,
  DEFAULT_CATALOGUE,
  activityFactor,
  buildConnections,
  growthFactor,
} from '@datashare/simulator';
import type { ClickHouseDatabase } from '@datashare/storage';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Points of each profile's quantile function of event time (linear between them). */
const TIME_POINTS = 1 << 18;
/** Slots of the table that picks a connection by a uniform number (each slot 1/65,536). */
const CONNECTION_SLOTS = 1 << 16;
/** The simulator's default shares of transactions that the consumer, or the provider, report too. */
const CONSUMER_REPORTS = 0.1;
const PROVIDER_REPORTS = 0.05;
const ROWS_PER_TRANSACTION = 1 + CONSUMER_REPORTS + PROVIDER_REPORTS;
/** Failure ratios of the catalogue, scaled so that about this share of transactions fail. */
const FAILURE_SHARE = 0.02;
const PROFILES = ['province', 'ministry', 'corporate'] as const;
/**
 * Health state changes seeded per connection over the two years (the evaluator's log): odd, so
 * that the latest is a recovery; one connection in 16 then changes once more, to a worse state.
 */
const HEALTH_EVENTS_PER_CONNECTION = 61;

export interface DatasetSpec {
  /** Raw rows to generate (records: platform reports plus consumer and provider reports). */
  rows: number;
  /** The instant the data ends at: the bench's fixed "now". */
  nowMs: number;
  days: number;
  /** 0.67: each 12 months carry 67 % more traffic than the 12 before. */
  yearlyGrowth: number;
  /** Rows per INSERT ... SELECT. */
  chunkRows: number;
}

export interface TableSize {
  table: string;
  rows: number;
  parts: number;
  bytesOnDisk: number;
}

export interface Dataset {
  spec: DatasetSpec;
  fromMs: number;
  /** Wall time of the whole generation: the raw inserts with their views, and the health log. */
  generatedMs: number;
  /** Busy CPU of the rest of the machine meanwhile (cores), or null if unknown. */
  othersCpuShare: number | null;
  consumers: number;
  providers: number;
  platforms: number;
  connections: number;
  services: number;
  healthEvents: number;
  /** The schema migrations (versions) the data was generated under. */
  migrations: number[];
  /** How long background merges were waited for after the generation, and if they settled. */
  merges: { waitedMs: number; settled: boolean };
}

type Log = (message: string) => void;

/** Where the bench keeps its model tables and the dataset's description, apart from the app's. */
export function benchDatabase(db: ClickHouseDatabase): string {
  return `${db.database}_querybench`;
}

/** The dataset described in the data directory, or null if none was generated there. */
export async function readDataset(db: ClickHouseDatabase): Promise<Dataset | null> {
  const bench = benchDatabase(db);
  const exists = await db.client.query({
    query: `SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name = 'dataset'`,
    query_params: { db: bench },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const [row] = await exists.json<{ n: number }>();
  if (!row || Number(row.n) === 0) return null;
  const result = await db.client.query({
    query: `SELECT json FROM ${bench}.dataset ORDER BY written DESC LIMIT 1`,
    format: 'JSONEachRow',
  });
  const [stored] = await result.json<{ json: string }>();
  return stored ? (JSON.parse(stored.json) as Dataset) : null;
}

/** Generates the dataset into the (migrated, empty) database and describes it. */
export async function generateDataset(
  db: ClickHouseDatabase,
  spec: DatasetSpec,
  migrations: number[],
  log: Log,
): Promise<Dataset> {
  const bench = benchDatabase(db);
  const fromMs = spec.nowMs - spec.days * DAY_MS;
  const connections = buildConnections(DEFAULT_CATALOGUE);
  const growth = { yearlyRatio: spec.yearlyGrowth, referenceMs: fromMs };

  // The quantile function of event time for each rhythm profile: the density at t is
  // activity(profile, t) × growth(t), as in the simulator's connectionRate, per minute.
  const started = performance.now();
  const minutes = Math.round((spec.nowMs - fromMs) / MINUTE_MS);
  const profileMass = new Map<string, number>();
  const quantiles = PROFILES.map((profile) => {
    const cumulative = new Float64Array(minutes + 1);
    for (let m = 0; m < minutes; m++) {
      const t = fromMs + m * MINUTE_MS + MINUTE_MS / 2;
      cumulative[m + 1] =
        (cumulative[m] ?? 0) + activityFactor(profile, t) * growthFactor(growth, t);
    }
    const total = cumulative[minutes] ?? 0;
    profileMass.set(profile, total / minutes);
    const points = new Float64Array(TIME_POINTS + 1);
    let m = 0;
    for (let i = 0; i <= TIME_POINTS; i++) {
      const target = (total * i) / TIME_POINTS;
      while (m < minutes - 1 && (cumulative[m + 1] ?? 0) < target) m++;
      const low = cumulative[m] ?? 0;
      const high = cumulative[m + 1] ?? low;
      const within = high > low ? Math.min(1, Math.max(0, (target - low) / (high - low))) : 0;
      points[i] = (m + within) * 60; // seconds after fromMs
    }
    return points;
  });

  // A connection is drawn with probability ∝ share × its profile's mean density over the span.
  const weights = connections.map((c) => c.share * (profileMass.get(c.profile) ?? 0));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const slots = new Uint16Array(CONNECTION_SLOTS);
  let cumulative = 0;
  let slot = 0;
  connections.forEach((_, index) => {
    cumulative += (weights[index] ?? 0) / totalWeight;
    const end =
      index === connections.length - 1
        ? CONNECTION_SLOTS
        : Math.round(cumulative * CONNECTION_SLOTS);
    for (; slot < end; slot++) slots[slot] = index + 1; // 1-based, as ClickHouse arrays
  });
  const meanFailure =
    connections.reduce((sum, c, i) => sum + c.baseFailureRatio * (weights[i] ?? 0), 0) /
    totalWeight;
  const failureScale = FAILURE_SHARE / meanFailure;

  await db.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${bench}` });
  await db.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${bench}.time_quantiles (profile UInt8, i UInt32, t Float64)
            ENGINE = MergeTree ORDER BY (profile, i)`,
  });
  await db.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${bench}.connection_slots (i UInt32, c UInt16)
            ENGINE = MergeTree ORDER BY i`,
  });
  await db.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${bench}.dataset (written DateTime64(3, 'UTC') DEFAULT now64(3), json String)
            ENGINE = MergeTree ORDER BY written`,
  });
  await db.client.command({ query: `TRUNCATE TABLE ${bench}.time_quantiles` });
  await db.client.command({ query: `TRUNCATE TABLE ${bench}.connection_slots` });
  for (const [profile, points] of quantiles.entries()) {
    await db.client.insert({
      table: `${bench}.time_quantiles`,
      values: Array.from(points, (t, i) => [profile, i, t]),
      format: 'JSONCompactEachRow',
    });
  }
  await db.client.insert({
    table: `${bench}.connection_slots`,
    values: Array.from(slots, (c, i) => [i, c]),
    format: 'JSONCompactEachRow',
  });
  log(
    `model: ${connections.length} connections, ${new Set(connections.map((c) => c.consumer)).size} consumers, ` +
      `failure ratios ×${failureScale.toFixed(2)}, built in ${(performance.now() - started).toFixed(0)} ms`,
  );

  const transactions = Math.round(spec.rows / ROWS_PER_TRANSACTION);
  const perChunk = Math.max(1, Math.round(spec.chunkRows / ROWS_PER_TRANSACTION));
  const insert = generationSql(db.database, bench, connections, failureScale, {
    transactions,
    fromMs,
    nowMs: spec.nowMs,
  });
  const generationStarted = performance.now();
  const machineBefore = machineBusyMs();
  const cpuBefore = process.cpuUsage();
  for (let start = 0; start < transactions; start += perChunk) {
    const count = Math.min(perChunk, transactions - start);
    const chunkStarted = performance.now();
    await db.client.command({
      query: insert,
      query_params: { start, count },
      // The SELECT reads the model tables, so without a token of its own ClickHouse derives the
      // chunk's deduplication token from their parts, the same for every chunk: a later chunk's
      // block for a partition an earlier chunk wrote to would be dropped as a duplicate.
      clickhouse_settings: { insert_deduplication_token: `bench-query-${start}-${count}` },
    });
    const done = start + count;
    const elapsed = performance.now() - generationStarted;
    log(
      `generated ${done.toLocaleString('en-US')} / ${transactions.toLocaleString('en-US')} transactions ` +
        `(${((done / transactions) * 100).toFixed(0)}%), chunk ${((performance.now() - chunkStarted) / 1000).toFixed(1)} s, ` +
        `${Math.round((done * ROWS_PER_TRANSACTION) / (elapsed / 1000)).toLocaleString('en-US')} rows/s, ` +
        `ETA ${(((elapsed / done) * (transactions - done)) / 1000).toFixed(0)} s`,
    );
  }
  await db.client.command({
    query: healthEventsSql(db.database, connections, fromMs, spec.nowMs),
  });
  const generatedMs = performance.now() - generationStarted;
  const own = process.cpuUsage(cpuBefore);
  const machineAfter = machineBusyMs();
  const othersCpuShare =
    machineBefore === null || machineAfter === null
      ? null
      : Math.max(0, (machineAfter - machineBefore - (own.user + own.system) / 1000) / generatedMs);
  const healthEvents = await checkDataset(db);

  const dataset: Dataset = {
    spec,
    fromMs,
    generatedMs,
    othersCpuShare,
    consumers: new Set(connections.map((c) => c.consumer)).size,
    providers: new Set(connections.map((c) => c.provider)).size,
    platforms: new Set(connections.map((c) => c.platform)).size,
    connections: connections.length,
    services: new Set(connections.flatMap((c) => c.services.map((s) => s.name))).size,
    healthEvents,
    migrations,
    merges: { waitedMs: 0, settled: false },
  };
  return dataset;
}

/** Records the dataset in its data directory, for runs that reuse it (--data-dir). */
export async function saveDataset(db: ClickHouseDatabase, dataset: Dataset): Promise<void> {
  await db.client.insert({
    table: `${benchDatabase(db)}.dataset`,
    values: [{ json: JSON.stringify(dataset) }],
    columns: ['json'],
    format: 'JSONEachRow',
  });
}

const str = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const strings = (values: readonly string[]) => `[${values.map(str).join(', ')}]`;
const numbers = (values: readonly number[]) => `[${values.map((v) => String(v)).join(', ')}]`;

/**
 * One chunk of transactions k in [start, start + count): each a platform report, and with the
 * simulator's default probabilities a consumer and a provider report of the same transaction.
 * Transaction k's time is the profile's quantile at (k + jitter) / transactions, so the data
 * arrives in time order, chunk after chunk, as a live feed would; the connection is drawn
 * independently of k.
 */
function generationSql(
  database: string,
  bench: string,
  connections: readonly Connection[],
  failureScale: number,
  range: { transactions: number; fromMs: number; nowMs: number },
): string {
  const services = connections.map((c) => c.services);
  const cumulativeServiceWeights = connections.map((c) => {
    const total = c.services.reduce((sum, s) => sum + s.weight, 0);
    let running = 0;
    return c.services.map((s) => (running += s.weight / total));
  });
  const quantile = (p: number) =>
    `(SELECT groupArray(t) FROM (SELECT t FROM ${bench}.time_quantiles WHERE profile = ${p} ORDER BY i))`;
  // A uniform number in [0, 1) from a hash of the transaction number and a salt.
  const u = (salt: number) => `(cityHash64(k, ${salt}) / 18446744073709551616.0)`;
  return `INSERT INTO ${database}.transactions
  (transaction_id, reported_by, occurred_at, platform, consumer, provider, service, outcome,
   error_code, latency_ms, request_bytes, response_bytes, subject_ref, ingested_at)
WITH
  ${quantile(0)} AS q0,
  ${quantile(1)} AS q1,
  ${quantile(2)} AS q2,
  (SELECT groupArray(c) FROM (SELECT c FROM ${bench}.connection_slots ORDER BY i)) AS slots,
  ${strings(connections.map((c) => c.platform))} AS c_platform,
  ${strings(connections.map((c) => c.consumer))} AS c_consumer,
  ${strings(connections.map((c) => c.provider))} AS c_provider,
  ${numbers(connections.map((c) => PROFILES.indexOf(c.profile)))} AS c_profile,
  ${numbers(connections.map((c) => c.latencyMedianMs))} AS c_latency,
  ${numbers(connections.map((c) => c.baseFailureRatio * failureScale))} AS c_failure,
  ${strings(connections.map((c) => c.citizenIdPrefix ?? ''))} AS c_citizen,
  [${cumulativeServiceWeights.map(numbers).join(', ')}] AS c_service_cumulative,
  [${services.map((list) => strings(list.map((s) => s.name))).join(', ')}] AS c_service,
  [${services.map((list) => numbers(list.map((s) => s.responseBytesMedian))).join(', ')}] AS c_response,
  [${services.map((list) => numbers(list.map((s) => (s.carriesSubject ? 1 : 0)))).join(', ')}] AS c_subject
SELECT
  concat('BQ-', leftPad(toString(k), 10, '0')) AS transaction_id,
  party AS reported_by,
  fromUnixTimestamp64Milli(least(toInt64(${range.nowMs - 1}), multiIf(
    party = 'consumer', at_ms - skew, party = 'provider', at_ms + skew, at_ms)), 'UTC') AS occurred_at,
  c_platform[ci] AS platform,
  c_consumer[ci] AS consumer,
  c_provider[ci] AS provider,
  c_service[ci][si] AS service,
  if(error_code = '', 'success', 'failure') AS outcome,
  error_code,
  toUInt32(multiIf(party = 'consumer', latency + skew, party = 'provider', greatest(toInt64(0), latency - skew), latency)) AS latency_ms,
  toUInt64(round(450 * exp(0.3 * z2))) AS request_bytes,
  toUInt64(if(error_code = '', round(c_response[ci][si] * exp(0.35 * z3)), 90 + cityHash64(k, 13) % 171)) AS response_bytes,
  if(c_subject[ci][si] = 1, lower(hex(SHA256(citizen_id))), '') AS subject_ref,
  occurred_at + toIntervalMillisecond(300 + cityHash64(k, 14) % 2700) AS ingested_at
FROM
(
  SELECT
    number AS k,
    slots[1 + cityHash64(k, 1) % ${CONNECTION_SLOTS}] AS ci,
    (k + ${u(2)}) / ${range.transactions} * ${TIME_POINTS} AS position,
    toUInt32(floor(position)) AS qi,
    position - qi AS qf,
    c_profile[ci] AS profile,
    multiIf(
      profile = 0, q0[qi + 1] + qf * (q0[qi + 2] - q0[qi + 1]),
      profile = 1, q1[qi + 1] + qf * (q1[qi + 2] - q1[qi + 1]),
      q2[qi + 1] + qf * (q2[qi + 2] - q2[qi + 1])) AS seconds,
    toInt64(${range.fromMs} + seconds * 1000) AS at_ms,
    arrayFirstIndex(w -> w > ${u(3)}, c_service_cumulative[ci]) AS si_found,
    if(si_found = 0, length(c_service_cumulative[ci]), si_found) AS si,
    sqrt(-2 * log(1 - ${u(4)})) AS radius,
    radius * cos(2 * pi() * ${u(5)}) AS z1,
    radius * sin(2 * pi() * ${u(5)}) AS z2,
    sqrt(-2 * log(1 - ${u(6)})) * cos(2 * pi() * ${u(7)}) AS z3,
    c_latency[ci] * exp(0.55 * z1) AS raw_latency,
    ${u(8)} AS failure_draw,
    ${u(9)} AS code_draw,
    multiIf(
      raw_latency >= 30000, 'TIMEOUT',
      failure_draw >= c_failure[ci], '',
      code_draw < 0.25, 'TIMEOUT',
      code_draw < 0.55, 'UPSTREAM_5XX',
      code_draw < 0.9, 'NOT_FOUND',
      'AUTH_DENIED') AS error_code,
    toInt64(multiIf(
      error_code = 'TIMEOUT', 30000,
      error_code = 'AUTH_DENIED', 3 + cityHash64(k, 10) % 28,
      least(3600000, greatest(1, round(raw_latency))))) AS latency,
    toInt64(1 + cityHash64(k, 11) % 15) AS skew,
    concat(
      if(c_citizen[ci] != '' AND ${u(12)} < 0.85, c_citizen[ci], leftPad(toString(1 + cityHash64(k, 15) % 96), 3, '0')),
      leftPad(toString(cityHash64(k, 16) % 1000000000), 9, '0')) AS citizen_id,
    arrayConcat(
      ['platform'],
      if(${u(17)} < ${CONSUMER_REPORTS}, ['consumer'], []),
      if(${u(18)} < ${PROVIDER_REPORTS}, ['provider'], [])) AS parties
  FROM numbers({start:UInt64}, {count:UInt64})
)
ARRAY JOIN parties AS party`;
}

/**
 * The evaluator's log of state changes: per connection, changes spread over the two years
 * (healthy, then alternately a worse state and back to healthy), the latest one healthy.
 */
function healthEventsSql(
  database: string,
  connections: readonly Connection[],
  fromMs: number,
  nowMs: number,
): string {
  const n = HEALTH_EVENTS_PER_CONNECTION + 1; // slots per connection, the last one rarely used
  return `INSERT INTO ${database}.connection_health_events
  (at, platform, consumer, provider, state, previous_state, rule, reason, figures)
WITH
  ${strings(connections.map((c) => c.platform))} AS c_platform,
  ${strings(connections.map((c) => c.consumer))} AS c_consumer,
  ${strings(connections.map((c) => c.provider))} AS c_provider,
  ['degraded', 'down', 'idle'] AS worse
SELECT
  fromUnixTimestamp64Milli(toInt64(${fromMs} + (j + cityHash64(number, 21) / 18446744073709551616.0) / ${n} * ${nowMs - 60 * MINUTE_MS - fromMs}), 'UTC') AS at,
  c_platform[ci], c_consumer[ci], c_provider[ci],
  if(j % 2 = 1, worse[1 + cityHash64(number, 22) % 3], 'healthy') AS state,
  multiIf(j = 0, 'unknown', j % 2 = 1, 'healthy', worse[1 + cityHash64(number - 1, 22) % 3]) AS previous_state,
  if(j % 2 = 1, 'success-ratio', 'recovered') AS rule,
  if(j % 2 = 1, 'success ratio 91.2% under the 95% target over 412 transactions', 'figures within every threshold') AS reason,
  '{"transactions":412,"failures":36}' AS figures
FROM (SELECT number, 1 + intDiv(number, ${n}) AS ci, number % ${n} AS j FROM numbers(${connections.length * n}))
WHERE j < ${HEALTH_EVENTS_PER_CONNECTION} OR ci % 16 = 1`;
}

/**
 * Every raw row reached both rollups (each counts all reports), and each platform report
 * counts as one transaction; returns the number of health events.
 */
async function checkDataset(db: ClickHouseDatabase): Promise<number> {
  const t = db.database;
  const result = await db.client.query({
    query: `SELECT
      (SELECT count() FROM ${t}.transactions) AS raw,
      (SELECT countIf(reported_by = 'platform') FROM ${t}.transactions) AS platform,
      (SELECT sum(reports) FROM ${t}.traffic_minute) AS minute_reports,
      (SELECT sum(transactions) FROM ${t}.traffic_minute) AS minute_transactions,
      (SELECT sum(reports) FROM ${t}.traffic_day) AS day_reports,
      (SELECT sum(transactions) FROM ${t}.traffic_day) AS day_transactions,
      (SELECT count() FROM ${t}.connection_health_events) AS events`,
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const [row] = await result.json<Record<string, number>>();
  const n = (key: string) => Number(row?.[key] ?? Number.NaN);
  if (
    n('minute_reports') !== n('raw') ||
    n('day_reports') !== n('raw') ||
    n('minute_transactions') !== n('platform') ||
    n('day_transactions') !== n('platform')
  ) {
    throw new Error(`the rollups do not account for the raw rows: ${JSON.stringify(row)}`);
  }
  return n('events');
}

/** Rows, active parts and bytes on disk of the database's tables that hold data. */
export async function tableSizes(db: ClickHouseDatabase): Promise<TableSize[]> {
  const result = await db.client.query({
    query: `SELECT table, sum(rows) AS rows, count() AS parts, sum(bytes_on_disk) AS bytes
            FROM system.parts WHERE database = {db:String} AND active AND table != 'schema_migrations'
            GROUP BY table`,
    query_params: { db: db.database },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const rows = await result.json<{ table: string; rows: number; parts: number; bytes: number }>();
  const order = ['transactions', 'traffic_minute', 'traffic_day', 'connection_health_events'];
  const rank = (table: string) => (order.includes(table) ? order.indexOf(table) : order.length);
  return rows
    .map((r) => ({
      table: r.table,
      rows: Number(r.rows),
      parts: Number(r.parts),
      bytesOnDisk: Number(r.bytes),
    }))
    .sort((a, b) => rank(a.table) - rank(b.table) || a.table.localeCompare(b.table));
}

/** Waits until no merge runs in the database (or the time is up); returns the ms waited. */
export async function waitForMerges(
  db: ClickHouseDatabase,
  limitMs: number,
  log: Log,
): Promise<{ waitedMs: number; settled: boolean }> {
  const started = performance.now();
  let quiet = 0;
  let lastLog = 0;
  for (;;) {
    const result = await db.client.query({
      query: `SELECT count() AS n FROM system.merges WHERE database = {db:String}`,
      query_params: { db: db.database },
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const [row] = await result.json<{ n: number }>();
    const running = Number(row?.n ?? 0);
    quiet = running === 0 ? quiet + 1 : 0;
    const waitedMs = performance.now() - started;
    if (quiet >= 3) return { waitedMs, settled: true };
    if (waitedMs > limitMs) return { waitedMs, settled: false };
    if (waitedMs - lastLog > 30_000) {
      lastLog = waitedMs;
      log(
        `waiting for background merges: ${running} running after ${(waitedMs / 1000).toFixed(0)} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Busy CPU time of all cores so far in ms (Linux /proc/stat), or null where there is none. */
export function machineBusyMs(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...fields] = line.trim().split(/\s+/);
    const ticks = fields.map(Number);
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
    const busy = ticks.slice(0, 8).reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0);
    return busy * 10; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
