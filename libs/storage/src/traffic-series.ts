import type { ConnectionKey } from '@datashare/health';
import type { ClickHouseDatabase } from './clickhouse-database';
import { namedQuery } from './named-query';

export type TrafficSeriesGrain = 'minute' | 'hour' | 'day';

export interface TrafficSeriesRequest {
  /** Whole UTC minutes, epoch ms; to exclusive. */
  fromMs: number;
  toMs: number;
  grain: TrafficSeriesGrain;
  /** IANA zone whose hours and calendar days the hour and day grains follow. */
  timezone: string;
  /** The connections to add up; null for every connection. */
  connections: readonly ConnectionKey[] | null;
  /**
   * Whole days of `timezone` inside the range, to read from the day rollup (kept in the report
   * zone, which `timezone` must then be): only where buckets are days. Null: minutes only.
   */
  wholeDays: WholeDays | null;
}

/** Days [fromDate, toDate) of a zone, `YYYY-MM-DD`. */
export interface WholeDays {
  fromDate: string;
  toDate: string;
}

/** An empty stretch of days: nothing read from the day rollup, no minute left out. */
const NO_DAYS: WholeDays = { fromDate: '1970-01-01', toDate: '1970-01-01' };

/** One grain's figures; which bucket it is, the caller tells by its first minute. */
export interface TrafficSeriesRow {
  firstMinuteMs: number;
  transactions: number;
  failures: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
}

interface SeriesRow {
  first_minute: number;
  bucket_transactions: number;
  bucket_failures: number;
  bucket_latency_ms: (number | string | null)[];
}

/** Volume, failures and latency of a set of connections over time, from the rollups. */
export class TrafficSeries {
  constructor(private readonly db: ClickHouseDatabase) {}

  /** Only the grains that had traffic; none at all when `connections` is empty. */
  async read(request: TrafficSeriesRequest): Promise<TrafficSeriesRow[]> {
    const connections = request.connections;
    if (connections !== null && connections.length === 0) return [];
    const result = await this.db.client.query({
      query: namedQuery('traffic_series', this.db.database),
      query_params: {
        from: Math.floor(request.fromMs / 1000),
        to: Math.floor(request.toMs / 1000),
        interval: request.grain,
        tz: request.timezone,
        days_from: (request.wholeDays ?? NO_DAYS).fromDate,
        days_to: (request.wholeDays ?? NO_DAYS).toDate,
        every_connection: connections === null ? 1 : 0,
        platforms: (connections ?? []).map((c) => c.platform),
        consumers: (connections ?? []).map((c) => c.consumer),
        providers: (connections ?? []).map((c) => c.provider),
      },
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const rows = await result.json<SeriesRow>();
    return rows.map((row) => ({
      firstMinuteMs: Number(row.first_minute) * 1000,
      transactions: Number(row.bucket_transactions),
      failures: Number(row.bucket_failures),
      p50LatencyMs: quantileOrNull(row.bucket_latency_ms[0]),
      p95LatencyMs: quantileOrNull(row.bucket_latency_ms[1]),
      p99LatencyMs: quantileOrNull(row.bucket_latency_ms[2]),
    }));
  }

  /** Every connection that ever carried traffic (migration 0006). */
  async connections(): Promise<ConnectionKey[]> {
    const result = await this.db.client.query({
      query: namedQuery('connection_first_seen', this.db.database),
      format: 'JSONEachRow',
    });
    const rows = await result.json<ConnectionKey>();
    return rows.map(({ platform, consumer, provider }) => ({ platform, consumer, provider }));
  }
}

/** A quantile over no latency at all comes back as nan (or a JSON null). */
function quantileOrNull(value: number | string | null | undefined): number | null {
  const n = Number(value);
  return value === null || value === undefined || !Number.isFinite(n) ? null : n;
}
