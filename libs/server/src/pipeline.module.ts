import {
  type BeforeApplicationShutdown,
  Global,
  type OnApplicationShutdown,
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
import type { SubjectPseudonymizer } from '@datashare/contract';
import {
  DirectIngest,
  IngestBatchWriter,
  KafkaDeadLetterSink,
  TransactionIntake,
} from '@datashare/ingestion';
import type { DecodeResult } from '@datashare/contract';
import { RawMessagePublisher, ensureTopics } from '@datashare/kafka';
import { IngestLedger, RejectionStore, TransactionStore } from '@datashare/storage';
import { DECODE, KAFKA, LOGGER, PSEUDONYMIZER } from './tokens';

export const DEAD_LETTER_PUBLISHER = Symbol('DEAD_LETTER_PUBLISHER');
export const TRANSACTION_PUBLISHER = Symbol('TRANSACTION_PUBLISHER');

/** Topics first (best effort), then the in-process pipeline when there is no Kafka. */
@Injectable()
class PipelineLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KAFKA) private readonly kafka: Kafka | null,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DirectIngest) private readonly direct: DirectIngest | null,
    @Inject(DEAD_LETTER_PUBLISHER) private readonly deadLetters: RawMessagePublisher | null,
    @Inject(TRANSACTION_PUBLISHER) private readonly publisher: RawMessagePublisher | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.kafka && this.config.kafka) {
      const { topic, deadLetterTopic } = this.config.kafka;
      await ensureTopics(
        this.kafka,
        [
          { topic, numPartitions: 12 },
          { topic: deadLetterTopic, numPartitions: 3 },
        ],
        this.logger,
      );
    }
    this.direct?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.direct?.stop();
  }

  /** After every consumer has flushed (which may still publish dead letters). */
  async onApplicationShutdown(): Promise<void> {
    await this.publisher?.close();
    await this.deadLetters?.close();
  }
}

/** The write side shared by the HTTP intake and the Kafka consumer. */
@Global()
@Module({
  providers: [
    {
      provide: DEAD_LETTER_PUBLISHER,
      inject: [APP_CONFIG, KAFKA],
      useFactory: (config: AppConfig, kafka: Kafka | null) =>
        kafka && config.kafka ? new RawMessagePublisher(kafka, config.kafka.deadLetterTopic) : null,
    },
    {
      provide: TRANSACTION_PUBLISHER,
      inject: [APP_CONFIG, KAFKA],
      useFactory: (config: AppConfig, kafka: Kafka | null) =>
        kafka && config.kafka ? new RawMessagePublisher(kafka, config.kafka.topic) : null,
    },
    {
      provide: IngestBatchWriter,
      inject: [
        APP_CONFIG,
        TransactionStore,
        RejectionStore,
        IngestLedger,
        DEAD_LETTER_PUBLISHER,
        PSEUDONYMIZER,
        LOGGER,
        IngestMetrics,
      ],
      useFactory: (
        config: AppConfig,
        transactions: TransactionStore,
        rejections: RejectionStore,
        ledger: IngestLedger,
        deadLetters: RawMessagePublisher | null,
        pseudonymizer: SubjectPseudonymizer,
        logger: Logger,
        metrics: IngestMetrics,
      ) =>
        new IngestBatchWriter(
          { transactions, rejections, ledger },
          deadLetters ? new KafkaDeadLetterSink(deadLetters) : null,
          (id) => pseudonymizer.pseudonymize(id),
          { initialMs: config.ingest.retryInitialMs, maxMs: config.ingest.retryMaxMs },
          logger.child({ component: 'batch-writer' }),
          metrics,
        ),
    },
    {
      provide: DirectIngest,
      inject: [APP_CONFIG, IngestBatchWriter, CLOCK, LOGGER],
      useFactory: (config: AppConfig, writer: IngestBatchWriter, clock: Clock, logger: Logger) =>
        config.kafka ? null : new DirectIngest(writer, config.batching, clock, logger),
    },
    {
      provide: TransactionIntake,
      inject: [DirectIngest, TRANSACTION_PUBLISHER, IngestBatchWriter, DECODE, CLOCK],
      useFactory: (
        direct: DirectIngest | null,
        publisher: RawMessagePublisher | null,
        writer: IngestBatchWriter,
        decode: (value: Buffer | null) => DecodeResult,
        clock: Clock,
      ) =>
        new TransactionIntake(
          publisher
            ? { mode: 'kafka', publisher, writer }
            : { mode: 'direct', pipeline: direct as DirectIngest },
          decode,
          clock,
        ),
    },
    PipelineLifecycle,
  ],
  exports: [IngestBatchWriter, DirectIngest, TransactionIntake],
})
export class PipelineModule {}
