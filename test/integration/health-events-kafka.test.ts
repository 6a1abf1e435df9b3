import type { Kafka } from 'kafkajs';
import { RawMessagePublisher } from '@datashare/kafka';
import { HealthEventPublisher } from '@datashare/server';
import {
  type TestKafka,
  describeIf,
  startTestKafka,
  testKafka,
  testKafkaUnavailableReason,
  uniqueName,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(60_000);

describeIf(testKafkaUnavailableReason())('connection state changes on Kafka', () => {
  let broker: TestKafka;
  let kafka: Kafka;

  beforeAll(async () => {
    broker = await startTestKafka(1);
    kafka = testKafka(broker.brokers);
  });

  afterAll(() => broker.stop());

  it('publishes each change keyed by its connection, with reason and figures', async () => {
    const topic = uniqueName('health');
    await broker.createTopic(topic, 3);
    const publisher = new HealthEventPublisher(new RawMessagePublisher(kafka, topic));
    const connection = { platform: 'NDXP', consumer: 'GDT.TAX', provider: 'MPS.NPD' };
    await publisher.publish([
      {
        connection,
        state: 'down',
        previousState: 'healthy',
        atMs: Date.parse('2026-11-20T03:00:00Z'),
        rule: 'silence',
        reason: 'no successful transaction for 12 min',
        figures: { transactions: 0 } as never,
        evaluations: 2,
      },
    ]);
    await publisher.close();

    const received: { key: string; value: unknown }[] = [];
    const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        received.push({
          key: message.key?.toString() ?? '',
          value: JSON.parse(message.value?.toString() ?? 'null') as unknown,
        });
        return Promise.resolve();
      },
    });
    await waitFor('the change on the topic', () =>
      Promise.resolve(received.length > 0 ? true : undefined),
    );
    await consumer.disconnect();
    expect(received).toEqual([
      {
        key: 'NDXP GDT.TAX → MPS.NPD',
        value: {
          schemaVersion: 1,
          at: '2026-11-20T03:00:00.000Z',
          ...connection,
          state: 'down',
          previousState: 'healthy',
          rule: 'silence',
          reason: 'no successful transaction for 12 min',
          figures: { transactions: 0 },
        },
      },
    ]);
  });
});
