export { MockKafka, buildMockBroker, mockBrokerUnavailableReason } from './kafka-mock';
export {
  TEST_DATA_DIR,
  TEST_REPORT_TIMEZONE,
  createTestDatabase,
  queryRows,
} from './test-database';
export { citizenId, encode, sampleEvent } from './events';
export { describeIf } from './skip';
export { waitFor } from './wait-for';
export { TEST_KEY, createIngestPipeline, testKafka, uniqueName } from './ingest-harness';
export {
  AppProcess,
  builtAppsUnavailableReason,
  runSimulatorBackfill,
  sqlInDataDir,
  utcDateDaysAgo,
} from './app-process';
export { startTestKafka, testKafkaUnavailableReason } from './test-kafka';
export type { TestKafka } from './test-kafka';
export { usingContainers } from './docker';
export { binariesUnavailableReason, findBinary } from './binaries';
