/**
 * Period-over-period growth arithmetic for GET /api/v1/growth and /api/v1/growth/series. Pure:
 * no I/O and no clock of its own; "now" is always a parameter. Time-zone rules come from luxon.
 *
 * Parameters (parseGrowthQuery, parseSeriesQuery):
 * - from (inclusive), to (exclusive), both required: a date YYYY-MM-DD (the start of that
 *   local day in tz), a local time YYYY-MM-DDTHH:mm[:ss] (a reading in tz: one skipped by a DST
 *   gap means the instant the gap ends, a repeated one its first occurrence), or a datetime
 *   with Z or an offset (that instant). Seconds must be :00, since counts are kept per minute.
 *   Years 1900 to 2299. from must be before to, and to at most maxRangeDays local days
 *   after from.
 * - tz: an IANA zone, default limits.defaultTimezone (REPORT_TIMEZONE).
 * - compare: previous_period (default) or previous_year.
 * - groupBy (growth only): platform, consumer, provider or service.
 * - interval (series only, required): day, week (ISO, from Monday), month, quarter or year;
 *   at most maxBuckets buckets.
 * - platform, consumer, provider: codes of 1 to 64 characters [A-Za-z0-9._-]; service: 1 to 128.
 * - Anything else is rejected, naming the unknown parameter: a typo in a filter must not
 *   silently widen an auditor's figures. A parameter given twice is rejected too.
 * Every rejection is { ok: false, message } with a message that says what is wrong.
 *
 * Comparison (comparePeriods, seriesBuckets): the compared period is [f(from), f(to)) for the
 * monotonic mapping f described at previousInstantMapping; a period reaching past now is
 * partial, counted to now, and its counterpart to f(now). Series buckets follow the same f.
 *
 * Storage (planRollupReads): whole days (UTC by default, or of the zone the day rollup counts
 * in) from the day rollup, the rest from UTC minutes; ends are rounded down to the minute.
 */
export {
  COMPARES,
  GROUP_BYS,
  INTERVALS,
  type Compare,
  type ConnectionFilters,
  type GroupBy,
  type GrowthQuery,
  type InstantRange,
  type Interval,
  type Parsed,
  type PeriodPair,
  type PeriodSpec,
  type SeriesQuery,
} from './growth-types';
export {
  parseGrowthQuery,
  parseSeriesQuery,
  type GrowthLimits,
  type RawQuery,
  type SeriesLimits,
} from './parse-query';
export { comparePeriods } from './compare-periods';
export { previousInstantMapping, type PreviousInstant } from './compare-mapping';
export { seriesBuckets, splitIntoBuckets } from './series-buckets';
export { growthFigures, growthPercent, isProvisional, type GrowthFigures } from './growth-figures';
export { formatInstant } from './format-instant';
export { planRollupReads, type DayRollupRead, type RollupReads } from './rollup-plan';
