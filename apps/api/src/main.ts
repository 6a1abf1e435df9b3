import { runApp } from '@datashare/server';

// The HTTP API alone; ingest requests go to Kafka when KAFKA_BROKERS is set.
void runApp('api', (config) => ({
  intake: true,
  consumer: false,
  simulator: false,
  reports: true,
  evaluator: config.health.evaluator,
}));
