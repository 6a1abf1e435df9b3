import {
  MockKafka,
  createIngestPipeline,
  createTestDatabase,
  describeIf,
  mockBrokerUnavailableReason,
  uniqueName,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(60_000);

const JOIN_GROUP = 11;
const GROUP_AUTHORIZATION_FAILED = 30;

describeIf(mockBrokerUnavailableReason())('a consumer that cannot go on', () => {
  it('reports that it gave up, so the process exits instead of idling while healthy', async () => {
    const mock = await MockKafka.start(1);
    const db = await createTestDatabase();
    try {
      const topic = uniqueName('denied');
      await mock.createTopic(topic, 1);
      // The broker refuses the group: not retriable, so kafkajs will not restart the consumer.
      await mock.failRequests(JOIN_GROUP, GROUP_AUTHORIZATION_FAILED, 50);
      const gaveUp: Error[] = [];
      const pipeline = createIngestPipeline({
        db,
        brokers: mock.brokers,
        topic,
        groupId: uniqueName('group'),
        onGaveUp: (error) => gaveUp.push(error),
      });
      await pipeline.consumer.start().catch(() => undefined);
      await waitFor('the consumer to give up', () =>
        Promise.resolve(gaveUp.length > 0 ? true : undefined),
      );
      expect(gaveUp[0]?.message).toMatch(/authoriz/i);
      await pipeline.stop();
    } finally {
      await db.drop();
      await mock.stop();
    }
  });
});
