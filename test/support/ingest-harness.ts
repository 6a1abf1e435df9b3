import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { systemClock } from '@datashare/clock';
import type { BatchLimits } from '@datashare/config';
import { SubjectPseudonymizer, createDecoder } from '@datashare/contract';
import { createKafkaIngestion } from '@datashare/ingestion';
import { createKafkaClient } from '@datashare/kafka';
import type { ClickHouseDatabase } from '@datashare/storage';

export const TEST_KEY = Buffer.alloc(32, 7);

export function testKafka(brokers: string[], clientId = 'test'): Kafka {
  return createKafkaClient(
    { brokers, clientId },
    pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  );
}

/** The real consumer pipeline against a test database and broker, as the ingestor wires it. */
export function createIngestPipeline(options: {
  db: ClickHouseDatabase;
  brokers: string[];
  topic: string;
  groupId: string;
  limits?: Partial<BatchLimits>;
  onGaveUp?: (error: Error) => void;
}) {
  const pseudonymizer = new SubjectPseudonymizer(TEST_KEY);
  const pseudonymize = (id: string) => pseudonymizer.pseudonymize(id);
  const ingestion = createKafkaIngestion({
    db: options.db,
    kafka: testKafka(options.brokers),
    config: {
      brokers: options.brokers,
      clientId: 'test-ingestor',
      topic: options.topic,
      deadLetterTopic: `${options.topic}.dlq`,
      groupId: options.groupId,
      fetchMaxWaitMs: 100,
    },
    limits: {
      maxRows: 1000,
      maxBytes: 8 * 1024 * 1024,
      maxWaitMs: 200,
      maxBufferedBytes: 32 * 1024 * 1024,
      ...options.limits,
    },
    decode: createDecoder({
      pseudonymize,
      nowMs: () => systemClock.nowMs(),
      maxFutureSkewMs: 5 * 60_000,
      retentionDays: 400,
    }),
    pseudonymize,
    retry: { initialMs: 50, maxMs: 500 },
    clock: systemClock,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(options.onGaveUp ? { onGaveUp: options.onGaveUp } : {}),
  });
  return { ...ingestion, pseudonymizer };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
