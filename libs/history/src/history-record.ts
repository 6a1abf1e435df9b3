import type { Outcome, ReportingParty, TransactionRecord } from '@datashare/contract';
import type { HistoryPosition } from './history-cursor';

/**
 * One record of the history as stored: the `transactions` row, column for column, with the
 * time it was stored. Times are UTC `YYYY-MM-DD hh:mm:ss.sss`, as ClickHouse writes them.
 */
export interface HistoryRecord extends TransactionRecord {
  ingested_at: string;
}

/** What a history query may narrow by; each one given is an exact match. */
export interface HistoryFilters {
  platform?: string;
  consumer?: string;
  provider?: string;
  service?: string;
  outcome?: Outcome;
  errorCode?: string;
  transactionId?: string;
  /** Which party's records: the platform's, the consumer's or the provider's. */
  reportedBy?: ReportingParty;
  /** The subject's pseudonym (HMAC hex), never the identifier itself. */
  subjectRef?: string;
}

export const HISTORY_FILTER_NAMES = [
  'platform',
  'consumer',
  'provider',
  'service',
  'outcome',
  'errorCode',
  'transactionId',
  'reportedBy',
  'subjectRef',
] as const satisfies readonly (keyof HistoryFilters)[];

/** newest first (`desc`, the default) or oldest first (`asc`). */
export type HistoryOrder = 'desc' | 'asc';

/** Epoch ms of a stored UTC time `YYYY-MM-DD hh:mm:ss.sss`. */
export function storedTimeMs(stored: string): number {
  return Date.parse(`${stored.replace(' ', 'T')}Z`);
}

/** The position of a record in the history's order: what a cursor after it holds. */
export function positionOf(record: HistoryRecord): HistoryPosition {
  return {
    occurredAtMs: storedTimeMs(record.occurred_at),
    transactionId: record.transaction_id,
    reportedBy: record.reported_by,
    platform: record.platform,
    consumer: record.consumer,
    provider: record.provider,
  };
}
