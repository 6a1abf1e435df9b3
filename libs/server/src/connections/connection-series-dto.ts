import type { ConnectionSeriesDto } from '@datashare/api-types';
import type { ConnectionSeriesQuery } from './connection-queries';
import type { SeriesBucketFigures } from './connection-series';

export type { ConnectionSeriesDto } from '@datashare/api-types';

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
