const MINUTE_MS = 60_000;

/** The limits one connection is judged by. Durations are milliseconds. */
export interface HealthThresholds {
  /** Length of the evaluation window; whole minutes, because the SQL reads minute rollups. */
  windowMs: number;
  /** With traffic expected, this long without a success means `down`. */
  silenceMs: number;
  /** A success ratio under this, over at least `minVolume` transactions, means `down`. */
  downSuccessRatio: number;
  /** A success ratio under this, over at least `minVolume` transactions, means `degraded`. */
  targetSuccessRatio: number;
  /** Fewest transactions in the window for the ratio and latency rules to judge at all. */
  minVolume: number;
  /** A p95 latency over this, over at least `minVolume` transactions, means `degraded`. */
  p95LatencyMs: number;
  /** Consecutive evaluations a worse state must hold before it is entered. */
  enterWorseAfter: number;
  /** Consecutive evaluations a better (or equally severe) state must hold before it is entered. */
  recoverAfter: number;
  /** Traffic is expected when the baseline figure for the window is at least this. */
  expectedMinTransactions: number;
  /** Days of history at this time of day needed before "expected or not" is known. */
  minHistoryDays: number;
}

/**
 * Built-in defaults, the bottom layer under the thresholds file.
 *
 * - windowMs 5 min: enough volume for a meaningful ratio on a moderately busy link, short
 *   enough that an outage shows within minutes; the example figures in the requirements
 *   ("over 120 transactions in the last 5 min") use it too.
 * - silenceMs 10 min: with at least `expectedMinTransactions` (5) expected per 5 min, about
 *   10 are expected in 10 min, and a Poisson stream stays silent that long with probability
 *   e^-10 ≈ 0.005 %: silence is then a fault, not chance.
 * - minVolume 50: a ratio over few calls is mostly noise. At 50, two failures (96 %) cannot
 *   cross the 95 % target, so a link with an ordinary 0.5–1 % failure rate is rarely degraded
 *   by chance. On the generated traffic of the scenario tests (15 days, 20 calls a minute at
 *   peak, 0.5 % failures) a minimum of 20 raised 10 false `degraded` blips, 50 raised 2.
 *   Quieter links are still watched by the silence rule; a connection override can lower it.
 * - downSuccessRatio 50 %, targetSuccessRatio 95 %, p95LatencyMs 3 s: the requirement's values.
 * - enterWorseAfter 2, recoverAfter 3: at a 30 s evaluation interval a problem is raised after
 *   about a minute and cleared after a minute and a half of good figures.
 * - minHistoryDays 7: a full week, so the same window last week (the weekly rhythm: a quiet
 *   Sunday) is part of every judgement. Only the silence and idle decisions need it; ratio and
 *   latency are judged from the first day.
 */
export const DEFAULT_HEALTH_THRESHOLDS: Readonly<HealthThresholds> = Object.freeze({
  windowMs: 5 * MINUTE_MS,
  silenceMs: 10 * MINUTE_MS,
  downSuccessRatio: 0.5,
  targetSuccessRatio: 0.95,
  minVolume: 50,
  p95LatencyMs: 3_000,
  enterWorseAfter: 2,
  recoverAfter: 3,
  expectedMinTransactions: 5,
  minHistoryDays: 7,
});

/**
 * Which value of a field is the stricter one: the value that detects a problem sooner or
 * clears it later. Used when the consumer's and the provider's agency both override a field.
 * A shorter window is taken as stricter because it reacts sooner.
 */
export const STRICTER_VALUE: Readonly<Record<keyof HealthThresholds, 'lower' | 'higher'>> =
  Object.freeze({
    windowMs: 'lower',
    silenceMs: 'lower',
    downSuccessRatio: 'higher',
    targetSuccessRatio: 'higher',
    minVolume: 'lower',
    p95LatencyMs: 'lower',
    enterWorseAfter: 'lower',
    recoverAfter: 'higher',
    expectedMinTransactions: 'lower',
    minHistoryDays: 'lower',
  });
