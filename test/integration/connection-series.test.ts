import { loadConfig } from '@datashare/config';
import type { TransactionRecord } from '@datashare/contract';
import { toClickHouseDateTime64 } from '@datashare/contract';
import { planRollupReads } from '@datashare/growth';
import { TrafficSeries, type TrafficSeriesRow, TransactionStore } from '@datashare/storage';
import { ConnectionSeriesService, connectionSeriesQuery } from '@datashare/server';
import { TEST_REPORT_TIMEZONE, createTestDatabase } from '@datashare/testing';

jest.setTimeout(120_000);

// Agency MPS: the portal's provider (MPS.NPD) and the ministry's own consumer code (MPS);
// not MPSX, whose code only begins with the same letters.
const PORTAL = { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' };
const MINISTRY = { platform: 'NDXP', consumer: 'MPS', provider: 'MOJ.CIVREG' };
const OTHER = { platform: 'LGSP-HNI', consumer: 'MPSX.APP', provider: 'GDT.TAX' };
const NIGHT = { platform: 'NDXP', consumer: 'GDT.TAX', provider: 'MOJ.CIVREG' };
const NOW = Date.parse('2026-11-22T00:00:00Z');

let serial = 0;
/** `latencies.length` platform records at one instant, the first `failures` failing. */
function records(
  connection: typeof PORTAL,
  at: string,
  latencies: number[],
  failures = 0,
  reportedBy: TransactionRecord['reported_by'] = 'platform',
): TransactionRecord[] {
  return latencies.map((latency, i) => ({
    transaction_id: `S-${++serial}`,
    reported_by: reportedBy,
    occurred_at: toClickHouseDateTime64(Date.parse(at) + i),
    ...connection,
    service: 'citizen.lookup',
    outcome: i < failures ? 'failure' : 'success',
    error_code: i < failures ? 'TIMEOUT' : '',
    latency_ms: latency,
    request_bytes: 100,
    response_bytes: 900,
    subject_ref: '',
  }));
}

const repeat = (n: number, latency: number) => Array<number>(n).fill(latency);

describe('connection series over the real minute rollup', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let service: ConnectionSeriesService;
  const config = loadConfig({ NODE_ENV: 'test', REPORT_TIMEZONE: TEST_REPORT_TIMEZONE });
  const query = connectionSeriesQuery({ ...config.reporting, maxBuckets: 100 });
  const series = (params: Record<string, string>) => service.series(query.parse(params));

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new TransactionStore(db);
    let batch = 0;
    for (const rows of [
      // 09:05 local: 100 transactions, 90 at 50 ms and 10 at 700 ms (p95 700), 5 failing;
      // the consumer's own reports of the same calls add no transaction.
      records(PORTAL, '2026-11-20T02:05:00Z', [...repeat(90, 50), ...repeat(10, 700)], 5),
      records(PORTAL, '2026-11-20T02:05:00Z', repeat(20, 55), 0, 'consumer'),
      records(OTHER, '2026-11-20T02:30:00Z', repeat(30, 1000)),
      records(MINISTRY, '2026-11-20T03:20:00Z', repeat(10, 300), 10),
      records(PORTAL, '2026-11-20T04:10:00Z', repeat(40, 200), 4),
      // 23:59 on the 20th and 00:00 on the 21st in Ho Chi Minh City: one UTC day, two local.
      records(NIGHT, '2026-11-20T16:59:00Z', [80]),
      records(NIGHT, '2026-11-20T17:00:00Z', [80]),
    ]) {
      await store.insert(rows, `series-test-${++batch}`);
    }
    service = new ConnectionSeriesService({ nowMs: () => NOW }, config, new TrafficSeries(db));
  });

  afterAll(() => db.drop());

  it('adds up an agency’s connections per local hour, with zeros, failures and quantiles', async () => {
    const answer = await series({
      from: '2026-11-20T08:00:00+07:00',
      to: '2026-11-20T13:00:00+07:00',
      interval: 'hour',
      agency: 'MPS',
    });
    expect(answer).toMatchObject({
      from: '2026-11-20T01:00:00.000Z',
      to: '2026-11-20T06:00:00.000Z',
      interval: 'hour',
      timezone: 'Asia/Ho_Chi_Minh',
      connections: 2,
    });
    const empty = { transactions: 0, failures: 0, successRatio: null, p50LatencyMs: null };
    expect(answer.buckets).toEqual([
      {
        from: '2026-11-20T01:00:00.000Z',
        to: '2026-11-20T02:00:00.000Z',
        ...empty,
        p95LatencyMs: null,
        p99LatencyMs: null,
      },
      {
        from: '2026-11-20T02:00:00.000Z',
        to: '2026-11-20T03:00:00.000Z',
        transactions: 100,
        failures: 5,
        successRatio: 0.95,
        p50LatencyMs: 50,
        p95LatencyMs: 700,
        p99LatencyMs: 700,
      },
      {
        from: '2026-11-20T03:00:00.000Z',
        to: '2026-11-20T04:00:00.000Z',
        transactions: 10,
        failures: 10,
        successRatio: 0,
        p50LatencyMs: 300,
        p95LatencyMs: 300,
        p99LatencyMs: 300,
      },
      {
        from: '2026-11-20T04:00:00.000Z',
        to: '2026-11-20T05:00:00.000Z',
        transactions: 40,
        failures: 4,
        successRatio: 0.9,
        p50LatencyMs: 200,
        p95LatencyMs: 200,
        p99LatencyMs: 200,
      },
      {
        from: '2026-11-20T05:00:00.000Z',
        to: '2026-11-20T06:00:00.000Z',
        ...empty,
        p95LatencyMs: null,
        p99LatencyMs: null,
      },
    ]);
  });

  it('reads every connection without a filter: latency quantiles merge across them', async () => {
    const answer = await series({
      from: '2026-11-20T02:00:00Z',
      to: '2026-11-20T03:00:00Z',
      interval: 'hour',
    });
    expect(answer.connections).toBe(4);
    // 90 × 50 ms, 10 × 700 ms and 30 × 1000 ms: the 95th percentile is among the slowest.
    expect(answer.buckets).toEqual([
      expect.objectContaining({
        transactions: 130,
        failures: 5,
        p50LatencyMs: 50,
        p95LatencyMs: 1000,
      }),
    ]);
  });

  it('answers one connection per UTC minute', async () => {
    const answer = await series({
      from: '2026-11-20T02:04:00Z',
      to: '2026-11-20T02:07:00Z',
      interval: 'minute',
      ...PORTAL,
    });
    expect(answer.connections).toBe(1);
    expect(answer.buckets.map((b) => [b.from.slice(11, 16), b.transactions, b.failures])).toEqual([
      ['02:04', 0, 0],
      ['02:05', 100, 5],
      ['02:06', 0, 0],
    ]);
  });

  it('counts days of the report zone, and leaves out the days that start after now', async () => {
    const answer = await series({
      from: '2026-11-20T00:00:00+07:00',
      to: '2026-11-24T00:00:00+07:00',
      interval: 'day',
      platform: 'NDXP',
    });
    expect(answer.buckets.map((b) => [b.from, b.to, b.transactions, b.failures])).toEqual([
      ['2026-11-19T17:00:00.000Z', '2026-11-20T17:00:00.000Z', 151, 19],
      ['2026-11-20T17:00:00.000Z', '2026-11-21T17:00:00.000Z', 1, 0],
      // Today, local: it holds now.
      ['2026-11-21T17:00:00.000Z', '2026-11-22T17:00:00.000Z', 0, 0],
    ]);
  });

  it('reads whole days from the day rollup to the same figures and quantiles as from minutes', async () => {
    const traffic = new TrafficSeries(db);
    const request = {
      fromMs: Date.parse('2026-11-19T12:00:00+07:00'),
      toMs: Date.parse('2026-11-22T00:00:00+07:00'),
      grain: 'day' as const,
      timezone: TEST_REPORT_TIMEZONE,
    };
    const wholeDays = planRollupReads(request.fromMs, request.toMs, TEST_REPORT_TIMEZONE).days;
    // Half a day of minutes, then two whole days.
    expect(wholeDays).toMatchObject({ fromDate: '2026-11-20', toDate: '2026-11-22' });
    // A row's first instant is its first minute with traffic, or a day's midnight: compare by day.
    const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: TEST_REPORT_TIMEZONE });
    const byDay = (rows: TrafficSeriesRow[]) =>
      rows
        .map(({ firstMinuteMs, ...figures }) => ({
          day: localDay.format(firstMinuteMs),
          ...figures,
        }))
        .sort((a, b) => a.day.localeCompare(b.day));
    for (const connections of [null, [PORTAL, NIGHT]]) {
      const fromMinutes = byDay(await traffic.read({ ...request, connections, wholeDays: null }));
      const withDays = byDay(await traffic.read({ ...request, connections, wholeDays }));
      expect(fromMinutes.map((r) => r.day)).toEqual(['2026-11-20', '2026-11-21']);
      expect(withDays).toEqual(fromMinutes);
    }
  });

  it('answers zeros for a filter that matches no connection', async () => {
    const answer = await series({
      from: '2026-11-20T09:00:00+07:00',
      to: '2026-11-20T11:00:00+07:00',
      agency: 'NOBODY',
    });
    expect(answer.connections).toBe(0);
    expect(answer.buckets.map((b) => b.transactions)).toEqual([0, 0]);
  });
});
