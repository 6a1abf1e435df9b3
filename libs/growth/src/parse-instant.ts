import { DateTime } from 'luxon';
import { MINUTE_MS, firstInstantReading } from './local-time';

/** The forms `from` and `to` accept, for messages. */
export const INSTANT_FORMS =
  'use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), ' +
  'or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00';

/** The years a query may name: those the store can hold (DateTime64 covers 1900 to 2299). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2299;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;
/** A '+' sent unencoded in a URL arrives as a space: "2026-01-01T00:00 07:00". */
const OFFSET_PLUS_AS_SPACE = /^\d{4}-\d{2}-\d{2}T[\d:.]+ \d{2}:\d{2}$/;

export type ParsedInstant = { ok: true; instantMs: number } | { ok: false; message: string };

/**
 * Reads `from` or `to`. A date is the first instant of that local date in the zone; a
 * date and time without offset is a local reading in the zone (a reading skipped by a DST gap
 * means the instant the gap ends, a repeated one its first occurrence); with Z or an offset
 * it is that instant. Seconds, if given, must be zero: counts are kept per minute, and a
 * boundary inside a minute could not be honoured exactly.
 */
export function parseInstant(name: string, text: string, timezone: string): ParsedInstant {
  const invalid = (why: string): ParsedInstant => ({
    ok: false,
    message: `${name} ${quote(text)} is not a valid date or datetime${why}; ${INSTANT_FORMS}`,
  });
  if (OFFSET_PLUS_AS_SPACE.test(text)) {
    return {
      ok: false,
      message: `${name} ${quote(text)} has a space where its offset's '+' should be: encode '+' as %2B in the URL`,
    };
  }
  const match = INSTANT.exec(text);
  if (match === null) return invalid('');
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = match[7] ?? '';
  const offset = match[8];
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return {
      ok: false,
      message: `${name} must be in the years ${MIN_YEAR} to ${MAX_YEAR}: got ${quote(text)}`,
    };
  }
  if (month < 1 || month > 12) return invalid(` (there is no month ${month})`);
  const daysInMonth = DateTime.utc(year, month).daysInMonth ?? 31;
  if (day < 1 || day > daysInMonth) {
    return invalid(` (${year}-${pad(month)} has ${daysInMonth} days)`);
  }
  if (hour > 23 || minute > 59 || second > 59) return invalid(' (the time is out of range)');
  if (second !== 0 || /[1-9]/.test(fraction)) {
    return {
      ok: false,
      message: `${name} ${quote(text)} must be on a whole minute (seconds :00): counts are kept per minute`,
    };
  }
  const readingMs = Date.UTC(year, month - 1, day, hour, minute);
  if (offset === undefined)
    return { ok: true, instantMs: firstInstantReading(readingMs, timezone) };
  if (offset === 'Z') return { ok: true, instantMs: readingMs };
  const [, sign, offsetHours, offsetMinutes] = OFFSET.exec(offset) ?? [];
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) {
    return invalid(' (the offset is out of range)');
  }
  const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * MINUTE_MS;
  return { ok: true, instantMs: sign === '-' ? readingMs + offsetMs : readingMs - offsetMs };
}

/** A value echoed in a message: quoted, escaped, and cut short. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(shown).replace(/^"|"$/g, "'");
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
