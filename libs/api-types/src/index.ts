/**
 * The JSON the read APIs answer (docs/api.md, docs/api/openapi.json), declared once for the
 * server's mappers and for the browser console. Declarations only: no runtime code and no
 * imports, so that the console's bundle can use them without pulling in any server code.
 */

/** A connection's health; `unknown` until the evaluator has judged it. */
export type ConnectionState = 'healthy' | 'degraded' | 'down' | 'idle' | 'unknown';

export interface ConnectionKeyDto {
  platform: string;
  consumer: string;
  provider: string;
}

/** One connection as GET /api/v1/connections shows it. */
export interface ConnectionDto extends ConnectionKeyDto {
  state: ConnectionState;
  /** When the current state was entered; null while unknown. */
  since: string | null;
  reason: string | null;
  window: {
    from: string;
    to: string;
    transactions: number;
    failures: number;
    successRatio: number | null;
    p95LatencyMs: number | null;
    lastSeen: string | null;
    lastSuccess: string | null;
  };
}

/** GET /api/v1/connections. */
export interface ConnectionListDto {
  at: string;
  connections: ConnectionDto[];
}

/** The window figures a health change was decided on. */
export interface HealthFiguresDto {
  transactions: number;
  failures: number;
  p95LatencyMs: number | null;
  successRatio: number | null;
}

/** One confirmed change of a connection's state (GET /api/v1/connections/events). */
export interface HealthEventDto extends ConnectionKeyDto {
  at: string;
  state: ConnectionState;
  previousState: ConnectionState;
  rule: string;
  reason: string;
  figures: HealthFiguresDto;
}

export type CompareDto = 'previous_period' | 'previous_year';
export type GrowthIntervalDto = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** GET /api/v1/growth. Timestamps carry the offset of `timezone`. */
export interface GrowthDto {
  timezone: string;
  compare: CompareDto;
  current: { from: string; to: string; countedTo: string; transactions: number; partial: boolean };
  previous: { from: string; to: string; countedTo: string; transactions: number };
  change: number;
  growthPercent: number | null;
  groups: {
    key: string;
    current: number;
    previous: number;
    change: number;
    growthPercent: number | null;
  }[];
  watermark: string | null;
  provisional: boolean;
}

export interface SeriesBucketDto {
  from: string;
  to: string;
  partial: boolean;
  transactions: number;
  previous: { from: string; to: string; transactions: number };
  change: number;
  growthPercent: number | null;
}

/** GET /api/v1/growth/series: each bucket with its counterpart in the compared period. */
export interface SeriesDto {
  timezone: string;
  interval: GrowthIntervalDto;
  compare: CompareDto;
  buckets: SeriesBucketDto[];
  watermark: string | null;
  provisional: boolean;
}

/** Buckets of GET /api/v1/connections/series: UTC minutes, or hours or days of `timezone`. */
export type TrafficIntervalDto = 'minute' | 'hour' | 'day';

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

/** GET /api/v1/connections/series. */
export interface ConnectionSeriesDto {
  from: string;
  to: string;
  interval: TrafficIntervalDto;
  /** The zone whose hours and days the buckets follow (REPORT_TIMEZONE); minutes are UTC. */
  timezone: string;
  /** How many connections the figures add up. */
  connections: number;
  buckets: ConnectionSeriesBucketDto[];
}

/** GET /api/v1/agencies/{code}. */
export interface AgencyDto {
  code: string;
  /** The worst state among its connections. */
  state: ConnectionState;
  asConsumer: ConnectionDto[];
  asProvider: ConnectionDto[];
  /** Transactions where the agency is either party, this period against the compared one. */
  growth: GrowthDto;
}
