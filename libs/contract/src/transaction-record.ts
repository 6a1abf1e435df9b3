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

export function toClickHouseDateTime64(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').replace('Z', '');
}
