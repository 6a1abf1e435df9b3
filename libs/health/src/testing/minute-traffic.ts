// Test support (not exported from the library): per-minute traffic of one connection, a pure
// function of the profile and the minute, so scenarios can ask for any minute in any order.
import { type Rng, createRng, normal, poisson } from '@datashare/simulator';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Vietnam is UTC+7 all year; the daily rhythm follows local office hours. */
const LOCAL_OFFSET_MS = 7 * HOUR_MS;

/** One row of the minute rollup the evaluator's SQL reads. */
export interface MinuteRollup {
  minuteStartMs: number;
  transactions: number;
  failures: number;
  p95LatencyMs: number | null;
  lastSeenMs: number | null;
  lastSuccessMs: number | null;
}

export type TrafficIncident =
  /** The connection goes dark: nothing at all is reported. */
  | { kind: 'outage'; fromMs: number; toMs: number }
  /** This share of calls fails. */
  | { kind: 'failures'; fromMs: number; toMs: number; ratio: number }
  /** Latency is multiplied by `factor`. */
  | { kind: 'slowdown'; fromMs: number; toMs: number; factor: number }
  /** `periodMinutes` good minutes, then as many minutes where `ratio` of calls fail, and so on. */
  | { kind: 'flapping'; fromMs: number; toMs: number; periodMinutes: number; ratio: number };

export interface TrafficProfile {
  seed: number;
  /** Mean calls per minute at the busiest hour of a weekday. */
  peakPerMinute: number;
  /** Share of calls that fail on an ordinary minute. */
  failureRatio: number;
  latencyMedianMs: number;
  /** Activity on Saturdays and Sundays relative to weekdays; 1 when absent. */
  weekendFactor?: number;
  incidents?: readonly TrafficIncident[];
}

// (local hour, activity) knots of a government office day: near zero at night.
const OFFICE_DAY: readonly (readonly [number, number])[] = [
  [0, 0.001],
  [6, 0.001],
  [7, 0.1],
  [8, 0.6],
  [9, 1],
  [11, 1],
  [12, 0.4],
  [13, 0.4],
  [14, 0.9],
  [16.5, 0.8],
  [17.5, 0.2],
  [19, 0.03],
  [21, 0.005],
  [24, 0.001],
];

/** Activity at an instant in [0, 1]: the office day, times `weekendFactor` on weekends. */
export function officeActivity(timeMs: number, weekendFactor = 1): number {
  const local = timeMs + LOCAL_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
  const factor = weekday === 0 || weekday === 6 ? weekendFactor : 1;
  const hour = (local - day * DAY_MS) / HOUR_MS;
  for (let i = 1; i < OFFICE_DAY.length; i += 1) {
    const left = OFFICE_DAY[i - 1];
    const right = OFFICE_DAY[i];
    if (left === undefined || right === undefined) break;
    if (hour <= right[0]) {
      return factor * (left[1] + ((right[1] - left[1]) * (hour - left[0])) / (right[0] - left[0]));
    }
  }
  return 0;
}

/** The rollup of one minute. Deterministic: the same profile and minute give the same row. */
export function minuteTraffic(profile: TrafficProfile, minuteStartMs: number): MinuteRollup {
  const rng = rngFor(profile.seed, minuteStartMs / MINUTE_MS);
  const active = (kind: TrafficIncident['kind']) =>
    (profile.incidents ?? []).filter(
      (incident) =>
        incident.kind === kind && minuteStartMs >= incident.fromMs && minuteStartMs < incident.toMs,
    );
  const empty: MinuteRollup = {
    minuteStartMs,
    transactions: 0,
    failures: 0,
    p95LatencyMs: null,
    lastSeenMs: null,
    lastSuccessMs: null,
  };
  if (active('outage').length > 0) return empty;

  const transactions = poisson(
    rng,
    profile.peakPerMinute * officeActivity(minuteStartMs, profile.weekendFactor),
  );
  if (transactions === 0) return empty;

  let failureRatio = profile.failureRatio;
  for (const incident of profile.incidents ?? []) {
    if (minuteStartMs < incident.fromMs || minuteStartMs >= incident.toMs) continue;
    if (incident.kind === 'failures') failureRatio = incident.ratio;
    if (incident.kind === 'flapping') {
      const phase = Math.floor(
        (minuteStartMs - incident.fromMs) / MINUTE_MS / incident.periodMinutes,
      );
      if (phase % 2 === 1) failureRatio = incident.ratio;
    }
  }
  const failures = binomial(rng, transactions, failureRatio);

  const slowdown = active('slowdown').reduce(
    (factor, incident) => (incident.kind === 'slowdown' ? factor * incident.factor : factor),
    1,
  );
  // Log-normal latency with sigma 0.5: p95 ≈ median × e^(1.645 × 0.5) ≈ 2.3 × median.
  const p95LatencyMs = Math.round(
    profile.latencyMedianMs * slowdown * Math.exp(0.8225 + 0.1 * (rng() - 0.5)),
  );
  // The last call lands late in the minute; the last success, if different, somewhat earlier.
  const gap = MINUTE_MS / (transactions + 1);
  const lastSeenMs = minuteStartMs + MINUTE_MS - 1 - Math.floor(rng() * gap);
  const successes = transactions - failures;
  const lastSuccessMs =
    successes === 0
      ? null
      : failures === 0
        ? lastSeenMs
        : Math.max(minuteStartMs, lastSeenMs - Math.floor(rng() * (MINUTE_MS / (successes + 1))));
  return { minuteStartMs, transactions, failures, p95LatencyMs, lastSeenMs, lastSuccessMs };
}

/** The rollups of [fromMs, toMs), only the minutes with traffic (as a rollup table holds them). */
export function minuteSeries(
  profile: TrafficProfile,
  fromMs: number,
  toMs: number,
): MinuteRollup[] {
  const rows: MinuteRollup[] = [];
  for (let minute = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS; minute < toMs; minute += MINUTE_MS) {
    const row = minuteTraffic(profile, minute);
    if (row.transactions > 0) rows.push(row);
  }
  return rows;
}

/** mulberry32 seeded from (seed, minute), so every minute has its own reproducible draws. */
function rngFor(seed: number, minuteIndex: number): Rng {
  return createRng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(minuteIndex, 0xc2b2ae35));
}

/** Binomial draw: normal approximation for large counts, Poisson (from the rarer side) else. */
function binomial(rng: Rng, trials: number, p: number): number {
  if (trials * Math.min(p, 1 - p) >= 10) {
    const draw = Math.round(trials * p + Math.sqrt(trials * p * (1 - p)) * normal(rng));
    return Math.min(trials, Math.max(0, draw));
  }
  return p <= 0.5
    ? Math.min(trials, poisson(rng, trials * p))
    : trials - Math.min(trials, poisson(rng, trials * (1 - p)));
}
