/** Date presets of the growth panel, as local dates (YYYY-MM-DD) in a time zone. */
export type Preset = 'this_month' | 'last_month' | 'this_year' | 'last_7_days' | 'last_30_days';

export const PRESETS: { key: Preset; label: string }[] = [
  { key: 'this_month', label: 'This month' },
  { key: 'last_month', label: 'Last month' },
  { key: 'this_year', label: 'This year' },
  { key: 'last_7_days', label: 'Last 7 days' },
  { key: 'last_30_days', label: 'Last 30 days' },
];

/** Today's date in a zone (the browser's when empty or unknown). */
export function todayIn(timezone: string, now = new Date()): string {
  const format = (zone: string | undefined) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  try {
    return format(timezone === '' ? undefined : timezone);
  } catch {
    return format(undefined);
  }
}

/** Calendar arithmetic on a date alone, in UTC so no zone can shift it. */
function shiftDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

function monthStart(date: string, monthsAhead: number): string {
  const [year = 1970, month = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + monthsAhead;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The [from, to) of a preset: periods still running end in the future, and are counted to date. */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  switch (preset) {
    case 'this_month':
      return { from: monthStart(today, 0), to: monthStart(today, 1) };
    case 'last_month':
      return { from: monthStart(today, -1), to: monthStart(today, 0) };
    case 'this_year':
      return { from: `${today.slice(0, 4)}-01-01`, to: `${Number(today.slice(0, 4)) + 1}-01-01` };
    case 'last_7_days':
      return { from: shiftDays(today, -6), to: shiftDays(today, 1) };
    case 'last_30_days':
      return { from: shiftDays(today, -29), to: shiftDays(today, 1) };
  }
}
