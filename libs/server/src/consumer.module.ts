import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { IngestMetrics } from '@datashare/metrics';
import { CLOCK, type Clock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import type { DecodeResult, SubjectPseudonymizer } from '@datashare/contract';
import { type KafkaIngestion, createKafkaIngestion } from '@datashare/ingestion';
import type { ClickHouseDatabase } from '@datashare/storage';
import { CLICKHOUSE, DECODE, KAFKA, LOGGER, PSEUDONYMIZER } from './tokens';

/** Runs the Kafka consumer for the life of the app; stopping flushes and commits. */
@Injectable()
class ConsumerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly ingestion: KafkaIngestion;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(KAFKA) kafka: Kafka | null,
    @Inject(CLICKHOUSE) db: ClickHouseDatabase,
    @Inject(DECODE) decode: (value: Buffer | null) => DecodeResult,
    @Inject(PSEUDONYMIZER) pseudonymizer: SubjectPseudonymizer,
    @Inject(CLOCK) clock: Clock,
    @Inject(LOGGER) logger: Logger,
    metrics: IngestMetrics,
  ) {
    if (!kafka || !config.kafka) throw new Error('the Kafka consumer needs KAFKA_BROKERS');
    this.ingestion = createKafkaIngestion({
      db,
      kafka,
      config: config.kafka,
      limits: config.batching,
      decode,
      pseudonymize: (id) => pseudonymizer.pseudonymize(id),
      retry: { initialMs: config.ingest.retryInitialMs, maxMs: config.ingest.retryMaxMs },
      clock,
      logger,
      observer: metrics,
      onGaveUp: (error) => {
        logger.fatal(
          { err: error },
          'the Kafka consumer stopped for good; exiting to be restarted',
        );
        process.exitCode = 1;
        process.kill(process.pid, 'SIGTERM');
      },
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.ingestion.consumer.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.ingestion.stop();
  }
}

@Module({ providers: [ConsumerLifecycle] })
export class ConsumerModule {}
