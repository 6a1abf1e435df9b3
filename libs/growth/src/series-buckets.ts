import type { DateTime } from 'luxon';
import { previousInstantMapping } from './compare-mapping';
import { pairWithPrevious } from './compare-periods';
import type { InstantRange, Interval, PeriodPair, PeriodSpec } from './growth-types';
import { firstInstantReading, readingAt, readingFields } from './local-time';

/**
 * The buckets of a series over [from, to) and their counterparts. Buckets start at the local
 * starts of the interval in the query's zone (midnight; Monday for ISO weeks; the 1st of a
 * month, of a calendar quarter, of a year), the first and last clipped to [from, to). Each is
 * compared with f of its ends (see previousInstantMapping), so the counterparts tile the
 * compared period as the buckets tile the current one. Buckets that start after now are
 * left out; the one that contains now is partial.
 *
 * Throws a RangeError when there would be more than maxBuckets buckets: parseSeriesQuery
 * checks this first, so it is a programming error here.
 */
export function seriesBuckets(
  query: PeriodSpec & { interval: Interval },
  nowMs: number,
  maxBuckets: number,
): PeriodPair[] {
  const buckets = splitIntoBuckets(query, query.interval, query.timezone, maxBuckets);
  if (buckets === undefined) {
    throw new RangeError(tooManyBucketsMessage('the range', query.interval, maxBuckets));
  }
  const previousInstant = previousInstantMapping(query);
  return buckets
    .filter((bucket) => bucket.fromMs <= nowMs)
    .map((bucket) => pairWithPrevious(bucket, previousInstant, nowMs));
}

export function tooManyBucketsMessage(
  range: string,
  interval: Interval,
  maxBuckets: number,
): string {
  return (
    `${range} holds more than ${maxBuckets} ${interval} buckets, the maximum; ` +
    'choose a longer interval or a shorter range'
  );
}

/**
 * [from, to) cut at the local interval starts inside it, or undefined when that makes more than
 * maxBuckets buckets (found without building the rest).
 */
export function splitIntoBuckets(
  range: InstantRange,
  interval: Interval,
  timezone: string,
  maxBuckets: number,
): InstantRange[] | undefined {
  const buckets: InstantRange[] = [];
  let bucketFromMs = range.fromMs;
  let boundary = readingFields(readingAt(range.fromMs, timezone)).startOf(interval);
  for (;;) {
    boundary = nextIntervalStart(boundary, interval);
    const boundaryMs = firstInstantReading(boundary.toMillis(), timezone);
    if (boundaryMs >= range.toMs) break;
    // A boundary can resolve to an instant already passed: a local day skipped entirely
    // (Pacific/Apia, 2011-12-30) has no instants and so no bucket.
    if (boundaryMs <= bucketFromMs) continue;
    buckets.push({ fromMs: bucketFromMs, toMs: boundaryMs });
    if (buckets.length >= maxBuckets) return undefined;
    bucketFromMs = boundaryMs;
  }
  buckets.push({ fromMs: bucketFromMs, toMs: range.toMs });
  return buckets;
}

function nextIntervalStart(start: DateTime, interval: Interval): DateTime {
  switch (interval) {
    case 'day':
      return start.plus({ days: 1 });
    case 'week':
      return start.plus({ weeks: 1 });
    case 'month':
      return start.plus({ months: 1 });
    case 'quarter':
      return start.plus({ quarters: 1 });
    case 'year':
      return start.plus({ years: 1 });
  }
}
