import type { ConnectionState } from './connection-state';
import { expectedTraffic, type TrafficExpectation } from './expected-traffic';
import {
  formatCount,
  formatDuration,
  formatMs,
  formatRatioLimit,
  formatSuccessPercent,
} from './format';
import type { HealthThresholds } from './thresholds';
import type { WindowFigures } from './window-figures';

/** Which rule decided a classification; stored with events so they can be filtered by cause. */
export type HealthRule =
  | 'silence'
  | 'success-ratio-floor'
  | 'success-ratio-target'
  | 'p95-latency'
  | 'gap-under-silence'
  | 'no-traffic-none-expected'
  | 'insufficient-history'
  | 'too-few-to-judge'
  | 'within-thresholds';

/** The window figures plus what was derived from them: everything a reason refers to. */
export interface HealthFigures extends WindowFigures {
  /** Successes / transactions; null without transactions. */
  successRatio: number | null;
  /** now − lastSuccessMs (never negative); null when there was no success in the look-back. */
  sinceLastSuccessMs: number | null;
  expectation: TrafficExpectation;
}

export interface HealthClassification {
  state: ConnectionState;
  rule: HealthRule;
  /** Plain words with the numbers, e.g. "success ratio 41.2% under the 50% floor over …". */
  reason: string;
  figures: HealthFigures;
}

/**
 * Classifies one evaluation, on its own (the hysteresis is advanceTracker's job).
 * Rules, first match wins:
 *
 * 1. down, `silence`: traffic is expected and there was no success for `silenceMs`.
 * 2. down, `success-ratio-floor`: ≥ minVolume transactions, success ratio < downSuccessRatio.
 * 3. degraded, `success-ratio-target`: ≥ minVolume transactions, ratio < targetSuccessRatio.
 * 4. degraded, `p95-latency`: ≥ minVolume transactions, p95 > p95LatencyMs.
 * 5. No transaction in the window (and rule 1 did not fire):
 *    expectation unknown → unknown; not expected → idle; expected → healthy
 *    (`gap-under-silence`: a gap shorter than the silence limit is not yet an outage).
 * 6. unknown, `insufficient-history`: fewer than minVolume transactions, none successful for
 *    `silenceMs`, and it is not known whether more traffic is expected.
 * 7. healthy: `too-few-to-judge` under minVolume, otherwise `within-thresholds`.
 *
 * Silence comes before the ratio floor because it is the more direct statement of an outage
 * ("nothing gets through") when both hold. Latency, like the ratio, needs minVolume: the p95
 * of a handful of calls is just the slowest one. Boundaries: "under" and "over" are strict,
 * silence and volume are inclusive (exactly 10 min of silence is down).
 */
export function classifyConnection(
  figures: WindowFigures,
  thresholds: HealthThresholds,
  nowMs: number,
): HealthClassification {
  const { transactions } = figures;
  const successes = Math.max(0, transactions - figures.failures);
  const successRatio = transactions > 0 ? successes / transactions : null;
  const sinceLastSuccessMs =
    figures.lastSuccessMs === null ? null : Math.max(0, nowMs - figures.lastSuccessMs);
  const expectation = expectedTraffic(figures.baseline, thresholds);
  const all: HealthFigures = { ...figures, successRatio, sinceLastSuccessMs, expectation };
  const result = (state: ConnectionState, rule: HealthRule, reason: string) => ({
    state,
    rule,
    reason,
    figures: all,
  });

  const silent = sinceLastSuccessMs === null || sinceLastSuccessMs >= thresholds.silenceMs;
  const judged = transactions >= thresholds.minVolume;
  const inWindow = `in the last ${formatDuration(figures.windowMs)}`;
  // Only read where transactions ≥ minVolume ≥ 1.
  const ratioText = `success ratio ${transactions > 0 ? formatSuccessPercent(successes, transactions) : '-'}`;
  const volumeText = `${formatCount(transactions)} transaction${transactions === 1 ? '' : 's'} ${inWindow}`;
  const silenceText =
    sinceLastSuccessMs === null
      ? `no successful transaction for at least ${formatDuration(thresholds.silenceMs)}`
      : `no successful transaction for ${formatDuration(sinceLastSuccessMs)}`;

  if (silent && expectation.status === 'expected') {
    const traffic =
      transactions > 0
        ? `; ${volumeText}, ${formatCount(figures.failures)} failed`
        : figures.lastSeenMs !== null &&
            (figures.lastSuccessMs === null || figures.lastSeenMs > figures.lastSuccessMs)
          ? `; last transaction (a failure) ${formatDuration(Math.max(0, nowMs - figures.lastSeenMs))} ago`
          : '';
    return result(
      'down',
      'silence',
      `${silenceText} (limit ${formatDuration(thresholds.silenceMs)}) while ` +
        `${describeExpectation(expectation, figures.windowMs)}${traffic}`,
    );
  }
  if (judged && successRatio !== null && successRatio < thresholds.downSuccessRatio) {
    return result(
      'down',
      'success-ratio-floor',
      `${ratioText} under the ${formatRatioLimit(thresholds.downSuccessRatio)} floor over ${volumeText}`,
    );
  }
  if (judged && successRatio !== null && successRatio < thresholds.targetSuccessRatio) {
    return result(
      'degraded',
      'success-ratio-target',
      `${ratioText} under the ${formatRatioLimit(thresholds.targetSuccessRatio)} target over ${volumeText}`,
    );
  }
  if (judged && figures.p95LatencyMs !== null && figures.p95LatencyMs > thresholds.p95LatencyMs) {
    return result(
      'degraded',
      'p95-latency',
      `p95 latency ${formatMs(figures.p95LatencyMs)} over the ${formatMs(thresholds.p95LatencyMs)} limit (${volumeText})`,
    );
  }

  if (transactions === 0) {
    const noTraffic = `no transactions ${inWindow}`;
    switch (expectation.status) {
      case 'unknown':
        return result(
          'unknown',
          'insufficient-history',
          `${noTraffic}, and ${describeMissingHistory(expectation)}`,
        );
      case 'not-expected':
        return result(
          'idle',
          'no-traffic-none-expected',
          `${noTraffic} and none expected: ${describeExpectation(expectation, figures.windowMs)}, ` +
            `under the ${formatCount(thresholds.expectedMinTransactions)} that make traffic expected`,
        );
      case 'expected':
        // Not silent, or rule 1 would have fired, so there was a success in the look-back.
        return result(
          'healthy',
          'gap-under-silence',
          `${noTraffic}; last success ${formatDuration(sinceLastSuccessMs ?? 0)} ago, under the ` +
            `${formatDuration(thresholds.silenceMs)} silence limit`,
        );
    }
  }

  const tooFew = `too few to judge (minimum ${formatCount(thresholds.minVolume)})`;
  if (!judged && silent) {
    switch (expectation.status) {
      case 'unknown':
        return result(
          'unknown',
          'insufficient-history',
          `${silenceText} over ${volumeText}, ${tooFew}, and ${describeMissingHistory(expectation)}`,
        );
      case 'not-expected':
        return result(
          'healthy',
          'too-few-to-judge',
          `${silenceText} over ${volumeText}, ${tooFew}, and traffic is not expected at this time: ` +
            describeExpectation(expectation, figures.windowMs),
        );
      case 'expected':
        break; // rule 1 took it
    }
  }
  if (!judged) {
    const lastSuccess =
      sinceLastSuccessMs === null ? '' : `; last success ${formatDuration(sinceLastSuccessMs)} ago`;
    return result('healthy', 'too-few-to-judge', `${volumeText}, ${tooFew}${lastSuccess}`);
  }
  const latency =
    figures.p95LatencyMs === null
      ? 'no latency reported'
      : `p95 latency ${formatMs(figures.p95LatencyMs)}`;
  return result('healthy', 'within-thresholds', `${ratioText} over ${volumeText}, ${latency}`);
}

/** "about 340 were expected in this 5 min window (same window last week: 352; median …)". */
function describeExpectation(
  expectation: Extract<TrafficExpectation, { expectedTransactions: number }>,
  windowMs: number,
): string {
  const sources: string[] = [];
  if (expectation.sameWindowLastWeek !== null) {
    sources.push(`same window last week: ${formatCount(expectation.sameWindowLastWeek)}`);
  }
  if (expectation.trailingMedian !== null) {
    sources.push(
      `median of the trailing ${expectation.trailingDaysKnown} days: ${formatCount(expectation.trailingMedian)}`,
    );
  }
  return (
    `about ${formatCount(expectation.expectedTransactions)} ` +
    `${expectation.expectedTransactions === 1 ? 'was' : 'were'} expected in this ` +
    `${formatDuration(windowMs)} window (${sources.join('; ')})`
  );
}

function describeMissingHistory(
  expectation: Extract<TrafficExpectation, { status: 'unknown' }>,
): string {
  return (
    `with ${expectation.historyDays} of the ${expectation.requiredDays} days of history needed ` +
    `it is not yet known whether traffic is expected`
  );
}
