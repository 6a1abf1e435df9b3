import { ClickHouseContainer, type StartedClickHouseContainer } from '@testcontainers/clickhouse';
import { dockerEngineAvailable } from './docker';
// Jest runs global set-up outside its module mapper: the lib is imported by path, not alias.
import { buildMockBroker } from '../../libs/kafka-mock/src';

export const CLICKHOUSE_IMAGE = 'clickhouse/clickhouse-server:25.3';

declare global {
  var datashareClickHouseContainer: StartedClickHouseContainer | undefined;
}

/**
 * Where a Docker engine exists, the integration tier runs against Apache Kafka and a ClickHouse
 * server in containers; elsewhere against librdkafka's mock cluster and the embedded engine.
 * Tests that need what is missing skip with the reason.
 */
export default async function globalSetup(): Promise<void> {
  // Workers inherit it: their embedded engines' data goes under this run's folder.
  process.env.DATASHARE_TEST_RUN = String(process.pid);
  if (process.env.DATASHARE_TEST_CONTAINERS !== '0' && dockerEngineAvailable()) {
    process.env.DATASHARE_TEST_CONTAINERS = '1';
    if (!process.env.CLICKHOUSE_URL) {
      const clickhouse = await new ClickHouseContainer(CLICKHOUSE_IMAGE).start();
      globalThis.datashareClickHouseContainer = clickhouse;
      const url = new URL(clickhouse.getHttpUrl());
      url.username = clickhouse.getUsername();
      url.password = clickhouse.getPassword();
      process.env.CLICKHOUSE_URL = url.toString();
    }
  }
  const reason = buildMockBroker();
  if (reason) process.env.DATASHARE_TEST_KAFKA_UNAVAILABLE = reason;
}
