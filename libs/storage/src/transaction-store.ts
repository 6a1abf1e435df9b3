import type { TransactionRecord } from '@datashare/contract';
import type { ClickHouseDatabase } from './clickhouse-database';
import { type RowShape, insertRows } from './row-writer';

const COLUMNS = [
  'transaction_id',
  'reported_by',
  'occurred_at',
  'platform',
  'consumer',
  'provider',
  'service',
  'outcome',
  'error_code',
  'latency_ms',
  'request_bytes',
  'response_bytes',
  'subject_ref',
] as const satisfies readonly (keyof TransactionRecord)[];
// Fails to compile when a field of TransactionRecord is missing from COLUMNS.
const everyFieldIsAColumn: Exclude<keyof TransactionRecord, (typeof COLUMNS)[number]> extends never
  ? true
  : never = true;
void everyFieldIsAColumn;

/** A record's values in the order of COLUMNS (the spec checks the two agree). */
export const TRANSACTION_ROW: RowShape<TransactionRecord> = {
  columns: COLUMNS,
  valuesOf: (r) => [
    r.transaction_id,
    r.reported_by,
    r.occurred_at,
    r.platform,
    r.consumer,
    r.provider,
    r.service,
    r.outcome,
    r.error_code,
    r.latency_ms,
    r.request_bytes,
    r.response_bytes,
    r.subject_ref,
  ],
};

/** The raw history of records. */
export class TransactionStore {
  constructor(private readonly db: ClickHouseDatabase) {}

  insert(records: readonly TransactionRecord[], deduplicationToken: string): Promise<void> {
    return insertRows(this.db, 'transactions', records, deduplicationToken, TRANSACTION_ROW);
  }
}
