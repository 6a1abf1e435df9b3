import { Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import { RawMessagePublisher, ensureTopics } from '@datashare/kafka';
import type { Logger } from 'pino';
import { KAFKA, LOGGER } from '../tokens';
import { ConnectionHealthEvaluator } from './connection-health-evaluator';
import { ConnectionsModule } from './connections.module';
import { HealthEventPublisher } from './health-event-publisher';

/** The evaluator loop: run it in one process per deployment (HEALTH_EVALUATOR). */
@Module({
  imports: [ConnectionsModule],
  providers: [
    ConnectionHealthEvaluator,
    {
      provide: HealthEventPublisher,
      inject: [APP_CONFIG, KAFKA, LOGGER],
      useFactory: async (config: AppConfig, kafka: Kafka | null, logger: Logger) => {
        if (kafka === null || config.kafka === null) return new HealthEventPublisher(null);
        // Best effort, as for the other topics: a broker may not allow creating topics.
        await ensureTopics(kafka, [{ topic: config.kafka.healthTopic, numPartitions: 3 }], logger);
        return new HealthEventPublisher(new RawMessagePublisher(kafka, config.kafka.healthTopic));
      },
    },
  ],
})
export class HealthEvaluationModule {}
