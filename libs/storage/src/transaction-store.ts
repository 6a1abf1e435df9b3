import type { TransactionRecord } from '@datashare/contract';
import type { ClickHouseDatabase } from './clickhouse-database';
import { EncodedRows, type RowShape, insertEncodedRows } from './row-writer';

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

/** Records encoded for the raw table (see EncodedRows). */
export type TransactionRows = EncodedRows<TransactionRecord>;

/** These records encoded for the raw table; more can be added. */
export function transactionRows(records: readonly TransactionRecord[] = []): TransactionRows {
  const rows = new EncodedRows(TRANSACTION_ROW);
  for (const record of records) rows.add(record);
  return rows;
}

/** The raw history of records. */
export class TransactionStore {
  constructor(private readonly db: ClickHouseDatabase) {}

  /** Inserts records, given as they are or already encoded. */
  insert(
    records: readonly TransactionRecord[] | TransactionRows,
    deduplicationToken: string,
  ): Promise<void> {
    const rows = records instanceof EncodedRows ? records : transactionRows(records);
    return insertEncodedRows(this.db, 'transactions', rows, deduplicationToken);
  }
}
