import type { TrafficInterval } from '../api/wire';
import { todayIn } from '../growth/periods';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type TrafficRangeChoice = 'hour_by_minute' | 'day_by_hour' | 'week_by_hour' | 'month_by_day';

export const TRAFFIC_RANGES: { key: TrafficRangeChoice; label: string }[] = [
  { key: 'hour_by_minute', label: 'Last hour, by minute' },
  { key: 'day_by_hour', label: 'Last 24 hours, by hour' },
  { key: 'week_by_hour', label: 'Last 7 days, by hour' },
  { key: 'month_by_day', label: 'Last 30 days, by day' },
];

export interface TrafficRange {
  from: string;
  to: string;
  interval: TrafficInterval;
}

/**
 * The query of a choice at `nowMs`: whole buckets up to the one in progress (the API answers
 * whole minutes only). Days are the calendar days of `timezone`, the zone the API cuts days in.
 */
export function trafficRange(
  choice: TrafficRangeChoice,
  nowMs: number,
  timezone: string,
): TrafficRange {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const minuteEnd = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const hourEnd = Math.floor(nowMs / HOUR_MS) * HOUR_MS + HOUR_MS;
  switch (choice) {
    case 'hour_by_minute':
      return { from: iso(minuteEnd - HOUR_MS), to: iso(minuteEnd), interval: 'minute' };
    case 'day_by_hour':
      return { from: iso(hourEnd - DAY_MS), to: iso(hourEnd), interval: 'hour' };
    case 'week_by_hour':
      return { from: iso(hourEnd - 7 * DAY_MS), to: iso(hourEnd), interval: 'hour' };
    case 'month_by_day': {
      const today = Date.parse(`${todayIn(timezone, new Date(nowMs))}T00:00:00Z`);
      return {
        from: iso(localMidnightMs(today - 29 * DAY_MS, timezone)),
        to: iso(localMidnightMs(today + DAY_MS, timezone)),
        interval: 'day',
      };
    }
  }
}

/** The instant a date (given as its UTC midnight) begins in a zone. */
function localMidnightMs(dateMs: number, timezone: string): number {
  const first = dateMs - offsetMs(dateMs, timezone);
  // Read the offset again where the day begins: it may differ across a DST change.
  return dateMs - offsetMs(first, timezone);
}

/** How far the zone's clock is ahead of UTC at an instant, in ms (whole minutes). */
function offsetMs(instantMs: number, timezone: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(new Date(instantMs));
  } catch {
    return 0;
  }
  const field = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const reading = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
  );
  return reading - Math.floor(instantMs / MINUTE_MS) * MINUTE_MS;
}
