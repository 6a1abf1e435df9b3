import type { InstantRange } from './growth-types';
import {
  DAY_MS,
  MINUTE_MS,
  firstInstantReading,
  isLocalDayStart,
  readingAt,
  readingFields,
  readingMidnight,
} from './local-time';

/** Whole days to read from the day rollup, as instants and as its day keys (to exclusive). */
export interface DayRollupRead extends InstantRange {
  fromDate: string;
  toDate: string;
}

/** How to count a range from the rollups; the pieces tile [floor(from), floor(to)) exactly. */
export interface RollupReads {
  days: DayRollupRead | null;
  /** At most two pieces, before and after the whole days, each on whole minutes. */
  minutes: InstantRange[];
}

/**
 * Splits [fromMs, toMs) into the whole days of dayTimezone inside it, read from the day rollup,
 * and the edges, read from the minute rollup (UTC minutes). dayTimezone is the zone the day
 * rollup counts its days in (UTC unless the rollup is kept in local days).
 *
 * Ends that are not on a whole minute are rounded down: a minute is counted in the range that
 * holds its start. Ranges that tile the time line therefore still count each minute once, and
 * "now" as an end leaves out the minute in progress. Query boundaries are on whole minutes
 * already (parseGrowthQuery rejects others), and so are local midnights in every zone today,
 * including the :30 and :45 ones (Asia/Kolkata, Asia/Kathmandu), so for them this is exact.
 */
export function planRollupReads(fromMs: number, toMs: number, dayTimezone = 'UTC'): RollupReads {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs > toMs) {
    throw new RangeError(`not a range of instants: [${fromMs}, ${toMs})`);
  }
  const from = floorToMinute(fromMs);
  const to = floorToMinute(toMs);
  const firstDayStart = dayStartAtOrAfter(from, dayTimezone);
  const endDayStart = firstInstantReading(readingMidnight(readingAt(to, dayTimezone)), dayTimezone);
  const daysFit =
    firstDayStart < endDayStart && firstDayStart % MINUTE_MS === 0 && endDayStart % MINUTE_MS === 0;
  if (!daysFit) return { days: null, minutes: from < to ? [{ fromMs: from, toMs: to }] : [] };
  const minutes: InstantRange[] = [];
  if (from < firstDayStart) minutes.push({ fromMs: from, toMs: firstDayStart });
  if (endDayStart < to) minutes.push({ fromMs: endDayStart, toMs: to });
  return {
    days: {
      fromMs: firstDayStart,
      toMs: endDayStart,
      fromDate: localDate(firstDayStart, dayTimezone),
      toDate: localDate(endDayStart, dayTimezone),
    },
    minutes,
  };
}

function floorToMinute(ms: number): number {
  return ms - (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
}

function dayStartAtOrAfter(instantMs: number, timezone: string): number {
  if (isLocalDayStart(instantMs, timezone)) return instantMs;
  return firstInstantReading(readingMidnight(readingAt(instantMs, timezone)) + DAY_MS, timezone);
}

/** The local date that starts at a day start. */
function localDate(dayStartMs: number, timezone: string): string {
  return readingFields(readingMidnight(readingAt(dayStartMs, timezone))).toISODate() ?? '';
}
