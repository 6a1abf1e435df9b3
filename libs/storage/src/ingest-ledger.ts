import { randomUUID } from 'node:crypto';
import type { ClickHouseDatabase } from './clickhouse-database';
import { insertRows } from './row-writer';

export interface OffsetRange {
  /** Kafka offsets as decimal strings: they are 64-bit. */
  firstOffset: string;
  lastOffset: string;
}

/** Offset ranges of batches about to be written, so a replay can cut them the same way. */
export class IngestLedger {
  constructor(private readonly db: ClickHouseDatabase) {}

  async recordIntent(topic: string, partition: number, range: OffsetRange): Promise<void> {
    await insertRows(
      this.db,
      'ingest_ledger',
      [
        {
          topic,
          kafka_partition: partition,
          first_offset: range.firstOffset,
          last_offset: range.lastOffset,
        },
      ],
      // Each intent is its own fact; a unique token keeps it from being taken for a replay.
      `ledger-${randomUUID()}`,
    );
  }

  /** Ranges recorded for this partition that end at or after `fromOffset`, in order. */
  async rangesFrom(topic: string, partition: number, fromOffset: string): Promise<OffsetRange[]> {
    const result = await this.db.client.query({
      query: `SELECT toString(first_offset) AS firstOffset, toString(last_offset) AS lastOffset
              FROM ${this.db.database}.ingest_ledger FINAL
              WHERE topic = {topic:String} AND kafka_partition = {partition:Int32}
                AND last_offset >= {fromOffset:Int64}
              ORDER BY first_offset`,
      query_params: { topic, partition, fromOffset },
      format: 'JSONEachRow',
    });
    return result.json<OffsetRange>();
  }
}
