import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { systemClock } from '@datashare/clock';
import type { BatchLimits } from '@datashare/config';
import { SubjectPseudonymizer, createDecoder } from '@datashare/contract';
import { type KafkaIngestion, createKafkaIngestion } from '@datashare/ingestion';
import { createKafkaClient } from '@datashare/kafka';
import type { ClickHouseDatabase } from '@datashare/storage';

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
  return createKafkaClient(
    { brokers, clientId },
    pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
  );
}

/** The real consumer pipeline, wired by the same factory as the ingestor. */
export function createIngestPipeline(options: {
  db: ClickHouseDatabase;
  brokers: string[];
  topic: string;
  groupId: string;
  limits: BatchLimits;
  fetchMaxWaitMs: number;
}): KafkaIngestion {
  const pseudonymizer = new SubjectPseudonymizer(BENCH_KEY);
  const pseudonymize = (id: string) => pseudonymizer.pseudonymize(id);
  return createKafkaIngestion({
    db: options.db,
    kafka: benchKafka(options.brokers, 'bench-ingestor'),
    config: {
      brokers: options.brokers,
      clientId: 'bench-ingestor',
      topic: options.topic,
      deadLetterTopic: `${options.topic}.dlq`,
      groupId: options.groupId,
      fetchMaxWaitMs: options.fetchMaxWaitMs,
    },
    limits: options.limits,
    decode: createDecoder({
      pseudonymize,
      nowMs: () => systemClock.nowMs(),
      maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
      retentionDays: 400,
    }),
    pseudonymize,
    retry: { initialMs: 50, maxMs: 500 },
    clock: systemClock,
    logger: pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }),
  });
}
