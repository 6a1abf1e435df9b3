import type { Outcome, ReportingParty } from './transaction-event';

/**
 * One stored record: the row of the `transactions` table, column for column.
 * The subject appears only as `subject_ref`, its keyed pseudonym.
 */
export interface TransactionRecord {
  transaction_id: string;
  reported_by: ReportingParty;
  /** UTC, `YYYY-MM-DD hh:mm:ss.sss`: the unambiguous input form of DateTime64(3, 'UTC'). */
  occurred_at: string;
  platform: string;
  consumer: string;
  provider: string;
  service: string;
  outcome: Outcome;
  error_code: string;
  latency_ms: number | null;
  request_bytes: number | null;
  response_bytes: number | null;
  subject_ref: string;
}

/**
 * `YYYY-MM-DD hh:mm:ss.sss` in UTC, the text form DateTime64(3) reads. Built from the date's
 * fields rather than `toISOString()` and two replaces: it runs once per ingested event, and this
 * way costs about a third as much. Years are 1900-2299 (the contract's range), so four digits.
 */
export function toClickHouseDateTime64(epochMs: number): string {
  const d = new Date(epochMs);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.` +
    pad3(d.getUTCMilliseconds())
  );
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
