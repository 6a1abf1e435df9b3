import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import type { KafkaConfig } from '@datashare/config';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose logs go through pino, as structured records. */
export function createKafkaClient(
  config: Pick<KafkaConfig, 'brokers' | 'clientId'>,
  logger: Logger,
): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, label, log: entry }: LogEntry) => {
        const { message, ...fields } = entry;
        log[LEVELS[level] ?? 'info']({ ...fields, kafkaLevel: label }, message);
      },
  });
}

/**
 * Creates the topics if the cluster lets us. Best effort: many clusters forbid it (and test
 * brokers may not implement CreateTopics at all), so a failure is logged, not fatal.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: { topic: string; numPartitions: number }[],
  logger: Logger,
): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
      logger.info({ topics: missing.map((t) => t.topic) }, 'created Kafka topics');
    }
  } catch (error) {
    logger.warn(
      { err: error },
      'could not create Kafka topics; assuming they exist or are auto-created',
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
