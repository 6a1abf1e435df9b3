import type { TransactionRecord } from '@datashare/contract';
import type { ClickHouseDatabase } from './clickhouse-database';
import { insertRows } from './row-writer';

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

/** The raw history of records. */
export class TransactionStore {
  constructor(private readonly db: ClickHouseDatabase) {}

  insert(records: readonly TransactionRecord[], deduplicationToken: string): Promise<void> {
    return insertRows(this.db, 'transactions', records, deduplicationToken, COLUMNS);
  }
}
