import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Clock } from '@datashare/clock';
import type { BatchLimits, KafkaIngestConfig } from '@datashare/config';
import type { DecodeResult } from '@datashare/contract';
import { RawMessagePublisher } from '@datashare/kafka';
import {
  type ClickHouseDatabase,
  IngestLedger,
  RejectionStore,
  TransactionStore,
} from '@datashare/storage';
import { IngestBatchWriter } from './batch-writer';
import { KafkaDeadLetterSink } from './kafka-dead-letter-sink';
import { KafkaIngestConsumer } from './kafka-ingest-consumer';
import { type IngestObserver, NO_INGEST_OBSERVER } from './ingest-observer';
import type { RetryPolicy } from './retry';

export interface KafkaIngestionOptions {
  db: ClickHouseDatabase;
  kafka: Kafka;
  config: KafkaIngestConfig;
  limits: BatchLimits;
  decode: (value: Buffer | null) => DecodeResult;
  pseudonymize: (subjectId: string) => string;
  retry: RetryPolicy;
  clock: Clock;
  logger: Logger;
  /** Metrics; none by default. */
  observer?: IngestObserver;
  /** The consumer stopped for good: the process should exit so that it is restarted. */
  onGaveUp?: (error: Error) => void;
}

export interface KafkaIngestion {
  consumer: KafkaIngestConsumer;
  /** Flushes and commits what is buffered, leaves the group, closes the dead-letter producer. */
  stop(): Promise<void>;
}

/** The consumer pipeline, wired once: stores, ledger, dead letters, writer, consumer. */
export function createKafkaIngestion(options: KafkaIngestionOptions): KafkaIngestion {
  const { db, kafka, config, logger } = options;
  const observer = options.observer ?? NO_INGEST_OBSERVER;
  const deadLetters = new RawMessagePublisher(kafka, config.deadLetterTopic);
  const ledger = new IngestLedger(db);
  const writer = new IngestBatchWriter(
    { transactions: new TransactionStore(db), rejections: new RejectionStore(db), ledger },
    new KafkaDeadLetterSink(deadLetters),
    options.pseudonymize,
    options.retry,
    logger.child({ component: 'batch-writer' }),
    observer,
  );
  const consumer = new KafkaIngestConsumer({
    kafka,
    config,
    limits: options.limits,
    decode: options.decode,
    writer,
    ledger,
    clock: options.clock,
    logger: logger.child({ component: 'consumer' }),
    observer,
    ...(options.onGaveUp ? { onGaveUp: options.onGaveUp } : {}),
  });
  return {
    consumer,
    async stop() {
      await consumer.stop();
      await deadLetters.close();
    },
  };
}
