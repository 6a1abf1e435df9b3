/**
 * The answers of the read APIs as the page reads them: the fields it uses, as docs/api.md and
 * docs/api/openapi.json describe them (the server's own types live with its Nest code, which
 * does not belong in a browser bundle).
 */
export type ConnectionState = 'healthy' | 'degraded' | 'down' | 'idle' | 'unknown';

export interface ConnectionKey {
  platform: string;
  consumer: string;
  provider: string;
}

export interface Connection extends ConnectionKey {
  state: ConnectionState;
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

export interface ConnectionList {
  at: string;
  connections: Connection[];
}

export interface HealthEvent extends ConnectionKey {
  at: string;
  state: ConnectionState;
  previousState: ConnectionState;
  rule: string;
  reason: string;
  figures: {
    transactions: number;
    failures: number;
    p95LatencyMs: number | null;
    successRatio: number | null;
  };
}

export type Compare = 'previous_period' | 'previous_year';
export type Interval = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface Growth {
  timezone: string;
  compare: Compare;
  current: { from: string; to: string; countedTo: string; transactions: number; partial: boolean };
  previous: { from: string; to: string; countedTo: string; transactions: number };
  change: number;
  growthPercent: number | null;
  watermark: string | null;
  provisional: boolean;
}

export interface SeriesBucket {
  from: string;
  to: string;
  partial: boolean;
  transactions: number;
  previous: { from: string; to: string; transactions: number };
  change: number;
  growthPercent: number | null;
}

export interface Series {
  timezone: string;
  interval: Interval;
  compare: Compare;
  buckets: SeriesBucket[];
  watermark: string | null;
  provisional: boolean;
}

/** GET /api/v1/connections/series: buckets are UTC minutes, or hours or days of `timezone`. */
export type TrafficInterval = 'minute' | 'hour' | 'day';

export interface TrafficBucket {
  from: string;
  to: string;
  transactions: number;
  failures: number;
  successRatio: number | null;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
}

export interface TrafficSeries {
  from: string;
  to: string;
  interval: TrafficInterval;
  timezone: string;
  connections: number;
  buckets: TrafficBucket[];
}

export interface Agency {
  code: string;
  state: ConnectionState;
  asConsumer: Connection[];
  asProvider: Connection[];
  growth: Growth;
}
