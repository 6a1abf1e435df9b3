import { randomBytes } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import pino from 'pino';
import { waitFor } from './wait-for';
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

/** Messages a consumer group has committed on a topic, summed over its partitions. */
export async function committedTotal(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** Waits until the group has committed every message now on the topic. */
export async function waitUntilAllCommitted(
  admin: Admin,
  groupId: string,
  topic: string,
  timeoutMs = 60_000,
): Promise<void> {
  const end = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  await waitFor(
    `all ${end} offsets committed`,
    async () => ((await committedTotal(admin, groupId, topic)) === end ? true : undefined),
    timeoutMs,
  );
}
