import { randomBytes } from 'node:crypto';
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

export const TEST_KEY = Buffer.alloc(32, 7);

export function testKafka(brokers: string[]): Kafka {
  return new Kafka({
    clientId: 'test',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100 },
  });
}

/** The real consumer pipeline against a test database and broker, as the ingestor wires it. */
export function createIngestPipeline(options: {
  db: ClickHouseDatabase;
  brokers: string[];
  topic: string;
  groupId: string;
  limits?: Partial<BatchLimits>;
}) {
  const kafka = testKafka(options.brokers);
  const config: KafkaConfig = {
    brokers: options.brokers,
    clientId: 'test-ingestor',
    topic: options.topic,
    deadLetterTopic: `${options.topic}.dlq`,
    groupId: options.groupId,
    fetchMaxWaitMs: 100,
  };
  const pseudonymizer = new SubjectPseudonymizer(TEST_KEY);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
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
    limits: {
      maxRows: 1000,
      maxBytes: 8 * 1024 * 1024,
      maxWaitMs: 200,
      maxBufferedBytes: 32 * 1024 * 1024,
      ...options.limits,
    },
    decode: (value) =>
      decodeTransactionMessage(value, {
        nowMs: systemClock.nowMs(),
        maxFutureSkewMs: 5 * 60_000,
        pseudonymize: (id) => pseudonymizer.pseudonymize(id),
      }),
    writer,
    ledger: new IngestLedger(options.db),
    clock: systemClock,
    logger,
  });
  return {
    consumer,
    pseudonymizer,
    async stop() {
      await consumer.stop();
      await deadLetters.close();
    },
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
