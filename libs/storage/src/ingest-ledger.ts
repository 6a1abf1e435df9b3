import { randomUUID } from 'node:crypto';
import type { ClickHouseDatabase } from './clickhouse-database';
import { namedQuery } from './named-query';
import { insertRows } from './row-writer';

/** One partition's part of a recorded batch. Kafka offsets as decimal strings: they are 64-bit. */
export interface LedgerSpan {
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

/** A batch as recorded before it was written: its deduplication token and every partition's part. */
export interface LedgerBatch {
  token: string;
  spans: LedgerSpan[];
}

/**
 * The batches about to be written, so that a replay gathers them again exactly and writes them
 * under the same token. Batches recorded before migration 0009 (one partition each) are read
 * from the older `ingest_ledger`, with the token they were written under.
 */
export class IngestLedger {
  constructor(private readonly db: ClickHouseDatabase) {}

  async recordIntent(topic: string, batch: LedgerBatch): Promise<void> {
    await insertRows(
      this.db,
      'ingest_batches',
      batch.spans.map((span) => ({
        topic,
        kafka_partition: span.partition,
        first_offset: span.firstOffset,
        last_offset: span.lastOffset,
        batch_token: batch.token,
      })),
      // Each intent is its own fact; a unique token keeps it from being taken for a replay.
      `ledger-${randomUUID()}`,
    );
  }

  /**
   * The recorded batches that hold offsets of this partition at or after `fromOffset`, each with
   * every partition's part, in offset order of this partition.
   */
  async batchesFrom(topic: string, partition: number, fromOffset: string): Promise<LedgerBatch[]> {
    const params = { topic, partition, fromOffset };
    const tokens = (await this.rows<{ batch_token: string }>('ingest_batch_tokens', params)).map(
      (row) => row.batch_token,
    );
    const spans =
      tokens.length === 0
        ? []
        : await this.rows<LedgerSpan & { token: string }>('ingest_batch_spans', {
            topic,
            tokens,
          });
    const batches = new Map<string, LedgerSpan[]>();
    for (const { token, ...span } of spans) {
      const list = batches.get(token) ?? [];
      list.push(span);
      batches.set(token, list);
    }
    const legacy = (
      await this.rows<Omit<LedgerSpan, 'partition'>>('ingest_ledger_ranges', params)
    ).map((range): LedgerBatch => ({
      token: `${topic}-${partition}-${range.firstOffset}-${range.lastOffset}`,
      spans: [{ partition, ...range }],
    }));
    const own = (batch: LedgerBatch) =>
      BigInt(batch.spans.find((s) => s.partition === partition)?.firstOffset ?? '0');
    return [...legacy, ...[...batches].map(([token, list]) => ({ token, spans: list }))].sort(
      (a, b) => (own(a) < own(b) ? -1 : own(a) > own(b) ? 1 : 0),
    );
  }

  private async rows<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    const result = await this.db.client.query({
      query: namedQuery(query, this.db.database),
      query_params: params,
      format: 'JSONEachRow',
    });
    return result.json<T>();
  }
}
