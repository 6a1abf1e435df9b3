import type { ClickHouseDatabase } from './clickhouse-database';
import { insertRows } from './row-writer';

/** A row of the `rejections` table. */
export interface RejectionRow {
  received_at: string;
  source: 'kafka' | 'http';
  topic: string;
  kafka_partition: number;
  kafka_offset: string;
  request_id: string;
  item_index: number;
  reason_code: string;
  reason: string;
  payload_bytes: number;
  payload_sha256: string;
  payload_redacted: string;
}

/** Bad input kept aside with the reason it was refused. */
export class RejectionStore {
  constructor(private readonly db: ClickHouseDatabase) {}

  insert(rows: readonly RejectionRow[], deduplicationToken: string): Promise<void> {
    return insertRows(this.db, 'rejections', rows, deduplicationToken);
  }
}
