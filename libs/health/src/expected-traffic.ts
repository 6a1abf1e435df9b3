import type { HealthThresholds } from './thresholds';
import type { BaselineFigures } from './window-figures';

const LAST_WEEK_DAY = 7;

/**
 * Whether traffic is expected in the evaluation window, and the figure behind the answer.
 * `expectedTransactions` is the baseline estimate for the window; `historyDays` is how far
 * back the known samples reach.
 */
export type TrafficExpectation =
  | { status: 'unknown'; historyDays: number; requiredDays: number }
  | {
      status: 'expected' | 'not-expected';
      expectedTransactions: number;
      sameWindowLastWeek: number | null;
      trailingMedian: number | null;
      trailingDaysKnown: number;
      historyDays: number;
    };

/**
 * Traffic is expected when the baseline figure for the window is at least
 * `expectedMinTransactions`, where the figure is
 *
 *     min(same window last week, median of the same window over the trailing days)
 *
 * (either alone when the other is missing). Why this and not one median over all samples:
 * - The median of the trailing days ignores a single odd day (yesterday's outage, a holiday)
 *   in either direction.
 * - The trailing days mix weekdays and weekends. On a Sunday morning five of the last seven
 *   days were busy weekdays, so their median (or a median pooled with last Sunday) says
 *   "busy", and a province that is always quiet on Sundays would be called down. The same
 *   window last week carries the weekly rhythm; taking the lower of the two means both the
 *   week and the recent days must agree that traffic is normal now.
 * - Erring low only makes `down`-by-silence rarer (a connection that was broken at this hour
 *   last week is not expected to carry traffic now); the ratio and latency rules do not
 *   depend on it.
 *
 * It is `unknown` until the samples reach back `minHistoryDays` days (day 7 is
 * `sameWindowLastWeek`; trailing sample i is day i + 1).
 */
export function expectedTraffic(
  baseline: BaselineFigures,
  thresholds: Pick<HealthThresholds, 'expectedMinTransactions' | 'minHistoryDays'>,
): TrafficExpectation {
  const trailing: number[] = [];
  let historyDays = 0;
  baseline.sameWindowTrailingDays.forEach((count, index) => {
    if (count === null) return;
    trailing.push(count);
    historyDays = Math.max(historyDays, index + 1);
  });
  const lastWeek = baseline.sameWindowLastWeek;
  if (lastWeek !== null) historyDays = Math.max(historyDays, LAST_WEEK_DAY);

  const trailingMedian = median(trailing);
  if (historyDays < thresholds.minHistoryDays || (lastWeek === null && trailingMedian === null)) {
    return { status: 'unknown', historyDays, requiredDays: thresholds.minHistoryDays };
  }
  const expectedTransactions = Math.min(lastWeek ?? Infinity, trailingMedian ?? Infinity);
  return {
    status:
      expectedTransactions >= thresholds.expectedMinTransactions ? 'expected' : 'not-expected',
    expectedTransactions,
    sameWindowLastWeek: lastWeek,
    trailingMedian,
    trailingDaysKnown: trailing.length,
    historyDays,
  };
}

/** Median; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}
