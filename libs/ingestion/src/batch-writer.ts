import type { Logger } from 'pino';
import type { IngestLedger, RejectionStore, TransactionStore } from '@datashare/storage';
import { classifyStoreError, storeErrorCode } from '@datashare/storage';
import { sleep } from '@datashare/clock';
import type { DeadLetterSink } from './dead-letter';
import type { SealedBatch } from './pending-batch';
import { toRejectionRow } from './rejected-message';
import type { IngestObserver } from './ingest-observer';
import { type RetryPolicy, retryUntilDone } from './retry';

export interface BatchSource {
  /** Kafka topic of the batch, or null for batches fed in-process (HTTP, simulator). */
  kafka: { topic: string } | null;
  /** The token that identifies the batch: equal for a replay of the same batch. */
  token: string;
}

export interface WriteControl {
  /** False once this consumer no longer owns the partition: the batch is then abandoned. */
  stillOwner: () => boolean;
  /** Stops retrying (shutdown deadline); the batch is then not committed and will replay. */
  shouldStop: () => boolean;
  onRetrying: () => void;
}

export class BatchAbandonedError extends Error {
  override readonly name = 'BatchAbandonedError';
}

/**
 * Writes a cut batch in the order its guarantee needs: the ledger intent first (so a replay cuts
 * the same range), then rejections and records, each with its deduplication token, then the
 * dead letters. Only when this resolves may the caller commit the offsets.
 */
export class IngestBatchWriter {
  constructor(
    private readonly stores: {
      transactions: TransactionStore;
      rejections: RejectionStore;
      ledger: IngestLedger;
    },
    private readonly deadLetters: DeadLetterSink | null,
    private readonly pseudonymize: (subjectId: string) => string,
    private readonly retryPolicy: RetryPolicy,
    private readonly logger: Logger,
    private readonly observer: IngestObserver,
  ) {}

  async write(batch: SealedBatch, source: BatchSource, control: WriteControl): Promise<void> {
    const retry = <T>(what: string, operation: () => Promise<T>) =>
      retryUntilDone(operation, this.retryPolicy, {
        sleep,
        random: Math.random,
        shouldStop: control.shouldStop,
        isPermanent: (error) => classifyStoreError(error) === 'permanent',
        onFailure: (error, attempt, delayMs) => {
          control.onRetrying();
          const kind = classifyStoreError(error);
          this.observer.storeFailed(storeErrorCode(error));
          this.logger[kind === 'permanent' ? 'error' : 'warn'](
            {
              err: error,
              code: storeErrorCode(error),
              kind,
              attempt,
              delayMs,
              token: source.token,
            },
            `${what} failed; retrying`,
          );
        },
      });

    const { kafka } = source;
    if (kafka && batch.spans.length > 0) {
      if (!control.stillOwner())
        throw new BatchAbandonedError('its partitions were reassigned before it was recorded');
      const spans = batch.spans.map((span) => ({
        partition: span.partition,
        firstOffset: span.first.toString(),
        lastOffset: span.last.toString(),
      }));
      await retry('recording the batch in the ledger', () =>
        this.stores.ledger.recordIntent(kafka.topic, { token: source.token, spans }),
      );
    }
    if (batch.rejected.length > 0) {
      const rows = batch.rejected.map((message) => toRejectionRow(message, this.pseudonymize));
      await retry('inserting rejections', () =>
        this.stores.rejections.insert(rows, `${source.token}:rejections`),
      );
      this.logger.info(
        { token: source.token, rejected: countByCode(batch.rejected) },
        'kept bad input aside',
      );
    }
    const insertStartedAt = performance.now();
    await retry('inserting transactions', () =>
      this.stores.transactions.insert(batch.rows, source.token),
    );
    const insertSeconds = (performance.now() - insertStartedAt) / 1000;
    if (this.deadLetters && batch.rejected.length > 0) {
      const deadLetters = this.deadLetters;
      await retry('publishing dead letters', () => deadLetters.publish(batch.rejected));
    }
    this.observer.batchStored(batch, insertSeconds, kafka ? 'kafka' : 'direct');
  }
}

function countByCode(rejected: SealedBatch['rejected']): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const message of rejected) {
    counts[message.rejection.code] = (counts[message.rejection.code] ?? 0) + 1;
  }
  return counts;
}
