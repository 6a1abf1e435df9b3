import { DateTime } from 'luxon';
import { type InstantRange, splitIntoBuckets } from '@datashare/growth';
import type { TrafficSeriesRow } from '@datashare/storage';

export const SERIES_INTERVALS = ['minute', 'hour', 'day'] as const;
export type SeriesInterval = (typeof SERIES_INTERVALS)[number];

const MINUTE_MS = 60_000;

/** One bucket's figures; zeros and nulls where it had no traffic. */
export interface SeriesBucketFigures extends InstantRange {
  transactions: number;
  failures: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
}

/**
 * The buckets of [from, to) (whole minutes): UTC minutes, or the hours or calendar days of
 * `timezone` (starting at local midnight, 23 or 25 hours long across a DST change), the first
 * and last clipped to the range. Undefined when there would be more than maxBuckets.
 */
export function seriesBucketRanges(
  range: InstantRange,
  interval: SeriesInterval,
  timezone: string,
  maxBuckets: number,
): InstantRange[] | undefined {
  switch (interval) {
    case 'minute':
      return minuteBuckets(range, maxBuckets);
    case 'hour':
      return hourBuckets(range, timezone, maxBuckets);
    case 'day':
      return splitIntoBuckets(range, 'day', timezone, maxBuckets);
  }
}

function minuteBuckets(range: InstantRange, maxBuckets: number): InstantRange[] | undefined {
  if ((range.toMs - range.fromMs) / MINUTE_MS > maxBuckets) return undefined;
  const buckets: InstantRange[] = [];
  for (let fromMs = range.fromMs; fromMs < range.toMs; fromMs += MINUTE_MS) {
    buckets.push({ fromMs, toMs: Math.min(fromMs + MINUTE_MS, range.toMs) });
  }
  return buckets;
}

/** Local hours: UTC hours in most zones, half past in a zone such as Asia/Kolkata. */
function hourBuckets(
  range: InstantRange,
  timezone: string,
  maxBuckets: number,
): InstantRange[] | undefined {
  const buckets: InstantRange[] = [];
  let fromMs = range.fromMs;
  while (fromMs < range.toMs) {
    if (buckets.length === maxBuckets) return undefined;
    const next = DateTime.fromMillis(fromMs, { zone: timezone })
      .startOf('hour')
      .plus({ hours: 1 })
      .toMillis();
    const toMs = Math.min(next, range.toMs);
    buckets.push({ fromMs, toMs });
    fromMs = toMs;
  }
  return buckets;
}

/**
 * Every bucket with its figures: a stored row goes to the bucket that holds its first minute
 * (the rollup grouped minutes by the same local hours or days), a bucket without one has zeros.
 * Buckets that start after now are left out: they have no figures yet, not zero.
 */
export function fillSeries(
  buckets: readonly InstantRange[],
  rows: readonly TrafficSeriesRow[],
  nowMs: number,
): SeriesBucketFigures[] {
  const filled: SeriesBucketFigures[] = buckets.map((bucket) => ({
    ...bucket,
    transactions: 0,
    failures: 0,
    p50LatencyMs: null,
    p95LatencyMs: null,
    p99LatencyMs: null,
  }));
  for (const row of rows) {
    const bucket = filled[bucketIndexOf(buckets, row.firstMinuteMs)];
    if (bucket === undefined) continue;
    bucket.transactions = row.transactions;
    bucket.failures = row.failures;
    bucket.p50LatencyMs = row.p50LatencyMs;
    bucket.p95LatencyMs = row.p95LatencyMs;
    bucket.p99LatencyMs = row.p99LatencyMs;
  }
  return filled.filter((bucket) => bucket.fromMs <= nowMs);
}

/** The index of the bucket that holds instant `ms` (buckets sorted, adjacent), or -1. */
function bucketIndexOf(buckets: readonly InstantRange[], ms: number): number {
  let low = 0;
  let high = buckets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const bucket = buckets[middle] as InstantRange;
    if (ms < bucket.fromMs) high = middle - 1;
    else if (ms >= bucket.toMs) low = middle + 1;
    else return middle;
  }
  return -1;
}
