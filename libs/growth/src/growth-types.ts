/** What the current period is compared with. */
export const COMPARES = ['previous_period', 'previous_year'] as const;
export type Compare = (typeof COMPARES)[number];

/** The length of the buckets of a series, aligned in the query's time zone. */
export const INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/** The connection attribute that growth can be broken down by. */
export const GROUP_BYS = ['platform', 'consumer', 'provider', 'service'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/** Codes a query is narrowed to; an absent key does not filter. */
export interface ConnectionFilters {
  platform?: string;
  consumer?: string;
  provider?: string;
  service?: string;
}

/** A half-open span of instants [fromMs, toMs), epoch ms. */
export interface InstantRange {
  fromMs: number;
  toMs: number;
}

/** What comparing needs: the current period, the zone it is read in and the comparison. */
export interface PeriodSpec extends InstantRange {
  /** IANA zone in which dates, days and calendar years are read. */
  timezone: string;
  compare: Compare;
}

export interface GrowthQuery extends PeriodSpec {
  groupBy?: GroupBy;
  filters: ConnectionFilters;
}

export interface SeriesQuery extends PeriodSpec {
  interval: Interval;
  filters: ConnectionFilters;
}

/**
 * A current period and the period it is compared with. countedToMs is where counting stops:
 * toMs for a period that is over, and for one still running (partial) the instant "now",
 * with the previous period cut at the matching instant.
 */
export interface PeriodPair {
  current: InstantRange & { countedToMs: number; partial: boolean };
  previous: InstantRange & { countedToMs: number };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
