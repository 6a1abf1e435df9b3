import { todayIn } from '../growth/periods';
import { settings } from '../settings';

const DAY_MS = 86_400_000;

/** The events look-back of the drill-downs: the last 7 days, to a minute ahead of now. */
export function recentEventsRange(nowMs = Date.now()): { from: string; to: string } {
  return {
    from: new Date(nowMs - 7 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    to: new Date(nowMs + 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** The volume look-back of the drill-downs: the last 30 days of the report zone, today included. */
export function recentDaysRange(): { from: string; to: string } {
  const today = todayIn(settings.reportTimezone);
  const shift = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  return { from: shift(-29), to: shift(1) };
}
