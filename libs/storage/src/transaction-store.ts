import type { TransactionRecord } from '@datashare/contract';
import type { ClickHouseDatabase } from './clickhouse-database';
import { insertRows } from './row-writer';

/** The raw history of records. */
export class TransactionStore {
  constructor(private readonly db: ClickHouseDatabase) {}

  insert(records: readonly TransactionRecord[], deduplicationToken: string): Promise<void> {
    return insertRows(this.db, 'transactions', records, deduplicationToken);
  }

  /** Distinct records, however often they were delivered. */
  async countRecords(): Promise<number> {
    const result = await this.db.client.query({
      query: `SELECT count() AS n FROM ${this.db.database}.transactions FINAL`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: string }>();
    return Number(row?.n ?? 0);
  }
}
