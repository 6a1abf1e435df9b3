import type { SealedBatch } from './pending-batch';

/**
 * What the pipeline reports as it works, for metrics. A port: the pipeline knows nothing of
 * Prometheus; libs/metrics implements it. Calls are synchronous and must not throw.
 */
export interface IngestObserver {
  /**
   * A batch is stored: records, rejections and dead letters written, not yet committed.
   * `insertSeconds`: the transactions insert, retries included. `pipeline`: fed by Kafka, or
   * in-process (the embedded default's HTTP intake and simulator).
   */
  batchStored(batch: SealedBatch, insertSeconds: number, pipeline: 'kafka' | 'direct'): void;
  /** A store operation failed and will be retried; `code` is ClickHouse's error code or a name. */
  storeFailed(code: string): void;
  /**
   * A partition's lag (its end minus the committed position), reported at every fetch and
   * every commit, so that a stuck consumer shows a growing lag.
   */
  partitionLag(topic: string, partition: number, lag: number): void;
  /** The group was rebalanced: partitions reported so far may belong to others now. */
  assignmentChanged(): void;
}

export const NO_INGEST_OBSERVER: IngestObserver = {
  batchStored: () => undefined,
  storeFailed: () => undefined,
  partitionLag: () => undefined,
  assignmentChanged: () => undefined,
};
