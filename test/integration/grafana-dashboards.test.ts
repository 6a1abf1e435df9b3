import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type TransactionRecord, toClickHouseDateTime64 } from '@datashare/contract';
import { CONNECTION_STATES as HEALTH_STATES } from '@datashare/health';
import { RejectionStore, TransactionStore } from '@datashare/storage';
import { parse as parseYaml } from 'yaml';
import {
  ALL,
  AppProcess,
  type DashboardJson,
  type GrafanaQuery,
  type PrometheusProcess,
  TEST_REPORT_TIMEZONE,
  type VariableValue,
  binariesUnavailableReason,
  builtAppsUnavailableReason,
  createTestDatabase,
  dashboardPanels,
  dashboardQueries,
  dashboardVariables,
  describeIf,
  exportedMetrics,
  interpolateClickHouseSql,
  promqlGroupingLabels,
  promqlMatchers,
  promqlMetricNames,
  queryRows,
  referencedVariables,
  startPrometheus,
  substitutePromVariables,
  waitFor,
} from '@datashare/testing';
import { CONNECTION_STATES } from '../../deploy/grafana/src/common';
import {
  buildDashboards,
  dashboardFileName,
  serializeDashboard,
} from '../../deploy/grafana/src/dashboards';

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '..', '..');
const DASHBOARD_DIR = path.join(ROOT, 'deploy', 'grafana', 'dashboards');
const PRETTIER = path.join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
/** Where Grafana reads the dashboard files (provisioning/dashboards/dashboards.yml). */
const DASHBOARDS_MOUNT = '/var/lib/grafana/dashboards';

const built = buildDashboards();
/** The dashboards as JSON, as Grafana reads them (functions of the builders' objects dropped). */
const dashboards = built.map((d) => JSON.parse(serializeDashboard(d)) as DashboardJson);
const queries = dashboards.flatMap((d) => dashboardQueries(d));
const promQueries = queries.filter((q) => q.datasource === 'prometheus');
const clickhouseQueries = queries.filter((q) => q.datasource === 'clickhouse');

/** One value for each variable of the dashboards (real codes of the test data and the apps). */
const CHOSEN: Record<string, string> = {
  platform: 'NDXP',
  consumer: 'PROV-HNI.PORTAL',
  provider: 'MPS.NPD',
  app: 'monitor',
  report_tz: TEST_REPORT_TIMEZONE,
};

/** The metrics Prometheus makes itself rather than scrapes. */
const PROMETHEUS_OWN = new Set(['up', 'ALERTS', 'ALERTS_FOR_STATE']);
/** Labels Prometheus adds to every scraped series. */
const TARGET_LABELS = ['job', 'instance'];

const promExpr = (q: GrafanaQuery) => substitutePromVariables(q.text, CHOSEN);
const describeQuery = (q: GrafanaQuery) => `${q.dashboard} ${q.where}`;

/** Prettier's output for a file of the dashboards folder, with the repository's settings. */
function prettierFormat(file: string, text: string): string {
  const result = spawnSync(
    process.execPath,
    [PRETTIER, '--stdin-filepath', path.join(DASHBOARD_DIR, file)],
    { input: text, encoding: 'utf8', cwd: ROOT },
  );
  if (result.status !== 0) throw new Error(`prettier failed: ${result.stderr}`);
  return result.stdout;
}

describe('Grafana dashboards as code (deploy/grafana)', () => {
  it('are the four dashboards, with their fixed UIDs', () => {
    expect(dashboards.map((d) => d.uid)).toEqual([
      'datashare-overview',
      'datashare-connection',
      'datashare-growth',
      'datashare-pipeline',
    ]);
  });

  it.each(built.map((d) => [dashboardFileName(d), d] as const))(
    'deploy/grafana/dashboards/%s is what the generator writes now (npm run dashboards)',
    (file, dashboard) => {
      const committed = readFileSync(path.join(DASHBOARD_DIR, file), 'utf8');
      const generated = serializeDashboard(dashboard);
      // The content first, for a readable difference; then the text, Prettier-formatted as the
      // script leaves it.
      expect(JSON.parse(committed)).toEqual(JSON.parse(generated));
      expect(committed).toBe(prettierFormat(file, generated));
    },
  );

  it('leaves no other dashboard in the provisioned folder', () => {
    const files = readdirSync(DASHBOARD_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(built.map(dashboardFileName).sort());
  });

  it.each(dashboards.map((d) => [d.uid, d] as const))(
    '%s: unique panel ids, and every query has a refId and a provisioned data source',
    (_uid, dashboard) => {
      const panels = dashboardPanels(dashboard);
      const ids = panels.map((p) => (p as { id?: number }).id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of panels) {
        const refIds = (panel.targets ?? []).map((t) => t.refId);
        expect(new Set(refIds).size).toBe(refIds.length);
        if ((panel.targets ?? []).length > 0) {
          expect(['prometheus', 'clickhouse']).toContain(panel.datasource?.uid);
        }
      }
      for (const query of dashboardQueries(dashboard)) {
        expect([describeQuery(query), query.datasource]).toEqual([
          describeQuery(query),
          expect.stringMatching(/^(prometheus|clickhouse)$/),
        ]);
      }
    },
  );

  it.each(dashboards.map((d) => [d.uid, d] as const))(
    '%s: every variable a query uses is defined, and every variable is used',
    (_uid, dashboard) => {
      const defined = dashboardVariables(dashboard).map((v) => v.name);
      const used = new Set(dashboardQueries(dashboard).flatMap((q) => referencedVariables(q.text)));
      expect([...used].filter((name) => !defined.includes(name))).toEqual([]);
      expect(defined.filter((name) => !used.has(name))).toEqual([]);
    },
  );

  it('maps every health state, with the codes of the connection_health_events enum', () => {
    expect(CONNECTION_STATES.map((s) => s.state).sort()).toEqual([...HEALTH_STATES].sort());
    const migration = readFileSync(
      path.join(ROOT, 'libs', 'storage', 'migrations', '0005_connection_health_events.sql'),
      'utf8',
    );
    const stateEnum = /\bstate Enum8\(([^)]*)\)/.exec(migration)?.[1] ?? '';
    const codes = Object.fromEntries(
      [...stateEnum.matchAll(/'(\w+)' = (\d+)/g)].map(([, name, code]) => [name, Number(code)]),
    );
    expect(Object.fromEntries(CONNECTION_STATES.map((s) => [s.state, s.code]))).toEqual(codes);
  });

  it('uses the provisioned data sources, from the folder the dashboards are provisioned from', () => {
    const provisioning = path.join(ROOT, 'deploy', 'grafana', 'provisioning');
    const { datasources } = parseYaml(
      readFileSync(path.join(provisioning, 'datasources', 'datasources.yml'), 'utf8'),
    ) as { datasources: { uid: string; type: string }[] };
    const provisioned = new Map(datasources.map((d) => [d.uid, d]));
    const used = [
      ...dashboards.flatMap((d) => dashboardPanels(d).map((p) => p.datasource)),
      ...dashboards.flatMap((d) => dashboardVariables(d).map((v) => v.datasource)),
    ].filter((ref) => ref !== undefined);
    for (const ref of used) expect(provisioned.get(ref.uid ?? '')?.type).toBe(ref.type);
    expect(provisioned.get('prometheus')).toMatchObject({ url: 'http://prometheus:9090' });
    expect(provisioned.get('clickhouse')).toMatchObject({
      type: 'grafana-clickhouse-datasource',
      jsonData: {
        host: 'clickhouse',
        port: 8123,
        protocol: 'http',
        username: 'datashare',
        defaultDatabase: 'datashare',
      },
      secureJsonData: { password: '${CLICKHOUSE_PASSWORD}' },
    });

    const { providers } = parseYaml(
      readFileSync(path.join(provisioning, 'dashboards', 'dashboards.yml'), 'utf8'),
    ) as { providers: { type: string; options: { path: string } }[] };
    expect(providers).toEqual([
      expect.objectContaining({
        type: 'file',
        options: expect.objectContaining({ path: DASHBOARDS_MOUNT }),
      }),
    ]);
    // Where the compose file runs Grafana, it mounts the files there.
    const compose = parseYaml(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { volumes?: string[] }>;
    };
    const grafana = compose.services.grafana;
    if (grafana !== undefined) {
      expect(grafana.volumes).toContain(`./deploy/grafana/dashboards:${DASHBOARDS_MOUNT}:ro`);
      expect(grafana.volumes).toContain(
        './deploy/grafana/provisioning:/etc/grafana/provisioning:ro',
      );
    }
  });

  it('reads metric names from PromQL the way Prometheus writes it', () => {
    expect(
      promqlMetricNames(
        'sum by (le, app) (rate(foo_bucket{app=~"a|b", x="sum(bar)"}[5m])) / on (app) group_left () ' +
          'max without (x) (baz) * 1e3 > bool 0.5 or vector(0) unless count(qux offset 1h)',
      ),
    ).toEqual(['baz', 'foo_bucket', 'qux']);
  });
});

describeIf(binariesUnavailableReason('prometheus'))('PromQL of the dashboards', () => {
  let prometheus: PrometheusProcess;

  beforeAll(async () => {
    prometheus = await startPrometheus();
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('parses, every expression, with the variables replaced ($__rate_interval → 1m, …)', async () => {
    expect(promQueries.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const query of promQueries) {
      try {
        const formatted = await prometheus.formatQuery(promExpr(query));
        // The metric names read from the query as written and as Prometheus writes it agree.
        expect(promqlMetricNames(formatted)).toEqual(promqlMetricNames(promExpr(query)));
      } catch (error) {
        failures.push(`${describeQuery(query)}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describeIf(builtAppsUnavailableReason())('metrics the dashboards read', () => {
  let dataDir: string;
  let app: AppProcess;
  let exported: Map<string, Set<string>>;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-grafana-'));
    app = AppProcess.start('monitor', {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      SUBJECT_HMAC_KEY: 'grafana-dashboards-key-of-at-least-32-characters',
      BATCH_MAX_WAIT_MS: '100',
      SIMULATE_PEAK_EVENTS_PER_SECOND: '300',
      HEALTH_EVALUATION_INTERVAL_MS: '1000',
    });
    const url = await app.url();
    const text = await waitFor(
      'connection metrics on /metrics',
      async () => {
        const body = await (await fetch(`${url}/metrics`)).text();
        return body.includes('datashare_connection_status{') ? body : undefined;
      },
      90_000,
    );
    exported = exportedMetrics(text);
  });

  afterAll(async () => {
    if (app !== undefined) expect(await app.kill('SIGTERM')).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are exported by the apps (or made by Prometheus: up, ALERTS)', () => {
    const missing = promQueries.flatMap((query) =>
      promqlMetricNames(promExpr(query))
        .filter((name) => !exported.has(name) && !PROMETHEUS_OWN.has(name))
        .map((name) => `${describeQuery(query)}: ${name}`),
    );
    expect(missing).toEqual([]);
    // The dashboards show every DataShare metric (a histogram: any of its series).
    const family = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    const read = new Set(promQueries.flatMap((q) => promqlMetricNames(promExpr(q)).map(family)));
    const unread = [...exported.keys()].filter(
      (name) => name.startsWith('datashare_') && !read.has(family(name)),
    );
    expect(new Set(unread)).toEqual(new Set());
  });

  it('match and group on labels the series carry', () => {
    const wrong: string[] = [];
    for (const query of promQueries) {
      const expr = promExpr(query);
      const metrics = promqlMetricNames(expr).filter((n) => !PROMETHEUS_OWN.has(n));
      for (const { metric, label } of promqlMatchers(expr)) {
        const labels = exported.get(metric);
        // Only series the scrape holds tell their labels (no sample: nothing to compare).
        if (labels === undefined || labels.size === 0) continue;
        if (!labels.has(label) && !TARGET_LABELS.includes(label)) {
          wrong.push(`${describeQuery(query)}: ${metric} has no label ${label}`);
        }
      }
      const known = metrics.map((n) => exported.get(n));
      if (metrics.length === 0 || known.some((labels) => labels === undefined || labels.size === 0))
        continue;
      const carried = new Set([...TARGET_LABELS, ...known.flatMap((labels) => [...labels!])]);
      for (const label of promqlGroupingLabels(expr)) {
        if (!carried.has(label)) wrong.push(`${describeQuery(query)}: no series has ${label}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('ClickHouse queries of the dashboards, on the real schema', () => {
  type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;
  let db: TestDb;

  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  // [from, to): from 12:30 on 10 November to 17:15 on 20 November in Ho Chi Minh City (UTC+7,
  // no daylight saving): partial days at both ends. A year earlier: the same local times.
  const FROM = Date.UTC(2026, 10, 10, 5, 30);
  const TO = Date.UTC(2026, 10, 20, 10, 15);
  const PREVIOUS = { from: Date.UTC(2025, 10, 10, 5, 30), to: Date.UTC(2025, 10, 20, 10, 15) };
  const HEALTH_FROM = TO - 6 * HOUR;

  const CONNECTIONS = [
    { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' },
    { platform: 'NDXP', consumer: 'VIETTEL.KYC', provider: 'MPS.NPD' },
    { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'GDT.TAX' },
    { platform: 'LGSP-HNI', consumer: 'PROV-HNI.PORTAL', provider: 'MOJ.CIVREG' },
  ];
  const SERVICES = ['citizen.lookup', 'citizen.verify', 'household.lookup'];

  interface Event {
    atMs: number;
    connection: (typeof CONNECTIONS)[number];
  }
  /** The platform reports (what the rollups count as transactions). */
  const platformEvents: Event[] = [];
  const records: TransactionRecord[] = [];

  // Two days either side of each period, every 47 (this year) or 59 (last year) minutes and a
  // few seconds per connection; a quarter also reported by the consumer (never counted).
  for (const [year, stepMinutes, from, to] of [
    [2026, 47, FROM, TO],
    [2025, 59, PREVIOUS.from, PREVIOUS.to],
  ] as const) {
    CONNECTIONS.forEach((connection, c) => {
      let k = 0;
      for (
        let at = from - 2 * DAY + c * 7_000;
        at < to + 2 * DAY;
        at += (stepMinutes + c) * 60_000
      ) {
        const base = {
          transaction_id: `G-${year}-${c}-${k}`,
          occurred_at: toClickHouseDateTime64(at + (k % 50) * 1000),
          ...connection,
          service: SERVICES[k % SERVICES.length] as string,
          outcome: k % 9 === 0 ? ('failure' as const) : ('success' as const),
          error_code: k % 9 === 0 ? 'TIMEOUT' : '',
          latency_ms: 40 + (k % 300),
          request_bytes: 200,
          response_bytes: 1500,
          subject_ref: '',
        };
        records.push({ ...base, reported_by: 'platform' });
        platformEvents.push({ atMs: at + (k % 50) * 1000, connection });
        if (k % 4 === 0) records.push({ ...base, reported_by: 'consumer', latency_ms: null });
        k++;
      }
    });
  }

  /** The row with its numeric-looking strings (64-bit integers from a server) as numbers. */
  const numbers = (row: Record<string, unknown> | undefined) =>
    Object.fromEntries(
      Object.entries(row ?? {}).map(([k, v]) => [
        k,
        typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v,
      ]),
    );

  const count = (fromMs: number, toMs: number, where: (e: Event) => boolean = () => true) =>
    platformEvents.filter((e) => e.atMs >= fromMs && e.atMs < toMs && where(e)).length;

  const TIME = { fromMs: FROM, toMs: TO, intervalSeconds: 3600 };

  /** The variables of a dashboard: multi-value ones All or one chosen value, others the value. */
  function variableSettings(dashboard: DashboardJson): Record<string, VariableValue>[] {
    const variables = dashboardVariables(dashboard);
    const value = (name: string) => {
      const chosen = CHOSEN[name];
      if (chosen === undefined) throw new Error(`no test value for the variable ${name}`);
      return chosen;
    };
    const setting = (multi: (name: string) => VariableValue) =>
      Object.fromEntries(variables.map((v) => [v.name, v.multi ? multi(v.name) : value(v.name)]));
    return variables.some((v) => v.multi)
      ? [setting(() => ALL), setting((name) => [value(name)])]
      : [setting(value)];
  }

  function run<T>(query: GrafanaQuery, variables: Record<string, VariableValue>): Promise<T[]> {
    const sql = interpolateClickHouseSql(query.text, {
      ...TIME,
      variables,
      database: db.database,
    });
    return queryRows<T>(db, sql);
  }

  function find(uid: string, where: string): GrafanaQuery {
    const query = clickhouseQueries.find((q) => q.dashboard === uid && q.where.includes(where));
    if (query === undefined) throw new Error(`no ClickHouse query ${where} in ${uid}`);
    return query;
  }

  const ALL_FILTERS = {
    report_tz: TEST_REPORT_TIMEZONE,
    platform: ALL,
    consumer: ALL,
    provider: ALL,
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new TransactionStore(db);
    for (let i = 0; i < records.length; i += 2000) {
      await store.insert(records.slice(i, i + 2000), `grafana-test-${i}`);
    }
    const [connection] = CONNECTIONS;
    const event = (atMs: number, state: string, previous: string, c = connection) => ({
      at: toClickHouseDateTime64(atMs),
      ...c,
      state,
      previous_state: previous,
      rule: 'test-rule',
      reason: `${previous} to ${state}`,
      figures: JSON.stringify({ transactions: 10, failures: 1 }),
    });
    await db.client.insert({
      table: `${db.database}.connection_health_events`,
      values: [
        event(FROM - DAY, 'healthy', 'unknown'),
        event(HEALTH_FROM + HOUR, 'degraded', 'healthy'),
        event(HEALTH_FROM + 2 * HOUR, 'down', 'degraded'),
        event(HEALTH_FROM + 3 * HOUR, 'healthy', 'down'),
        event(HEALTH_FROM + HOUR, 'idle', 'healthy', CONNECTIONS[1]),
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { insert_deduplication_token: 'grafana-test-health-events' },
    });
    await new RejectionStore(db).insert(
      [rejection(FROM - HOUR, 0), rejection(TO - 2 * HOUR, 1), rejection(TO - HOUR, 2)],
      'grafana-test-rejections',
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  const rejection = (atMs: number, index: number) => ({
    received_at: toClickHouseDateTime64(atMs),
    source: index % 2 === 0 ? ('kafka' as const) : ('http' as const),
    topic: index % 2 === 0 ? 'datasharing.transactions.v1' : '',
    kafka_partition: index % 2 === 0 ? 3 : -1,
    kafka_offset: index % 2 === 0 ? String(1000 + index) : '-1',
    request_id: index % 2 === 0 ? '' : 'req-1',
    item_index: index % 2 === 0 ? -1 : index,
    reason_code: index % 2 === 0 ? 'not_json' : 'future_timestamp',
    reason: `rejected ${index}`,
    payload_bytes: 120 + index,
    payload_sha256: 'ab'.repeat(32),
    payload_redacted: '',
  });

  it('run, every one, with All and with chosen values', async () => {
    expect(clickhouseQueries.length).toBeGreaterThanOrEqual(10);
    const failures: string[] = [];
    for (const dashboard of dashboards) {
      for (const variables of variableSettings(dashboard)) {
        for (const query of clickhouseQueries.filter((q) => q.dashboard === dashboard.uid)) {
          try {
            await run(query, variables);
          } catch (error) {
            failures.push(`${describeQuery(query)}: ${(error as Error).message}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('growth: the distinct platform transactions in [from, to) and in the same hours a year earlier', async () => {
    const current = count(FROM, TO);
    const previous = count(PREVIOUS.from, PREVIOUS.to);
    expect(current).toBeGreaterThan(1000);
    const [totals] = await run<Record<string, string | number | null>>(
      find('datashare-growth', 'Transactions and growth'),
      ALL_FILTERS,
    );
    // 64-bit integers come as strings from a server, as numbers from the embedded engine.
    expect(numbers(totals)).toEqual({
      'This period': current,
      'Same period last year': previous,
      Change: current - previous,
      Growth: expect.closeTo((100 * (current - previous)) / previous, 6),
    });

    const ndxp = (e: Event) => e.connection.platform === 'NDXP';
    const [filtered] = await run<Record<string, string>>(
      find('datashare-growth', 'Transactions and growth'),
      { ...ALL_FILTERS, platform: ['NDXP'] },
    );
    expect(numbers(filtered)).toMatchObject({
      'This period': count(FROM, TO, ndxp),
      'Same period last year': count(PREVIOUS.from, PREVIOUS.to, ndxp),
    });
  });

  it('growth: per report-zone day, last year’s days shifted onto this period', async () => {
    const rows = await run<{
      time: string;
      'This period': string;
      'Same period last year': string;
    }>(find('datashare-growth', 'Transactions per day'), ALL_FILTERS);
    // 10 November (from 12:30) to 20 November (to 17:15), local days.
    expect(rows).toHaveLength(11);
    expect(rows[0]?.time).toBe('2026-11-10 00:00:00');
    const sum = (key: 'This period' | 'Same period last year') =>
      rows.reduce((total, row) => total + Number(row[key]), 0);
    expect(sum('This period')).toBe(count(FROM, TO));
    expect(sum('Same period last year')).toBe(count(PREVIOUS.from, PREVIOUS.to));
    // A whole local day: 12 November, 00:00 to 24:00 at UTC+7.
    const twelfth = Date.UTC(2026, 10, 11, 17);
    expect(numbers(rows[2])).toEqual({
      time: '2026-11-12 00:00:00',
      'This period': count(twelfth, twelfth + DAY),
      'Same period last year': count(twelfth - 365 * DAY, twelfth - 364 * DAY),
    });
  });

  it('growth: by consumer and by provider', async () => {
    for (const [where, column, title] of [
      ['Growth by consumer', 'consumer', 'Consumer'],
      ['Growth by provider', 'provider', 'Provider'],
    ] as const) {
      const rows = await run<Record<string, string>>(find('datashare-growth', where), ALL_FILTERS);
      const codes = [...new Set(CONNECTIONS.map((c) => c[column]))].sort();
      expect(rows.map((r) => r[title]).sort()).toEqual(codes);
      for (const row of rows) {
        const mine = (e: Event) => e.connection[column] === row[title];
        expect([
          row[title],
          String(row['This period']),
          String(row['Same period last year']),
        ]).toEqual([
          row[title],
          String(count(FROM, TO, mine)),
          String(count(PREVIOUS.from, PREVIOUS.to, mine)),
        ]);
      }
    }
  });

  it('growth: the variables list the codes, and the report zone of traffic_day', async () => {
    const [zone] = await run<Record<string, string>>(
      find('datashare-growth', 'variable report_tz'),
      ALL_FILTERS,
    );
    expect(Object.values(zone ?? {})).toEqual([TEST_REPORT_TIMEZONE]);
    const consumers = await run<{ consumer: string }>(
      find('datashare-growth', 'variable consumer'),
      { ...ALL_FILTERS, platform: ['LGSP-HNI'] },
    );
    expect(consumers).toEqual([{ consumer: 'PROV-HNI.PORTAL' }]);
    const platforms = await run<{ platform: string }>(
      find('datashare-growth', 'variable platform'),
      ALL_FILTERS,
    );
    expect(platforms).toEqual([{ platform: 'LGSP-HNI' }, { platform: 'NDXP' }]);
  });

  const CONNECTION_VARIABLES = {
    platform: CHOSEN.platform!,
    consumer: CHOSEN.consumer!,
    provider: CHOSEN.provider!,
  };
  const chosen = (e: Event) =>
    e.connection.platform === CHOSEN.platform &&
    e.connection.consumer === CHOSEN.consumer &&
    e.connection.provider === CHOSEN.provider;

  it('connection: the health events of the connection in the time range, newest first', async () => {
    const rows = await run<Record<string, string>>(
      find('datashare-connection', 'Health events'),
      CONNECTION_VARIABLES,
    );
    expect(rows.map((r) => [r.From, r.To])).toEqual([
      ['down', 'healthy'],
      ['degraded', 'down'],
      ['healthy', 'degraded'],
    ]);
    expect(JSON.parse(rows[0]?.Figures ?? '')).toEqual({ transactions: 10, failures: 1 });
  });

  it('connection: volume by service, per minute, and the services table', async () => {
    // $__timeFilter(minute) takes minutes from `from` to `to`, both included.
    const inRange = (e: Event) => chosen(e);
    const expected = count(FROM, TO + 60_000, inRange);
    const volume = await run<{ time: string; service: string; per_minute: number }>(
      find('datashare-connection', 'Volume by service'),
      CONNECTION_VARIABLES,
    );
    expect(volume.length).toBeGreaterThan(0);
    // Hour buckets ($__interval_s = 3600): per minute × 60 is the bucket's count.
    expect(Math.round(volume.reduce((total, r) => total + r.per_minute * 60, 0))).toBe(expected);
    const services = await run<Record<string, string | number>>(
      find('datashare-connection', 'Services in the time range'),
      CONNECTION_VARIABLES,
    );
    expect(services.map((s) => s.Service).sort()).toEqual([...SERVICES].sort());
    expect(services.reduce((total, s) => total + Number(s.Transactions), 0)).toBe(expected);
    for (const s of services) {
      expect(Number(s.p50)).toBeGreaterThan(0.03);
      expect(Number(s.p95)).toBeLessThan(0.4);
    }
  });

  it('pipeline: the latest rejections in the time range, with where they came from', async () => {
    const rows = await run<Record<string, string | number>>(
      find('datashare-pipeline', 'Latest rejections'),
      { app: ALL },
    );
    expect(rows.map((r) => [r.Code, r.Source, r.From, Number(r.Bytes)])).toEqual([
      ['not_json', 'kafka', 'datasharing.transactions.v1 / 3 @ 1002', 122],
      ['future_timestamp', 'http', 'req-1 #1', 121],
    ]);
  });
});
