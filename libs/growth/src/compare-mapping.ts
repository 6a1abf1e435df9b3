import type { PeriodSpec } from './growth-types';
import {
  firstInstantReading,
  isLocalDayStart,
  readingFields,
  shiftableReading,
} from './local-time';

/** Maps an instant of the current period to the matching instant of the compared period. */
export type PreviousInstant = (currentMs: number) => number;

/**
 * The mapping f from current-period instants to compared-period instants. The compared period
 * is [f(from), f(to)), a bucket's counterpart is f of its ends, and a period still running is
 * compared up to f(now). f is monotonic (never maps a later instant to an earlier one), so
 * counterparts of adjacent buckets are adjacent and never overlap.
 *
 * - previous_year: the local reading one calendar year earlier (Feb 29 → Feb 28).
 * - previous_period: back by the period's length. When both ends are local day starts the
 *   length is a whole number of local days and the shift is made in days, so that a 23- or
 *   25-hour DST day is compared with the whole day before it; otherwise it is made in ms.
 *
 * Where local time is moved, DST gaps and repeated hours are handled by shiftableReading
 * and firstInstantReading (local-time.ts).
 */
export function previousInstantMapping(spec: PeriodSpec): PreviousInstant {
  const { fromMs, toMs, timezone } = spec;
  switch (spec.compare) {
    case 'previous_year':
      return (ms) =>
        firstInstantReading(readingYearEarlier(shiftableReading(ms, timezone)), timezone);
    case 'previous_period': {
      if (isLocalDayStart(fromMs, timezone) && isLocalDayStart(toMs, timezone)) {
        // Day starts stand for their midnights: the difference is a whole number of days.
        const wholeDaysMs = shiftableReading(toMs, timezone) - shiftableReading(fromMs, timezone);
        return (ms) => firstInstantReading(shiftableReading(ms, timezone) - wholeDaysMs, timezone);
      }
      const lengthMs = toMs - fromMs;
      return (ms) => ms - lengthMs;
    }
  }
}

/**
 * The same local reading one calendar year earlier. luxon moves Feb 29 to Feb 28. Feb 28 of a
 * leap year then has no day of its own left in the year before: Feb 29 00:00 already maps to
 * Feb 28 00:00, so every reading of Feb 28 maps there too (a later reading never maps earlier).
 * A day bucket of Feb 28 in a leap year is therefore compared with an empty period, and
 * Feb 29 with Feb 28.
 */
function readingYearEarlier(wallMs: number): number {
  const fields = readingFields(wallMs);
  if (fields.isInLeapYear && fields.month === 2 && fields.day === 28) {
    return fields.startOf('day').minus({ years: 1 }).toMillis();
  }
  return fields.minus({ years: 1 }).toMillis();
}
