import { runApp } from '@datashare/server';

// The embedded default (`npm start`): HTTP API, the pipeline and simulated traffic in one
// process; with KAFKA_BROKERS set, the Kafka consumer takes the place of the in-process feed.
void runApp('monitor', (config) => ({
  intake: true,
  consumer: config.kafka !== null,
  simulator: config.simulate,
  reports: true,
  evaluator: config.health.evaluator,
}));
