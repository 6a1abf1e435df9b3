import type { Admin, Kafka, Producer } from 'kafkajs';
import { TransactionStore, TrafficCounts, rebuildRollups } from '@datashare/storage';
import { createRng, createTrafficModel, generateEvents } from '@datashare/simulator';
import {
  TEST_REPORT_TIMEZONE,
  type TestKafka,
  createIngestPipeline,
  createTestDatabase,
  describeIf,
  encode,
  queryRows,
  startTestKafka,
  testKafka,
  testKafkaUnavailableReason,
  uniqueName,
  waitUntilAllCommitted,
} from '@datashare/testing';

jest.setTimeout(180_000);

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

/** Every figure of both rollups, merged per key, in a stable order. */
async function snapshot(db: TestDb): Promise<unknown[]> {
  const measures = `sum(transactions) AS transactions, sum(reports) AS reports,
    sum(request_bytes) AS request_bytes, sum(response_bytes) AS response_bytes,
    toString(quantilesTimingMerge(0.5, 0.95, 0.99)(latency_ms)) AS latency, max(last_seen) AS last_seen`;
  const keys = 'platform, consumer, provider, service, outcome';
  return [
    ...(await queryRows(
      db,
      `SELECT minute, ${keys}, ${measures} FROM ${db.database}.traffic_minute
       GROUP BY minute, ${keys} ORDER BY minute, ${keys}`,
    )),
    ...(await queryRows(
      db,
      `SELECT day, ${keys}, ${measures} FROM ${db.database}.traffic_day
       GROUP BY day, ${keys} ORDER BY day, ${keys}`,
    )),
    ...(await queryRows(
      db,
      `SELECT platform, consumer, provider, min(first_seen) AS first_seen
       FROM ${db.database}.connection_first_seen
       GROUP BY platform, consumer, provider ORDER BY platform, consumer, provider`,
    )),
  ];
}

describeIf(testKafkaUnavailableReason())('traffic rollups fed by the ingest pipeline', () => {
  let broker: TestKafka;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let db: TestDb;
  let topic: string;
  let groupId: string;
  const fromMs = Date.parse('2026-11-19T15:30:00Z'); // 22:30 in Ho Chi Minh City
  const toMs = Date.parse('2026-11-20T19:10:00Z'); // 02:10 two local days later

  beforeAll(async () => {
    broker = await startTestKafka(1);
    kafka = testKafka(broker.brokers);
    admin = kafka.admin();
    producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    db = await createTestDatabase();
    topic = uniqueName('rollups');
    groupId = uniqueName('group');
    await broker.createTopic(topic, 3);
    await broker.createTopic(`${topic}.dlq`, 1);

    // About 28 hours (three local days) of national traffic with consumer and provider reports next to the
    // platform's, produced as the simulator does (keyed by consumer).
    const model = createTrafficModel({ peakEventsPerSecond: 0.4 });
    const events = [...generateEvents(model, { fromMs, toMs, rng: createRng(7), idPrefix: 'R' })];
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({
        topic,
        acks: -1,
        messages: events.slice(i, i + 500).map((event) => ({
          key: event.consumer,
          value: encode(event),
        })),
      });
    }
    // Small batches: many inserts, so many blocks of each rollup view.
    const pipeline = createIngestPipeline({
      db,
      brokers: broker.brokers,
      topic,
      groupId,
      limits: { maxRows: 300 },
    });
    await pipeline.consumer.start();
    await waitUntilAllCommitted(admin, groupId, topic, 90_000);
    await pipeline.stop();
  });

  afterAll(async () => {
    await db.drop();
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await broker.stop();
  });

  it('counts each transaction once per minute and per report-zone day, as the raw history says', async () => {
    const [raw] = await queryRows<{ platform: string; all: string; transactions: string }>(
      db,
      `SELECT countIf(reported_by = 'platform') AS platform, count() AS all,
              uniqExact(transaction_id) AS transactions FROM ${db.database}.transactions FINAL`,
    );
    // The simulator's consumer and provider reports make the check meaningful.
    expect(Number(raw?.all)).toBeGreaterThan(Number(raw?.transactions));
    const perMinute = await queryRows(
      db,
      `SELECT toStartOfMinute(toDateTime(occurred_at, 'UTC')) AS minute, consumer,
              uniqExact(transaction_id) AS transactions
       FROM ${db.database}.transactions FINAL WHERE reported_by = 'platform'
       GROUP BY minute, consumer ORDER BY minute, consumer`,
    );
    const rolledUp = await queryRows(
      db,
      `SELECT minute, consumer, sum(transactions) AS transactions
       FROM ${db.database}.traffic_minute GROUP BY minute, consumer
       HAVING transactions > 0 ORDER BY minute, consumer`,
    );
    expect(rolledUp).toEqual(perMinute);
    const perDay = await queryRows(
      db,
      `SELECT toDate(occurred_at, '${TEST_REPORT_TIMEZONE}') AS day, uniqExact(transaction_id) AS t
       FROM ${db.database}.transactions FINAL WHERE reported_by = 'platform'
       GROUP BY day ORDER BY day`,
    );
    expect(perDay).toHaveLength(3);
    expect(
      await queryRows(
        db,
        `SELECT day, sum(transactions) AS t FROM ${db.database}.traffic_day
         GROUP BY day ORDER BY day`,
      ),
    ).toEqual(perDay);
    expect(Number(raw?.platform)).toBe(Number(raw?.transactions));
  });

  it('drops a replayed insert in the rollups as in the raw table (same deduplication token)', async () => {
    const before = await snapshot(db);
    const [first] = await queryRows<Record<string, unknown>>(
      db,
      `SELECT * EXCEPT ingested_at FROM ${db.database}.transactions ORDER BY occurred_at LIMIT 1`,
    );
    // The token of a batch already written: the test's own, written once, then replayed.
    const store = new TransactionStore(db);
    const record = { ...first, transaction_id: 'REPLAYED-1' } as never;
    await store.insert([record], `${topic}-replay-token`);
    const once = await snapshot(db);
    expect(once).not.toEqual(before);
    await store.insert([record], `${topic}-replay-token`);
    expect(await snapshot(db)).toEqual(once);
  });

  it('rebuilds both rollups from the raw history to exactly what the stream produced', async () => {
    const streamed = await snapshot(db);
    const rebuilt = await rebuildRollups(db, TEST_REPORT_TIMEZONE);
    expect(rebuilt.map((r) => r.table)).toEqual([
      `${db.database}.traffic_minute`,
      `${db.database}.traffic_day`,
      `${db.database}.connection_first_seen`,
    ]);
    expect(await snapshot(db)).toEqual(streamed);
  });

  it('counts a period from whole days plus minute edges, per group, as the raw history says', async () => {
    const counts = new TrafficCounts(db);
    // 2026-11-20 00:00 to 2026-11-21 01:00 in Ho Chi Minh City (UTC+7): one whole day and one
    // hour of minutes; and a piece of minutes alone.
    const pieces = [
      { id: 1, grain: 'day' as const, fromDay: '2026-11-20', toDay: '2026-11-21' },
      {
        id: 1,
        grain: 'minute' as const,
        fromMs: Date.parse('2026-11-20T17:00:00Z'),
        toMs: Date.parse('2026-11-20T18:00:00Z'),
      },
      {
        id: 2,
        grain: 'minute' as const,
        fromMs: Date.parse('2026-11-19T16:00:00Z'),
        toMs: Date.parse('2026-11-19T16:30:00Z'),
      },
    ];
    const got = await counts.countPieces(pieces, {}, 'consumer');
    const expected = async (from: string, to: string) =>
      queryRows<{ key: string; transactions: number }>(
        db,
        `SELECT consumer AS key, toUInt64(uniqExact(transaction_id)) AS transactions
         FROM ${db.database}.transactions FINAL
         WHERE reported_by = 'platform' AND occurred_at >= {from:DateTime64(3, 'UTC')}
           AND occurred_at < {to:DateTime64(3, 'UTC')} GROUP BY key`,
        { from, to },
      );
    const sumByKey = (rows: { key: string; transactions: number }[]) => {
      const totals = new Map<string, number>();
      for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + +row.transactions);
      return [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
    };
    expect(sumByKey(got.filter((c) => c.piece === 1))).toEqual(
      sumByKey(await expected('2026-11-19 17:00:00', '2026-11-20 18:00:00')),
    );
    expect(sumByKey(got.filter((c) => c.piece === 2))).toEqual(
      sumByKey(await expected('2026-11-19 16:00:00', '2026-11-19 16:30:00')),
    );
    const filtered = await counts.countPieces(pieces, { provider: 'MPS.NPD' }, null);
    expect(filtered.every((c) => c.key === '')).toBe(true);
    expect(await counts.watermarkMs()).toBeGreaterThan(toMs - 5 * 60_000);
  });
  it('keeps the rollups older than what the raw history still holds whole', async () => {
    const streamed = await snapshot(db);
    // As if retention had dropped the raw history before 12:00 local on 20 November.
    await db.client.command({
      query: `ALTER TABLE ${db.database}.transactions DELETE WHERE occurred_at < '2026-11-20 05:00:00'`,
      clickhouse_settings: { mutations_sync: '2' },
    });
    await rebuildRollups(db, TEST_REPORT_TIMEZONE);
    // Before local midnight of the 21st the rollups stay as streamed; after it they are
    // recomputed from raw rows that are all still there: the same figures either way.
    expect(await snapshot(db)).toEqual(streamed);
  });
});
