import { decodeTransactionMessage } from '@datashare/contract';
import {
  MockKafka,
  builtAppsUnavailableReason,
  describeIf,
  mockBrokerUnavailableReason,
  runSimulatorBackfill,
  testKafka,
  utcDateDaysAgo,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(60_000);

describeIf(mockBrokerUnavailableReason() ?? builtAppsUnavailableReason())(
  '`npm run simulate` to Kafka',
  () => {
    it('produces a backfill of valid events onto the topic', async () => {
      const broker = await MockKafka.start(1);
      const topic = 'datasharing.transactions.v1';
      await broker.createTopic(topic, 4);
      try {
        const day = utcDateDaysAgo;
        const sent = await runSimulatorBackfill([
          ...['--from', day(2), '--to', day(1), '--target', 'kafka', '--topic', topic],
          ...['--brokers', broker.brokers.join(','), '--scale', '0.05', '--seed', '3'],
        ]);
        expect(sent).toBeGreaterThan(1000);

        const kafka = testKafka(broker.brokers);
        const admin = kafka.admin();
        await admin.connect();
        const offsets = await admin.fetchTopicOffsets(topic);
        await admin.disconnect();
        expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(sent);

        // Every message read back is a valid event of the contract.
        const consumer = kafka.consumer({ groupId: 'simulator-check', maxWaitTimeInMs: 100 });
        let valid = 0;
        let invalid = 0;
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: ({ message }) => {
            const result = decodeTransactionMessage(message.value, {
              nowMs: Date.now(),
              maxFutureSkewMs: 0,
              retentionDays: 400,
              pseudonymize: (id) => id,
            });
            if (result.ok) valid++;
            else invalid++;
            return Promise.resolve();
          },
        });
        await waitFor('every message read back', () =>
          Promise.resolve(valid + invalid >= sent ? true : undefined),
        );
        await consumer.disconnect();
        expect({ valid, invalid }).toEqual({ valid: sent, invalid: 0 });
      } finally {
        await broker.stop();
      }
    });
  },
);
