import { buildMockBroker } from './kafka-mock';

/** Builds the test broker once per run; tests that need it skip with the reason if it cannot. */
export default function globalSetup(): void {
  const reason = buildMockBroker();
  if (reason) process.env.DATASHARE_TEST_KAFKA_UNAVAILABLE = reason;
}
