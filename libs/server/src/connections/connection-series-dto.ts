import type { ConnectionSeriesQuery } from './connection-queries';
import type { SeriesBucketFigures, SeriesInterval } from './connection-series';

/** GET /api/v1/connections/series (docs/api.md). */
export interface ConnectionSeriesDto {
  from: string;
  to: string;
  interval: SeriesInterval;
  /** The zone whose hours and days the buckets follow (REPORT_TIMEZONE); minutes are UTC. */
  timezone: string;
  /** How many connections the figures add up. */
  connections: number;
  buckets: ConnectionSeriesBucketDto[];
}

export interface ConnectionSeriesBucketDto {
  from: string;
  to: string;
  transactions: number;
  failures: number;
  /** Null when the bucket had no transactions. */
  successRatio: number | null;
  /** Null when the bucket had no latency reported. */
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function toConnectionSeriesDto(
  query: ConnectionSeriesQuery,
  timezone: string,
  connections: number,
  buckets: readonly SeriesBucketFigures[],
): ConnectionSeriesDto {
  return {
    from: iso(query.range.fromMs),
    to: iso(query.range.toMs),
    interval: query.interval,
    timezone,
    connections,
    buckets: buckets.map((b) => ({
      from: iso(b.fromMs),
      to: iso(b.toMs),
      transactions: b.transactions,
      failures: b.failures,
      successRatio: b.transactions === 0 ? null : (b.transactions - b.failures) / b.transactions,
      p50LatencyMs: b.p50LatencyMs,
      p95LatencyMs: b.p95LatencyMs,
      p99LatencyMs: b.p99LatencyMs,
    })),
  };
}
