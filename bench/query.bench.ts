/**
 * Read latency of the monitor's three main answers over two years of generated traffic:
 * year-over-year growth grouped by consumer, the connections list, and one agency summary.
 *
 *   npm run bench:query [-- --rows 100000000 --runs 100 --no-docs --keep --data-dir DIR]
 *
 * The data is generated inside the embedded ClickHouse (chdb, in this process) and the real
 * services are timed against it. See docs/benchmarks.md for what each figure means.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Clock } from '@datashare/clock';
import { type AppConfig, loadConfig } from '@datashare/config';
import { type GrowthQuery, formatInstant, parseGrowthQuery } from '@datashare/growth';
import { EMPTY_HEALTH_THRESHOLDS_CONFIG } from '@datashare/health';
import { REPO_ROOT } from '@datashare/kafka-mock';
import {
  AgencyService,
  ConnectionFiguresReader,
  ConnectionsService,
  GrowthService,
} from '@datashare/server';
import { VIETNAM_UTC_OFFSET_MS } from '@datashare/simulator';
import {
  type ClickHouseDatabase,
  ConnectionWindows,
  HealthEventLog,
  TrafficCounts,
  TransactionHistory,
  applyMigrations,
  openClickHouse,
} from '@datashare/storage';
import {
  generateDataset,
  machineBusyMs,
  readDataset,
  saveDataset,
  tableSizes,
  waitForMerges,
} from './query-dataset';
import {
  type QueryResults,
  type StatementFigures,
  percentile,
  writeQuerySection,
} from './query-report';
import { describeMachine } from './report';
import { HISTORY_TARGET_P95_MS } from './query-report';
import { recordingDatabase, statementFigures } from './query-statements';

const DATABASE = 'datashare';
const DAY_MS = 86_400_000;
const MERGE_WAIT_LIMIT_MS = 30 * 60_000;
const STATEMENT_RUNS = 10;

interface Options {
  rows: number | null;
  runs: number;
  warmup: number;
  chunkRows: number;
  writeDocs: boolean;
  keep: boolean;
  dataDir: string | null;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      runs: { type: 'string', default: '100' },
      warmup: { type: 'string', default: '3' },
      'chunk-rows': { type: 'string', default: '10000000' },
      'no-docs': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  const positive = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  return {
    rows: values.rows === undefined ? null : positive('rows', values.rows, 1000),
    runs: positive('runs', values.runs, 1),
    warmup: positive('warmup', values.warmup, 0),
    chunkRows: positive('chunk-rows', values['chunk-rows'], 1000),
    writeDocs: !values['no-docs'],
    keep: values.keep,
    dataDir: values['data-dir'] === undefined ? null : path.resolve(values['data-dir']),
  };
}

const log = (message: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/**
 * The bench's "now": the latest weekday 10:30 in Vietnam (the simulator's rhythm, the
 * default report zone) before the wall clock, so the connections window is at a busy hour.
 */
function busyNow(wallMs: number): number {
  const localDay = Math.floor((wallMs + VIETNAM_UTC_OFFSET_MS) / DAY_MS);
  for (let day = localDay; ; day--) {
    const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const at = day * DAY_MS + 10.5 * 3_600_000 - VIETNAM_UTC_OFFSET_MS;
    if (weekday >= 1 && weekday <= 5 && at <= wallMs) return at;
  }
}

/** A local date YYYY-MM-DD in the zone, `months` calendar months from the month holding nowMs. */
function monthStart(nowMs: number, timezone: string, months: number): string {
  const local = formatInstant(nowMs, timezone);
  const index = Number(local.slice(0, 4)) * 12 + Number(local.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

function growthQuery(raw: Record<string, string>, config: AppConfig): GrowthQuery {
  const parsed = parseGrowthQuery(raw, {
    defaultTimezone: config.reporting.timezone,
    maxRangeDays: config.reporting.maxRangeDays,
  });
  if (!parsed.ok) throw new Error(`bad growth query: ${parsed.message}`);
  return parsed.value;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const loadAtStart = os.loadavg();
  const reuse = options.dataDir !== null;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'datashare-bench-query-'));
  mkdirSync(dataDir, { recursive: true });
  const keep = options.keep || reuse;
  const config = loadConfig({ DATA_DIR: dataDir, SIMULATE: '0' });
  const timezone = config.reporting.timezone;
  log(`ClickHouse data in ${dataDir}${keep ? ' (kept)' : ''}, report zone ${timezone}`);
  const db = await openClickHouse(
    { url: null, username: 'default', password: '', database: DATABASE },
    dataDir,
  );
  try {
    let dataset = await readDataset(db);
    const reused = dataset !== null;
    // A dataset is only valid under the schema it was generated with: a view added since would
    // have seen none of its rows.
    const schema = await applyMigrations(db, timezone).catch((error: unknown) => {
      if (!reused) throw error;
      throw new Error(
        `${dataDir} was generated with another schema (${String(error)}): generate it again in a new --data-dir`,
      );
    });
    if (reused && (schema.applied.length > 0 || !Array.isArray(dataset?.migrations))) {
      throw new Error(
        `${dataDir} was generated under an older schema${schema.applied.length > 0 ? ` (before migration(s) ${schema.applied.join(', ')})` : ''}: generate it again in a new --data-dir`,
      );
    }
    const migrations = [...schema.alreadyApplied, ...schema.applied].sort((a, b) => a - b);
    const chVersion = await scalar(db, 'SELECT version() AS v');
    if (dataset !== null) {
      if (options.rows !== null && options.rows !== dataset.spec.rows) {
        throw new Error(
          `${dataDir} holds a dataset of ${dataset.spec.rows} rows, not ${options.rows}: use another --data-dir`,
        );
      }
      log(
        `reusing the dataset of ${dataset.spec.rows.toLocaleString('en-US')} rows ending ${new Date(dataset.spec.nowMs).toISOString()}`,
      );
    } else {
      const existing = Number(
        await scalar(db, `SELECT count() AS v FROM ${DATABASE}.transactions`),
      );
      if (existing > 0) throw new Error(`${dataDir} holds transactions but no bench dataset`);
      const nowMs = busyNow(Date.now());
      const rows = options.rows ?? 100_000_000;
      log(
        `generating ${rows.toLocaleString('en-US')} rows over 730 days up to ${new Date(nowMs).toISOString()}`,
      );
      dataset = await generateDataset(
        db,
        { rows, nowMs, days: 730, yearlyGrowth: 0.67, chunkRows: options.chunkRows },
        migrations,
        log,
      );
      log(`generated in ${(dataset.generatedMs / 1000).toFixed(0)} s`);
      dataset.merges = await waitForMerges(db, MERGE_WAIT_LIMIT_MS, log);
      log(
        `background merges ${dataset.merges.settled ? 'settled' : 'still running'} after ${(dataset.merges.waitedMs / 1000).toFixed(0)} s`,
      );
      await saveDataset(db, dataset);
    }
    const sizes = await tableSizes(db);
    for (const size of sizes) {
      log(
        `${size.table}: ${size.rows.toLocaleString('en-US')} rows in ${size.parts} parts, ${(size.bytesOnDisk / 1e6).toFixed(0)} MB`,
      );
    }

    const nowMs = dataset.spec.nowMs;
    const clock: Clock = { nowMs: () => nowMs };
    const services = (database: ClickHouseDatabase) => {
      const growth = new GrowthService(config, clock, new TrafficCounts(database));
      const connections = new ConnectionsService(
        clock,
        new ConnectionFiguresReader(
          EMPTY_HEALTH_THRESHOLDS_CONFIG,
          new ConnectionWindows(database),
        ),
        new HealthEventLog(database),
      );
      return {
        growth,
        connections,
        agency: new AgencyService(connections, growth),
        history: new TransactionHistory(database),
      };
    };

    // What an operator asks: the last six whole months against the same months a year
    // earlier, per consumer; the agency page's default period (this month to date against
    // the same days last year) for the Ministry of Public Security.
    const growthPeriod = {
      from: monthStart(nowMs, timezone, -6),
      to: monthStart(nowMs, timezone, 0),
    };
    const yoy = growthQuery(
      { ...growthPeriod, compare: 'previous_year', groupBy: 'consumer' },
      config,
    );
    const agencyPeriod = {
      from: monthStart(nowMs, timezone, 0),
      to: monthStart(nowMs, timezone, 1),
    };
    const agencyQuery = growthQuery({ ...agencyPeriod, compare: 'previous_year' }, config);
    const agencyCode = 'MPS';
    // What an auditor asks: one consumer's history on the last whole report-zone day (its
    // first page, newest first), a transaction by id, and a subject over the last year.
    const history = await historySamples(db, nowMs, timezone);
    const calls = (s: ReturnType<typeof services>) => ({
      growth: () => s.growth.growth(yoy),
      connections: () => s.connections.list({}),
      agency: () => s.agency.summary(agencyCode, agencyQuery),
      historyDay: () =>
        s.history.page({ ...history.day, filters: { consumer: history.consumer }, limit: 100 }),
      historyTransaction: () => s.history.recordsOf(history.transactionId),
      historySubject: () =>
        s.history.page({
          ...history.year,
          filters: { subjectRef: history.subjectRef },
          limit: 100,
        }),
    });

    // One traced run: what each answer holds, and the statements it sends.
    const recording = recordingDatabase(db);
    const traced = calls(services(recording.db));
    const growthAnswer = await traced.growth();
    const growthStatements = recording.take();
    const list = await traced.connections();
    const listStatements = recording.take();
    const agency = await traced.agency();
    const agencyStatements = recording.take();
    const historyDayAnswer = await traced.historyDay();
    const historyDayStatements = recording.take();
    const historyTransactionAnswer = await traced.historyTransaction();
    const historyTransactionStatements = recording.take();
    const historySubjectAnswer = await traced.historySubject();
    const historySubjectStatements = recording.take();
    const consumersUp = growthAnswer.groups.filter((g) => (g.growthPercent ?? 0) > 0).length;
    log(
      `growth ${growthPeriod.from}..${growthPeriod.to} vs a year earlier: ${growthAnswer.current.transactions.toLocaleString('en-US')} vs ` +
        `${growthAnswer.previous.transactions.toLocaleString('en-US')} (${growthAnswer.growthPercent?.toFixed(1)}%), ${growthAnswer.groups.length} consumers`,
    );
    const states = new Map<string, number>();
    for (const c of list.connections) states.set(c.state, (states.get(c.state) ?? 0) + 1);
    const windowTransactions = list.connections.reduce((sum, c) => sum + c.window.transactions, 0);
    const sample = list.connections[0];
    const windowMinutes = sample
      ? (Date.parse(sample.window.to) - Date.parse(sample.window.from)) / 60_000
      : Number.NaN;
    log(
      `connections: ${list.connections.length} (${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}), ` +
        `${windowTransactions} transactions in their ${windowMinutes}-minute windows`,
    );
    log(
      `agency ${agencyCode}: ${agency.asConsumer.length} as consumer, ${agency.asProvider.length} as provider, ` +
        `growth ${agency.growth.current.transactions.toLocaleString('en-US')} vs ${agency.growth.previous.transactions.toLocaleString('en-US')} (${agency.growth.growthPercent?.toFixed(1)}%)`,
    );

    const statements: Record<string, StatementFigures[]> = {
      growth: await statementFigures(db, growthStatements, STATEMENT_RUNS),
      connections: await statementFigures(db, listStatements, STATEMENT_RUNS),
      agency: await statementFigures(db, agencyStatements, STATEMENT_RUNS),
      historyDay: await statementFigures(db, historyDayStatements, STATEMENT_RUNS),
      historyTransaction: await statementFigures(db, historyTransactionStatements, STATEMENT_RUNS),
      historySubject: await statementFigures(db, historySubjectStatements, STATEMENT_RUNS),
    };
    for (const [name, figures] of Object.entries(statements)) {
      for (const f of figures) {
        log(
          `${name}: ${f.label}: ${f.rowsRead.toLocaleString('en-US')} rows in ${f.partsRead} parts, median ${f.medianMs.toFixed(1)} ms alone`,
        );
      }
    }

    // Warm-up, then timed rounds; each round runs the three answers one after the other.
    const timed = calls(services(db));
    const names = [
      'growth',
      'connections',
      'agency',
      'historyDay',
      'historyTransaction',
      'historySubject',
    ] as const;
    const samples: Record<(typeof names)[number], number[]> = {
      growth: [],
      connections: [],
      agency: [],
      historyDay: [],
      historyTransaction: [],
      historySubject: [],
    };
    const loadBefore = os.loadavg();
    const cpuBefore = process.cpuUsage();
    const machineBefore = machineBusyMs();
    const timedFrom = performance.now();
    for (let round = -options.warmup; round < options.runs; round++) {
      for (const name of names) {
        const started = performance.now();
        await timed[name]();
        const ms = performance.now() - started;
        if (round >= 0) samples[name].push(ms);
      }
    }
    const loadAfter = os.loadavg();
    const timedMs = performance.now() - timedFrom;
    const cpu = process.cpuUsage(cpuBefore);
    const ownCpuShare = (cpu.user + cpu.system) / 1000 / timedMs;
    const machineAfter = machineBusyMs();
    // Busy CPU of the whole machine minus this process's own: what other work used meanwhile.
    const othersCpuShare =
      machineBefore === null || machineAfter === null
        ? null
        : Math.max(0, (machineAfter - machineBefore) / timedMs - ownCpuShare);
    for (const name of names) {
      const s = samples[name];
      log(
        `${name}: p50 ${percentile(s, 0.5).toFixed(1)} ms, p95 ${percentile(s, 0.95).toFixed(1)} ms, max ${Math.max(...s).toFixed(1)} ms`,
      );
    }

    const results: QueryResults = {
      date: new Date().toISOString(),
      machine: describeMachine(chVersion),
      dataset,
      transactions: Number(
        await scalar(db, `SELECT sum(transactions) AS v FROM ${DATABASE}.traffic_day`),
      ),
      reused,
      sizes,
      timezone,
      runs: options.runs,
      warmup: options.warmup,
      statementRuns: STATEMENT_RUNS,
      loadAtStart,
      loadBefore,
      loadAfter,
      ownCpuShare,
      othersCpuShare,
      queries: {
        growth: {
          description: `growth ${growthPeriod.from} to ${growthPeriod.to} (the last six whole months) against the same months a year earlier, grouped by consumer`,
          samplesMs: samples.growth,
          statements: statements.growth ?? [],
          answer: `${growthAnswer.groups.length} consumers, ${growthAnswer.current.transactions.toLocaleString('en-US')} transactions against ${growthAnswer.previous.transactions.toLocaleString('en-US')} (${formatPercent(growthAnswer.growthPercent)}; ${consumersUp} consumers up)`,
        },
        connections: {
          description: 'the connections list (no filter)',
          samplesMs: samples.connections,
          statements: statements.connections ?? [],
          answer: `${list.connections.length} connections, ${windowTransactions.toLocaleString('en-US')} transactions in their ${windowMinutes}-minute windows (${windowMinutes - 1} whole minutes and the current one)`,
        },
        agency: {
          description: `agency summary of ${agencyCode}, default period: ${agencyPeriod.from} to date against the same days a year earlier`,
          samplesMs: samples.agency,
          statements: statements.agency ?? [],
          answer: `${agency.asConsumer.length} connections as consumer, ${agency.asProvider.length} as provider, ${agency.growth.current.transactions.toLocaleString('en-US')} transactions against ${agency.growth.previous.transactions.toLocaleString('en-US')} (${formatPercent(agency.growth.growthPercent)})`,
        },
        historyDay: {
          description: `the first page (100 records, newest first) of consumer ${history.consumer} on ${new Date(history.day.fromMs).toISOString().slice(0, 16)}Z to ${new Date(history.day.toMs).toISOString().slice(0, 16)}Z (one ${timezone} day)`,
          samplesMs: samples.historyDay,
          statements: statements.historyDay ?? [],
          answer: `${historyDayAnswer.records.length} records${historyDayAnswer.next === null ? '' : ', more follow'}`,
          targetP95Ms: HISTORY_TARGET_P95_MS,
        },
        historyTransaction: {
          description: `every record of transaction ${history.transactionId} (no time range)`,
          samplesMs: samples.historyTransaction,
          statements: statements.historyTransaction ?? [],
          answer: `${historyTransactionAnswer.length} record(s): ${historyTransactionAnswer.map((r) => r.reported_by).join(', ')}`,
          targetP95Ms: HISTORY_TARGET_P95_MS,
        },
        historySubject: {
          description: `the first page (100 records, newest first) of one subject's records over the last 365 days`,
          samplesMs: samples.historySubject,
          statements: statements.historySubject ?? [],
          answer: `${historySubjectAnswer.records.length} records`,
          targetP95Ms: HISTORY_TARGET_P95_MS,
        },
      },
    };
    const table = writeQuerySection(
      results,
      options.writeDocs ? path.join(REPO_ROOT, 'docs', 'benchmarks.md') : null,
    );
    console.log(`\n${table}\n`);
  } finally {
    await db.close().catch(() => undefined);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
    else log(`data kept in ${dataDir}: rerun with --data-dir ${dataDir}`);
  }
}

/**
 * What the history answers ask about, drawn from the data: the busiest consumer on the last
 * whole report-zone day, a transaction a year old, and a subject with records in the last year.
 */
async function historySamples(db: ClickHouseDatabase, nowMs: number, timezone: string) {
  const dayStart = Date.parse(
    await scalar(
      db,
      `SELECT formatDateTime(toStartOfDay(toDateTime(${Math.floor(nowMs / 1000)}, '${timezone}') - INTERVAL 1 DAY), '%FT%TZ', 'UTC') AS v`,
    ),
  );
  const day = { fromMs: dayStart, toMs: dayStart + DAY_MS, order: 'desc' as const };
  const year = { fromMs: nowMs - 365 * DAY_MS, toMs: nowMs, order: 'desc' as const };
  const consumer = await scalar(
    db,
    `SELECT consumer AS v FROM ${DATABASE}.traffic_day WHERE day = toDate(toDateTime(${Math.floor(dayStart / 1000) + 43_200}, 'UTC'), '${timezone}')
     GROUP BY consumer ORDER BY sum(reports) DESC LIMIT 1`,
  );
  const transactionId = await scalar(
    db,
    `SELECT transaction_id AS v FROM ${DATABASE}.transactions
     WHERE occurred_at >= fromUnixTimestamp64Milli(${nowMs - 365 * DAY_MS}) LIMIT 1`,
  );
  const subjectRef = await scalar(
    db,
    `SELECT subject_ref AS v FROM ${DATABASE}.transactions
     WHERE occurred_at >= fromUnixTimestamp64Milli(${nowMs - 30 * DAY_MS}) AND subject_ref != '' LIMIT 1`,
  );
  return { day, year, consumer, transactionId, subjectRef };
}

function formatPercent(value: number | null): string {
  return value === null ? 'no previous traffic' : `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;
}

async function scalar(db: ClickHouseDatabase, query: string): Promise<string> {
  const result = await db.client.query({ query, format: 'JSONEachRow' });
  const [row] = await result.json<{ v: string | number }>();
  return String(row?.v ?? '');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
