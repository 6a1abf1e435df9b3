import { mockBrokerBuilt } from '@datashare/kafka-mock';

export { MockKafka, buildMockBroker } from '@datashare/kafka-mock';

export function mockBrokerUnavailableReason(): string | null {
  return mockBrokerBuilt()
    ? null
    : (process.env.DATASHARE_TEST_KAFKA_UNAVAILABLE ?? 'mock broker not built');
}
