const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

export function formatCount(value: number): string {
  return integer.format(value);
}

/** A ratio 0–1 as a percentage; "–" when there is nothing to divide. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '–' : `${oneDecimal.format(ratio * 100)} %`;
}

/** A signed growth percentage; null means the compared period counted nothing. */
export function formatGrowth(percent: number | null): string {
  if (percent === null) return 'n/a';
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return `${sign}${oneDecimal.format(Math.abs(percent))} %`;
}

export function formatSigned(value: number): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return `${sign}${integer.format(Math.abs(value))}`;
}

export function formatLatency(ms: number | null): string {
  if (ms === null) return '–';
  if (ms >= 30_000) return '≥ 30 s';
  return ms >= 1000 ? `${oneDecimal.format(ms / 1000)} s` : `${integer.format(ms)} ms`;
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" without a time. */
export function formatAgo(iso: string | null, nowMs: number): string {
  if (iso === null) return 'never';
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const localTime = new Intl.DateTimeFormat('sv-SE', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An instant of the API in the browser's own zone, to the second: "2026-11-22 21:17:48". */
export function formatLocalTime(iso: string): string {
  return localTime.format(new Date(iso));
}

/** Only the clock reading of an instant, in the browser's zone: "21:17:48". */
export function formatClock(ms: number): string {
  return localTime.format(new Date(ms)).slice(11);
}

/** "1 transaction", "2 transactions". */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The wall-clock reading of an API timestamp in the zone it was written in (the growth answers
 * carry the query zone's offset): "2026-11-23 01:35".
 */
export function formatZoned(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

/** An instant read in a zone, to the minute: "2026-11-20 09:00" (the browser's zone if unknown). */
export function formatInZone(iso: string, timezone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  };
  try {
    return new Intl.DateTimeFormat('sv-SE', { ...options, timeZone: timezone }).format(
      new Date(iso),
    );
  } catch {
    return new Intl.DateTimeFormat('sv-SE', options).format(new Date(iso));
  }
}
