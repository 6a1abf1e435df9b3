import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { systemClock } from '@datashare/clock';
import type { BatchLimits, KafkaConfig } from '@datashare/config';
import { SubjectPseudonymizer, decodeTransactionMessage } from '@datashare/contract';
import { IngestBatchWriter, KafkaDeadLetterSink, KafkaIngestConsumer } from '@datashare/ingestion';
import { RawMessagePublisher } from '@datashare/kafka';
import {
  type ClickHouseDatabase,
  IngestLedger,
  RejectionStore,
  TransactionStore,
} from '@datashare/storage';

/** A fixed key: the bench measures HMAC cost, not key handling. */
export const BENCH_KEY = Buffer.alloc(32, 7);
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** The production defaults (libs/config/src/load-config.ts). */
export const DEFAULT_LIMITS: BatchLimits = {
  maxRows: 50_000,
  maxBytes: 8 * 1024 * 1024,
  maxWaitMs: 1000,
  maxBufferedBytes: 32 * 1024 * 1024,
};

export function benchKafka(brokers: string[], clientId = 'bench'): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100 },
  });
}

/** The real consumer pipeline, wired as the ingestor (and test/support/ingest-harness.ts) wires it. */
export function createIngestPipeline(options: {
  db: ClickHouseDatabase;
  brokers: string[];
  topic: string;
  groupId: string;
  limits: BatchLimits;
  fetchMaxWaitMs: number;
}) {
  const kafka = benchKafka(options.brokers, 'bench-ingestor');
  const config: KafkaConfig = {
    brokers: options.brokers,
    clientId: 'bench-ingestor',
    topic: options.topic,
    deadLetterTopic: `${options.topic}.dlq`,
    groupId: options.groupId,
    fetchMaxWaitMs: options.fetchMaxWaitMs,
  };
  const pseudonymizer = new SubjectPseudonymizer(BENCH_KEY);
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const deadLetters = new RawMessagePublisher(kafka, config.deadLetterTopic);
  const writer = new IngestBatchWriter(
    {
      transactions: new TransactionStore(options.db),
      rejections: new RejectionStore(options.db),
      ledger: new IngestLedger(options.db),
    },
    new KafkaDeadLetterSink(deadLetters),
    (id) => pseudonymizer.pseudonymize(id),
    { initialMs: 50, maxMs: 500 },
    logger,
  );
  const consumer = new KafkaIngestConsumer({
    kafka,
    config,
    limits: options.limits,
    decode: (value) =>
      decodeTransactionMessage(value, {
        nowMs: systemClock.nowMs(),
        maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
        pseudonymize: (id) => pseudonymizer.pseudonymize(id),
      }),
    writer,
    ledger: new IngestLedger(options.db),
    clock: systemClock,
    logger,
  });
  return {
    consumer,
    async stop() {
      await consumer.stop();
      await deadLetters.close();
    },
  };
}
