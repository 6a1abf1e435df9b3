import {
  type AccessLogPosition,
  type ChainedAccessLogRecord,
  encodeAccessLogCursor,
} from '@datashare/access';
import {
  type HistoryItem,
  type HistoryPosition,
  type HistoryRecord,
  encodeCursor,
  storedTimeMs,
  toHistoryItem,
} from '@datashare/history';

export interface HistoryPageDto {
  items: HistoryItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function toHistoryPageDto(page: {
  records: HistoryRecord[];
  next: HistoryPosition | null;
}): HistoryPageDto {
  return {
    items: page.records.map(toHistoryItem),
    nextCursor: page.next === null ? null : encodeCursor(page.next),
  };
}

export interface TransactionRecordDto extends HistoryItem {
  /** How long after the earliest record of the transaction this party saw it. */
  afterFirstMs: number;
}

export interface TransactionDto {
  transactionId: string;
  /** Every party's record, in the order they saw the transaction. */
  records: TransactionRecordDto[];
  /** Between the earliest and the latest party's time: how far their clocks or views differ. */
  spreadMs: number;
}

/** The records of one transaction (at least one), with the time between the parties. */
export function toTransactionDto(transactionId: string, records: HistoryRecord[]): TransactionDto {
  const timed = records
    .map((record) => ({ record, atMs: storedTimeMs(record.occurred_at) }))
    .sort((a, b) => a.atMs - b.atMs);
  const firstMs = timed[0]?.atMs ?? 0;
  const lastMs = timed.at(-1)?.atMs ?? firstMs;
  return {
    transactionId,
    records: timed.map(({ record, atMs }) => ({
      ...toHistoryItem(record),
      afterFirstMs: atMs - firstMs,
    })),
    spreadMs: lastMs - firstMs,
  };
}

export interface AuditLogEntryDto {
  at: string;
  principal: string;
  roles: readonly string[];
  endpoint: string;
  filters: Record<string, string>;
  rows: number;
  chainId: string;
  seq: number;
  previousHash: string;
  hash: string;
}

export interface AuditLogDto {
  items: AuditLogEntryDto[];
  nextCursor: string | null;
}

export function toAuditLogDto(page: {
  entries: ChainedAccessLogRecord[];
  next: AccessLogPosition | null;
}): AuditLogDto {
  return {
    items: page.entries.map((entry) => ({
      at: new Date(entry.at).toISOString(),
      principal: entry.principal,
      roles: entry.roles,
      endpoint: entry.endpoint,
      filters: entry.filters,
      rows: entry.rows,
      chainId: entry.chainId,
      seq: entry.seq,
      previousHash: entry.previousHash,
      hash: entry.hash,
    })),
    nextCursor: page.next === null ? null : encodeAccessLogCursor(page.next),
  };
}
