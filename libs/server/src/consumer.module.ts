import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import type { DecodeResult } from '@datashare/contract';
import { IngestBatchWriter, KafkaIngestConsumer } from '@datashare/ingestion';
import { IngestLedger } from '@datashare/storage';
import { DECODE, KAFKA, LOGGER } from './tokens';

/** Runs the Kafka consumer for the life of the app; stopping flushes and commits. */
@Injectable()
class ConsumerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: KafkaIngestConsumer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(KAFKA) kafka: Kafka | null,
    @Inject(DECODE) decode: (value: Buffer | null) => DecodeResult,
    @Inject(CLOCK) clock: Clock,
    @Inject(LOGGER) logger: Logger,
    writer: IngestBatchWriter,
    ledger: IngestLedger,
  ) {
    if (!kafka || !config.kafka) throw new Error('the Kafka consumer needs KAFKA_BROKERS');
    this.consumer = new KafkaIngestConsumer({
      kafka,
      config: config.kafka,
      limits: config.batching,
      decode,
      writer,
      ledger,
      clock,
      logger: logger.child({ component: 'consumer' }),
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}

@Module({ providers: [ConsumerLifecycle] })
export class ConsumerModule {}
