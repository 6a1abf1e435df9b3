import { runApp } from '@datashare/server';

// Kafka consumer replicas: scale up to the topic's partition count.
void runApp('ingestor', (config) => {
  if (config.kafka === null) throw new Error('the ingestor consumes Kafka: set KAFKA_BROKERS');
  return { intake: false, consumer: true, simulator: false, reports: false, evaluator: false };
});
