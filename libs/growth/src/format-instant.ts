import { DateTime } from 'luxon';

/**
 * An instant as RFC 3339 with the zone's offset at that instant and milliseconds, e.g.
 * 2026-01-01T00:00:00.000+07:00. The offset is written even for UTC (+00:00, not Z), so that
 * every timestamp of an answer has the same shape.
 */
export function formatInstant(instantMs: number, timezone: string): string {
  const local = DateTime.fromMillis(instantMs, { zone: timezone });
  if (!local.isValid) {
    throw new RangeError(`cannot format ${instantMs} in ${timezone}: ${local.invalidExplanation}`);
  }
  return local.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
}
