import { parseRfc3339 } from '@datashare/contract';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITHOUT_SECONDS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch ms of a date (`2023-01-01`, taken as midnight UTC) or of an RFC 3339 date-time with an
 * explicit zone (`2026-11-22T10:00:00Z`, `2026-11-22T17:00+07:00`), or null. A zone is required
 * so that a run means the same thing on every machine.
 */
export function parseInstant(text: string): number | null {
  if (DATE_ONLY.test(text)) return parseRfc3339(`${text}T00:00:00Z`);
  const short = WITHOUT_SECONDS.exec(text);
  if (short) return parseRfc3339(`${short[1]}:00${short[2]}`);
  return parseRfc3339(text);
}
