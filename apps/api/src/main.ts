import { runApp } from '@datashare/server';

// The HTTP API alone; ingest requests go to Kafka when KAFKA_BROKERS is set.
void runApp('api', () => ({ intake: true, consumer: false, simulator: false }));
