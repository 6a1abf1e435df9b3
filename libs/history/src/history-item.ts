import { csvLine } from './csv';
import { type HistoryRecord, storedTimeMs } from './history-record';

/**
 * A record as auditors see it, in the API's items and in exports: every stored field, times as
 * ISO 8601 UTC, the subject only as its pseudonym, and absent values as null.
 */
export interface HistoryItem {
  transactionId: string;
  reportedBy: HistoryRecord['reported_by'];
  occurredAt: string;
  platform: string;
  consumer: string;
  provider: string;
  service: string;
  outcome: HistoryRecord['outcome'];
  errorCode: string | null;
  latencyMs: number | null;
  requestBytes: number | null;
  responseBytes: number | null;
  subjectRef: string | null;
  ingestedAt: string;
}

const isoTime = (stored: string): string => new Date(storedTimeMs(stored)).toISOString();

export function toHistoryItem(record: HistoryRecord): HistoryItem {
  return {
    transactionId: record.transaction_id,
    reportedBy: record.reported_by,
    occurredAt: isoTime(record.occurred_at),
    platform: record.platform,
    consumer: record.consumer,
    provider: record.provider,
    service: record.service,
    outcome: record.outcome,
    errorCode: record.error_code === '' ? null : record.error_code,
    latencyMs: record.latency_ms,
    requestBytes: record.request_bytes,
    responseBytes: record.response_bytes,
    subjectRef: record.subject_ref === '' ? null : record.subject_ref,
    ingestedAt: isoTime(record.ingested_at),
  };
}

/** The CSV columns, in order: the item's fields. */
export const HISTORY_CSV_COLUMNS = [
  'transactionId',
  'reportedBy',
  'occurredAt',
  'platform',
  'consumer',
  'provider',
  'service',
  'outcome',
  'errorCode',
  'latencyMs',
  'requestBytes',
  'responseBytes',
  'subjectRef',
  'ingestedAt',
] as const satisfies readonly (keyof HistoryItem)[];
// Fails to compile when a field of HistoryItem has no CSV column.
const everyFieldIsAColumn: Exclude<
  keyof HistoryItem,
  (typeof HISTORY_CSV_COLUMNS)[number]
> extends never
  ? true
  : never = true;
void everyFieldIsAColumn;

export type ExportFormat = 'csv' | 'ndjson';

/** What an export starts with: the CSV header line, nothing for NDJSON. */
export function exportHeader(format: ExportFormat): string {
  return format === 'csv' ? csvLine(HISTORY_CSV_COLUMNS) : '';
}

/** One exported line of a record (CRLF-terminated CSV, or one JSON object and LF). */
export function exportLine(format: ExportFormat, record: HistoryRecord): string {
  const item = toHistoryItem(record);
  return format === 'csv'
    ? csvLine(HISTORY_CSV_COLUMNS.map((column) => item[column]))
    : `${JSON.stringify(item)}\n`;
}

/** A download file name for an export of [from, to): `transactions_<from>_<to>.<format>`. */
export function exportFileName(fromMs: number, toMs: number, format: ExportFormat): string {
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `transactions_${stamp(fromMs)}Z_${stamp(toMs)}Z.${format}`;
}
