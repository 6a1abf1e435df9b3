import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

/**
 * Local clock readings and their instants. A reading ("wall ms") is a local date and time
 * encoded as the epoch ms of the same calendar fields in UTC, so that calendar arithmetic on
 * readings (a day, a year back) is plain arithmetic with no zone in it. The zone's offsets come
 * from luxon; what this file adds is one consistent choice at the two places where readings and
 * instants do not correspond one to one:
 *
 * - a gap (clocks set forward): readings in it never happen. A reading resolves to the first
 *   instant at which the clock reads it or later, which for a reading in a gap is the instant
 *   the gap ends. This is what a range boundary means ("from 02:30" counts everything from the
 *   moment the clock has passed 02:30), and it keeps the resolution monotonic.
 * - an overlap (clocks set back): readings in it happen twice. A reading resolves to its first
 *   occurrence, by the same rule.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const UTC = FixedOffsetZone.utcInstance;

/** luxon's zone for an IANA name; the name must have been validated (isKnownTimeZone). */
function zoneOf(timezone: string): IANAZone {
  return IANAZone.create(timezone);
}

export function isKnownTimeZone(timezone: string): boolean {
  return IANAZone.isValidZone(timezone);
}

/** The zone's offset at an instant, in ms (rounded: luxon gives minutes, fractional for LMT). */
function offsetMsAt(zone: IANAZone, instantMs: number): number {
  return Math.round(zone.offset(instantMs) * MINUTE_MS);
}

/** What the clock in `timezone` reads at an instant, as wall ms. */
export function readingAt(instantMs: number, timezone: string): number {
  return instantMs + offsetMsAt(zoneOf(timezone), instantMs);
}

/** The reading's calendar fields, for luxon's calendar arithmetic (which is zone-free in UTC). */
export function readingFields(wallMs: number): DateTime {
  return DateTime.fromMillis(wallMs, { zone: UTC });
}

/** Midnight at the start of the reading's local date, as wall ms. */
export function readingMidnight(wallMs: number): number {
  return wallMs - (((wallMs % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * The smallest instant in (afterMs, atMs] that satisfies `holds`, given that it holds at atMs
 * and that it switches from false to true once in that interval. Used only to find a clock
 * change inside an interval already known to contain exactly one.
 */
function firstInstantWhere(afterMs: number, atMs: number, holds: (ms: number) => boolean): number {
  let low = afterMs;
  let high = atMs;
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (holds(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/** The first instant at which the clock in `timezone` reads `wallMs` or later (see top). */
export function firstInstantReading(wallMs: number, timezone: string): number {
  const zone = zoneOf(timezone);
  const resolved = readingFields(wallMs).setZone(zone, { keepLocalTime: true });
  const resolvedMs = resolved.toMillis();
  const resolvedReading = resolvedMs + offsetMsAt(zone, resolvedMs);
  if (resolvedReading === wallMs) {
    // The reading exists; in an overlap luxon may pick either occurrence, so take the first.
    return Math.min(...resolved.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  }
  // In a gap luxon moves the reading forward by the gap's length; the gap ends between the
  // instant at which the clock would have read it after the change and luxon's answer.
  const gapMs = resolvedReading - wallMs;
  if (gapMs <= 0) throw new Error(`cannot resolve the reading ${wallMs} in ${timezone}`);
  return firstInstantWhere(
    resolvedMs - gapMs - 1,
    resolvedMs,
    (ms) => ms + offsetMsAt(zone, ms) >= wallMs,
  );
}

/** True when a local day of `timezone` starts at this instant. */
export function isLocalDayStart(instantMs: number, timezone: string): boolean {
  return (
    firstInstantReading(readingMidnight(readingAt(instantMs, timezone)), timezone) === instantMs
  );
}

/**
 * The reading that stands for an instant when it is moved in local time (a day or a year back):
 * the inverse of firstInstantReading, chosen so that moving stays monotonic. It is the
 * clock's reading at the instant, except
 * - at the start of a local day: that day's midnight, even where midnight itself falls in a
 *   gap (so that day starts map to day starts);
 * - at the instant a gap ends: the reading at which the gap began;
 * - during the second pass through an overlap: the reading at which the overlap ends, since
 *   the clock has already shown every earlier reading once. The repeated hour therefore maps
 *   to a single instant; the first pass maps like any other time.
 */
export function shiftableReading(instantMs: number, timezone: string): number {
  const zone = zoneOf(timezone);
  const reading = instantMs + offsetMsAt(zone, instantMs);
  const midnight = readingMidnight(reading);
  if (firstInstantReading(midnight, timezone) === instantMs) return midnight;
  const firstPass = firstInstantReading(reading, timezone);
  const previousReading = (ms: number): number => ms - 1 + offsetMsAt(zone, ms - 1);
  if (firstPass < instantMs) {
    const offsetNow = offsetMsAt(zone, instantMs);
    const setBack = firstInstantWhere(
      firstPass,
      instantMs,
      (ms) => offsetMsAt(zone, ms) === offsetNow,
    );
    return previousReading(setBack) + 1;
  }
  // The clock's reading 1 ms earlier, plus 1 ms: the reading itself, or a gap's start.
  return previousReading(instantMs) + 1;
}
