// Test support: what the evaluator's SQL computes, done over an in-memory minute series, so the
// scenarios drive classifyConnection exactly as the evaluator will.
import type { WindowFigures } from '../window-figures';
import type { MinuteRollup } from './minute-traffic';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Minute rollups of one connection, by minute. Missing minutes carried no traffic. */
export interface MinuteSeries {
  /** The connection's first rollup: baseline windows that start earlier are unknown (null). */
  firstMinuteMs: number | null;
  at(minuteStartMs: number): MinuteRollup | undefined;
}

export function indexMinutes(rows: readonly MinuteRollup[]): MinuteSeries {
  const byMinute = new Map(rows.map((row) => [row.minuteStartMs, row]));
  const firstMinuteMs = rows.reduce<number | null>(
    (first, row) => (first === null || row.minuteStartMs < first ? row.minuteStartMs : first),
    null,
  );
  return { firstMinuteMs, at: (minute) => byMinute.get(minute) };
}

export interface WindowOptions {
  windowMs: number;
  /** How many trailing days the baseline samples (day 1 = yesterday). */
  trailingDays?: number;
  /** How far back lastSeenMs / lastSuccessMs are looked for; must be at least silenceMs. */
  lookbackMs?: number;
}

/**
 * WindowFigures at `nowMs` from complete minutes only: the window is the `windowMs` of whole
 * minutes that end at the start of the current minute (a 30 s evaluator sees the same window
 * twice a minute). The window p95 is the transaction-weighted mean of minute p95s, an
 * approximation; the SQL merges quantile states instead.
 */
export function windowFiguresAt(
  series: MinuteSeries,
  nowMs: number,
  { windowMs, trailingDays = 7, lookbackMs = 60 * MINUTE_MS }: WindowOptions,
): WindowFigures {
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  let transactions = 0;
  let failures = 0;
  let latencyWeight = 0;
  let latencySum = 0;
  for (let minute = endMs - windowMs; minute < endMs; minute += MINUTE_MS) {
    const row = series.at(minute);
    if (row === undefined) continue;
    transactions += row.transactions;
    failures += row.failures;
    if (row.p95LatencyMs !== null) {
      latencyWeight += row.transactions;
      latencySum += row.transactions * row.p95LatencyMs;
    }
  }

  let lastSeenMs: number | null = null;
  let lastSuccessMs: number | null = null;
  for (let minute = endMs - MINUTE_MS; minute >= endMs - lookbackMs; minute -= MINUTE_MS) {
    const row = series.at(minute);
    if (row === undefined) continue;
    lastSeenMs ??= row.lastSeenMs;
    lastSuccessMs ??= row.lastSuccessMs;
    if (lastSeenMs !== null && lastSuccessMs !== null) break;
  }

  const sample = (daysBack: number): number | null => {
    const startMs = endMs - daysBack * DAY_MS - windowMs;
    if (series.firstMinuteMs === null || startMs < series.firstMinuteMs) return null;
    let count = 0;
    for (let minute = startMs; minute < startMs + windowMs; minute += MINUTE_MS) {
      count += series.at(minute)?.transactions ?? 0;
    }
    return count;
  };

  return {
    windowMs,
    transactions,
    failures,
    p95LatencyMs: latencyWeight > 0 ? Math.round(latencySum / latencyWeight) : null,
    lastSeenMs,
    lastSuccessMs,
    baseline: {
      sameWindowLastWeek: sample(7),
      sameWindowTrailingDays: Array.from({ length: trailingDays }, (_, i) => sample(i + 1)),
    },
  };
}
