import { type PreviousInstant, previousInstantMapping } from './compare-mapping';
import type { InstantRange, PeriodPair, PeriodSpec } from './growth-types';

/**
 * The current period of a query and the period it is compared with, as seen at nowMs. A period
 * that reaches past now is partial: it is counted up to now, and the compared period up to the
 * matching instant, so that both cover the same share of their periods ("to date"). A period
 * that has not started yet counts nothing in either.
 */
export function comparePeriods(spec: PeriodSpec, nowMs: number): PeriodPair {
  return pairWithPrevious(spec, previousInstantMapping(spec), nowMs);
}

/** One range (a period or a bucket) and its counterpart under f, counted up to nowMs. */
export function pairWithPrevious(
  range: InstantRange,
  previousInstant: PreviousInstant,
  nowMs: number,
): PeriodPair {
  const countedToMs = Math.min(range.toMs, Math.max(range.fromMs, nowMs));
  return {
    current: {
      fromMs: range.fromMs,
      toMs: range.toMs,
      countedToMs,
      partial: range.toMs > nowMs,
    },
    previous: {
      fromMs: previousInstant(range.fromMs),
      toMs: previousInstant(range.toMs),
      countedToMs: previousInstant(countedToMs),
    },
  };
}
