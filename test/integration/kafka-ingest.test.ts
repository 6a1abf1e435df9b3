import type { Admin, Kafka, Producer } from 'kafkajs';
import {
  type TestKafka,
  committedTotal,
  createIngestPipeline,
  createTestDatabase,
  describeIf,
  encode,
  queryRows,
  sampleEvent,
  startTestKafka,
  testKafka,
  testKafkaUnavailableReason,
  uniqueName,
  waitFor,
  waitUntilAllCommitted,
} from '@datashare/testing';

jest.setTimeout(120_000);

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

describeIf(testKafkaUnavailableReason())(
  'Kafka to ClickHouse ingestion (mock broker, embedded ClickHouse)',
  () => {
    let broker: TestKafka;
    let kafka: Kafka;
    let admin: Admin;
    let producer: Producer;
    let db: TestDb;
    let topic: string;
    let groupId: string;

    beforeAll(async () => {
      broker = await startTestKafka(3);
      kafka = testKafka(broker.brokers);
      admin = kafka.admin();
      producer = kafka.producer();
      await admin.connect();
      await producer.connect();
    });

    afterAll(async () => {
      await producer.disconnect();
      await admin.disconnect();
      await broker.stop();
    });

    beforeEach(async () => {
      db = await createTestDatabase();
      // Merges would collapse resent records at a time of their choosing; with merges stopped,
      // the physical row count shows exactly what each insert stored.
      await db.client.command({ query: `SYSTEM STOP MERGES ${db.database}.transactions` });
      topic = uniqueName('tx');
      groupId = uniqueName('group');
      await broker.createTopic(topic, 4);
      await broker.createTopic(`${topic}.dlq`, 1);
    });

    afterEach(async () => {
      await db.drop();
    });

    async function produce(values: (Buffer | null)[], partition?: number): Promise<void> {
      for (let i = 0; i < values.length; i += 500) {
        await producer.send({
          topic,
          acks: -1,
          messages: values.slice(i, i + 500).map((value, j) => ({
            key: String((i + j) % 97),
            value,
            ...(partition === undefined ? {} : { partition }),
          })),
        });
      }
    }

    const committed = () => committedTotal(admin, groupId, topic);
    const waitUntilCommitted = () => waitUntilAllCommitted(admin, groupId, topic);

    async function count(query: string): Promise<number> {
      const [row] = await queryRows<{ n: string }>(db, query.replaceAll('{db}', db.database));
      return Number(row?.n);
    }

    it('stores each record once however often it is delivered', async () => {
      const events = Array.from({ length: 3000 }, (_, n) => sampleEvent(n));
      const resent = events.slice(0, 200);
      const reportedByConsumer = events
        .slice(0, 100)
        .map((e) => ({ ...e, reportedBy: 'consumer' as const }));
      await produce([...events, ...resent, ...reportedByConsumer].map(encode));

      const first = createIngestPipeline({ db, brokers: broker.brokers, topic, groupId });
      await first.consumer.start();
      await waitUntilCommitted();
      await first.stop();

      expect(await count('SELECT count() AS n FROM {db}.transactions FINAL')).toBe(3100);
      expect(await count('SELECT uniqExact(transaction_id) AS n FROM {db}.transactions')).toBe(
        3000,
      );
      // Physically, resent records collapse on insert when they share a batch with the original,
      // otherwise at a later merge (stopped here): the exact figure depends on how batches fell.
      const physicalRows = await count('SELECT count() AS n FROM {db}.transactions');
      expect(physicalRows).toBeGreaterThanOrEqual(3100);
      expect(physicalRows).toBeLessThanOrEqual(3300);

      // Redelivery of the whole topic (a group starting from the beginning, as after an offset
      // reset): the ledger makes the consumer cut the same batches again, with other timing, their
      // tokens match, and ClickHouse drops every block.
      groupId = uniqueName('group-reset');
      const second = createIngestPipeline({
        db,
        brokers: broker.brokers,
        topic,
        groupId,
        limits: { maxWaitMs: 50 },
      });
      await second.consumer.start();
      await waitUntilCommitted();
      await second.stop();

      expect(await count('SELECT count() AS n FROM {db}.transactions')).toBe(physicalRows);
      expect(await count('SELECT count() AS n FROM {db}.transactions FINAL')).toBe(3100);
    });

    it('gathers a batch that spanned partitions again whole when they are split between members', async () => {
      await produce(Array.from({ length: 4000 }, (_, n) => encode(sampleEvent(n))));
      const first = createIngestPipeline({ db, brokers: broker.brokers, topic, groupId });
      await first.consumer.start();
      await waitUntilCommitted();
      await first.stop();
      const physicalRows = await count('SELECT count() AS n FROM {db}.transactions');
      const rolledUp = await count(
        'SELECT sum(transactions) + sum(reports) AS n FROM {db}.traffic_minute',
      );
      expect(await count('SELECT count() AS n FROM {db}.transactions FINAL')).toBe(4000);
      // One consumer held all four partitions: its batches spanned several of them.
      expect(
        await count(
          'SELECT max(spans) AS n FROM (SELECT count() AS spans FROM {db}.ingest_batches GROUP BY batch_token)',
        ),
      ).toBeGreaterThan(1);

      // Another group from the start, as after an offset reset, with two members: each holds
      // two partitions, so each recorded batch is gathered from its own partitions and, for the
      // others, read directly from the topic. Every block comes again under its token.
      groupId = uniqueName('group-split');
      const members = [1, 2].map(() =>
        createIngestPipeline({
          db,
          brokers: broker.brokers,
          topic,
          groupId,
          limits: { maxWaitMs: 50 },
        }),
      );
      for (const member of members) await member.consumer.start();
      await waitUntilCommitted();
      await Promise.all(members.map((member) => member.stop()));

      expect(await count('SELECT count() AS n FROM {db}.transactions')).toBe(physicalRows);
      expect(
        await count('SELECT sum(transactions) + sum(reports) AS n FROM {db}.traffic_minute'),
      ).toBe(rolledUp);
      expect(await count('SELECT count() AS n FROM {db}.transactions FINAL')).toBe(4000);
    });

    it('keeps every kind of bad input aside with its reason and ingests the good around it', async () => {
      const nowMs = Date.now();
      const bad: [string, Buffer | null][] = [
        ['not_json', Buffer.from('{"schemaVersion":1,')],
        ['invalid_utf8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
        ['schema_violation', encode({ ...sampleEvent(2), consumer: 'has space' })],
        ['too_large', encode({ ...sampleEvent(3), padding: 'x'.repeat(1024 * 1024) })],
        [
          'future_timestamp',
          encode(sampleEvent(4, { occurredAt: new Date(nowMs + 3_600_000).toISOString() })),
        ],
        ['unknown_schema_version', encode({ ...sampleEvent(5), schemaVersion: 2 })],
        ['not_an_object', Buffer.from('[1,2,3]')],
        ['empty', null],
      ];
      await produce(
        [encode(sampleEvent(1)), ...bad.map(([, value]) => value), encode(sampleEvent(9))],
        0,
      );

      const pipeline = createIngestPipeline({ db, brokers: broker.brokers, topic, groupId });
      await pipeline.consumer.start();
      await waitUntilCommitted();
      await pipeline.stop();

      const stored = await queryRows<{ transaction_id: string }>(
        db,
        `SELECT transaction_id FROM ${db.database}.transactions FINAL ORDER BY transaction_id`,
      );
      expect(stored.map((r) => r.transaction_id)).toEqual(['TX-00000001', 'TX-00000009']);

      const rejections = await queryRows<{
        reason_code: string;
        reason: string;
        kafka_offset: string;
      }>(
        db,
        `SELECT reason_code, reason, toString(kafka_offset) AS kafka_offset FROM ${db.database}.rejections FINAL ORDER BY kafka_offset`,
      );
      expect(rejections.map((r) => r.reason_code)).toEqual(bad.map(([code]) => code));
      expect(rejections.map((r) => r.kafka_offset)).toEqual(bad.map((_, i) => String(i + 1)));
      expect(rejections.find((r) => r.reason_code === 'schema_violation')?.reason).toBe(
        'consumer does not match ^[A-Za-z0-9._-]{1,64}$',
      );

      const deadLetters = await readTopic(kafka, `${topic}.dlq`, bad.length);
      expect(deadLetters.map((m) => m.headers['reason-code'])).toEqual(bad.map(([code]) => code));
      expect(deadLetters.map((m) => m.headers['source-offset'])).toEqual(
        bad.map((_, i) => String(i + 1)),
      );
      expect(
        deadLetters.every(
          (m) => m.headers['source-topic'] === topic && m.headers['source-partition'] === '0',
        ),
      ).toBe(true);
      expect(deadLetters[1]?.value).toEqual(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    });

    it('retries while ClickHouse refuses inserts, committing nothing until they succeed', async () => {
      await produce(Array.from({ length: 500 }, (_, n) => encode(sampleEvent(n))));
      const pipeline = createIngestPipeline({ db, brokers: broker.brokers, topic, groupId });
      await pipeline.consumer.start();
      await waitUntilCommitted();

      // TOO_MANY_PARTS (252): what a real server answers when merges fall behind.
      await db.client.command({
        query: `ALTER TABLE ${db.database}.transactions MODIFY SETTING parts_to_throw_insert = 1`,
      });
      await produce(Array.from({ length: 500 }, (_, n) => encode(sampleEvent(1000 + n))));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await committed()).toBe(500);
      expect(await count('SELECT count() AS n FROM {db}.transactions')).toBe(500);

      await db.client.command({
        query: `ALTER TABLE ${db.database}.transactions MODIFY SETTING parts_to_throw_insert = 3000`,
      });
      await waitUntilCommitted();
      await pipeline.stop();
      expect(await count('SELECT count() AS n FROM {db}.transactions')).toBe(1000);
      expect(await count('SELECT count() AS n FROM {db}.transactions FINAL')).toBe(1000);
    });

    it('recovers when the brokers go down and come back, losing nothing', async () => {
      const pipeline = createIngestPipeline({ db, brokers: broker.brokers, topic, groupId });
      await pipeline.consumer.start();
      await produce(Array.from({ length: 1000 }, (_, n) => encode(sampleEvent(n))));
      await waitUntilCommitted();

      await broker.takeDown();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await broker.bringUp();

      await produce(Array.from({ length: 1000 }, (_, n) => encode(sampleEvent(5000 + n))));
      await waitUntilCommitted();
      await pipeline.stop();
      expect(await count('SELECT count() AS n FROM {db}.transactions FINAL')).toBe(2000);
      expect(await count('SELECT count() AS n FROM {db}.transactions')).toBe(2000);
    });
  },
);

async function readTopic(kafka: Kafka, topic: string, expected: number) {
  const consumer = kafka.consumer({ groupId: `${topic}-reader`, maxWaitTimeInMs: 100 });
  const messages: { value: Buffer | null; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      messages.push({ value: message.value, headers });
      return Promise.resolve();
    },
  });
  await waitFor(
    `${expected} dead letters`,
    () => Promise.resolve(messages.length >= expected ? true : undefined),
    30_000,
  );
  await consumer.disconnect();
  return messages;
}
