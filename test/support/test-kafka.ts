import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { KafkaContainer, type StartedKafkaContainer } from '@testcontainers/kafka';
import { usingContainers } from './docker';
import { MockKafka, mockBrokerUnavailableReason } from './kafka-mock';
import { testKafka } from './ingest-harness';

/** A Kafka-protocol cluster for a test file: Apache Kafka in a container, or librdkafka's mock. */
export interface TestKafka {
  readonly brokers: string[];
  createTopic(name: string, partitions: number): Promise<void>;
  /** Makes every broker unreachable, then reachable again. */
  takeDown(): Promise<void>;
  bringUp(): Promise<void>;
  stop(): Promise<void>;
}

// Apache Kafka as Confluent packages it: the image @testcontainers/kafka is built around.
export const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';

export function testKafkaUnavailableReason(): string | null {
  return usingContainers() ? null : mockBrokerUnavailableReason();
}

export async function startTestKafka(brokerCount = 1): Promise<TestKafka> {
  return usingContainers() ? ContainerKafka.start() : MockCluster.start(brokerCount);
}

class MockCluster implements TestKafka {
  private constructor(
    private readonly mock: MockKafka,
    private readonly brokerCount: number,
  ) {}

  static async start(brokerCount: number): Promise<MockCluster> {
    return new MockCluster(await MockKafka.start(brokerCount), brokerCount);
  }

  get brokers(): string[] {
    return this.mock.brokers;
  }

  createTopic(name: string, partitions: number): Promise<void> {
    return this.mock.createTopic(name, partitions);
  }

  async takeDown(): Promise<void> {
    for (let id = 1; id <= this.brokerCount; id++) await this.mock.brokerDown(id);
  }

  async bringUp(): Promise<void> {
    for (let id = 1; id <= this.brokerCount; id++) await this.mock.brokerUp(id);
  }

  stop(): Promise<void> {
    return this.mock.stop();
  }
}

/** Where a Docker engine exists: a real single-node Kafka (KRaft). */
class ContainerKafka implements TestKafka {
  private constructor(private readonly container: StartedKafkaContainer) {}

  static async start(): Promise<ContainerKafka> {
    // The tests send a message over 1 MiB to see it rejected by the contract, not by the broker.
    const container = new KafkaContainer(KAFKA_IMAGE)
      .withKraft()
      .withEnvironment({ KAFKA_MESSAGE_MAX_BYTES: String(4 * 1024 * 1024) });
    return new ContainerKafka(await container.start());
  }

  get brokers(): string[] {
    return [`${this.container.getHost()}:${this.container.getMappedPort(9093)}`];
  }

  async createTopic(name: string, partitions: number): Promise<void> {
    const admin = testKafka(this.brokers).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic: name, numPartitions: partitions }],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }
  }

  // Pausing keeps the mapped port, so clients find the broker again where they left it.
  async takeDown(): Promise<void> {
    await promisify(execFile)('docker', ['pause', this.container.getId()]);
  }

  async bringUp(): Promise<void> {
    await promisify(execFile)('docker', ['unpause', this.container.getId()]);
  }

  async stop(): Promise<void> {
    await this.container.stop();
  }
}
