import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Admin, Producer } from 'kafkajs';
import { SubjectPseudonymizer } from '@datashare/contract';
import {
  AppProcess,
  MockKafka,
  builtAppsUnavailableReason,
  citizenId,
  describeIf,
  encode,
  mockBrokerUnavailableReason,
  sampleEvent,
  sqlInDataDir,
  testKafka,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(180_000);

const TOTAL = 12_000;
const CHUNK = 400;
/** The number of the one bad event: apart from every good one. */
const BAD = 9_000_000;
const HMAC_KEY = 'e2e-test-key-of-at-least-32-characters!!';

describeIf(mockBrokerUnavailableReason() ?? builtAppsUnavailableReason())(
  'the built ingestor',
  () => {
    let broker: MockKafka;
    let admin: Admin;
    let producer: Producer;
    let dataDir: string;
    const topic = 'datasharing.transactions.v1';
    const groupId = 'datashare-ingestor';

    beforeAll(async () => {
      broker = await MockKafka.start(1);
      await broker.createTopic(topic, 4);
      await broker.createTopic(`${topic}.dlq`, 1);
      const kafka = testKafka(broker.brokers);
      admin = kafka.admin();
      producer = kafka.producer();
      await admin.connect();
      await producer.connect();
      dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-e2e-'));
    });

    afterAll(async () => {
      await producer.disconnect();
      await admin.disconnect();
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const env = () => ({
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_FETCH_MAX_WAIT_MS: '100',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      BATCH_MAX_ROWS: '300',
      BATCH_MAX_WAIT_MS: '200',
      SUBJECT_HMAC_KEY: HMAC_KEY,
      LOG_LEVEL: 'info',
    });

    async function committed(): Promise<number> {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    }

    async function produceChunk(from: number): Promise<void> {
      const messages = Array.from({ length: CHUNK }, (_, i) => ({
        value: encode(sampleEvent(from + i)),
      }));
      await producer.send({ topic, acks: -1, messages });
    }

    it('loses nothing and stores nothing twice when killed with SIGKILL mid-stream', async () => {
      const first = AppProcess.start('ingestor', env());
      await first.url();
      let produced = 0;
      // Keep producing while it consumes, and kill it once part of the stream is committed.
      while ((await committed()) < TOTAL / 4) {
        await produceChunk(produced);
        produced += CHUNK;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Then a burst of 377 messages per partition: 300 make a batch (BATCH_MAX_ROWS), and the
      // last 77 of each can only be cut by age, 200 ms later. The kill comes before that.
      const burst = Array.from({ length: 4 * 377 }, (_, i) => ({
        partition: i % 4,
        value: encode(sampleEvent(produced + i)),
      }));
      await producer.send({ topic, acks: -1, messages: burst });
      produced += burst.length;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await first.kill('SIGKILL');
      expect(await committed()).toBeLessThan(produced);

      // A schema violation carrying a subject identifier, kept aside in redacted form.
      await producer.send({
        topic,
        messages: [{ value: encode({ ...sampleEvent(BAD), consumer: 'bad consumer' }) }],
      });
      while (produced < TOTAL) {
        await produceChunk(produced);
        produced += CHUNK;
      }
      const good = produced;

      const second = AppProcess.start('ingestor', env());
      await second.url();
      await waitFor(
        'every offset committed',
        async () => ((await committed()) === good + 1 ? true : undefined),
        90_000,
      );
      expect(await second.kill('SIGTERM')).toBe(0);

      const [counts] = await sqlInDataDir<{ physical: number; distinct: number; rejected: number }>(
        dataDir,
        `SELECT (SELECT count() FROM datashare.transactions) AS physical,
              (SELECT count() FROM datashare.transactions FINAL) AS distinct,
              (SELECT count() FROM datashare.rejections) AS rejected`,
      );
      expect(counts).toEqual({ physical: good, distinct: good, rejected: 1 });

      // No raw subject identifier anywhere in stored data or in the logs; their pseudonyms are there.
      const stored = await dumpDatabase(dataDir, good);
      const raw = [citizenId(0), citizenId(good - 1), citizenId(BAD)];
      for (const id of raw) {
        expect(stored.includes(id)).toBe(false);
        expect(first.logs.includes(id) || second.logs.includes(id)).toBe(false);
      }
      const pseudonymizer = new SubjectPseudonymizer(Buffer.from(HMAC_KEY, 'utf8'));
      const [first0] = await sqlInDataDir<{ subject_ref: string }>(
        dataDir,
        "SELECT subject_ref FROM datashare.transactions WHERE transaction_id = 'TX-00000000'",
      );
      expect(first0?.subject_ref).toBe(pseudonymizer.pseudonymize(citizenId(0)));
      expect(stored.includes(pseudonymizer.pseudonymize(citizenId(0)))).toBe(true);
      expect(stored.includes(`hmac:${pseudonymizer.pseudonymize(citizenId(BAD))}`)).toBe(true);
    });
  },
);

/** Every row of every table of the monitor's database, as text; checked to be whole. */
async function dumpDatabase(dataDir: string, expectedTransactions: number): Promise<string> {
  const tables = await sqlInDataDir<{ name: string }>(
    dataDir,
    "SELECT name FROM system.tables WHERE database = 'datashare'",
  );
  expect(tables.map((t) => t.name).sort()).toEqual(
    [
      'access_log',
      'connection_first_seen',
      'connection_first_seen_mv',
      'connection_health_events',
      'ingest_batches',
      'ingest_ledger',
      'rejections',
      'schema_migrations',
      'traffic_day',
      'traffic_day_mv',
      'traffic_minute',
      'traffic_minute_mv',
      'transactions',
    ].sort(),
  );
  // One process at a time: the embedded engine locks its data directory.
  let dump = '';
  for (const t of tables) {
    const rows = await sqlInDataDir(dataDir, `SELECT * FROM datashare.${t.name}`);
    // A short dump would let the search below pass without having looked.
    if (t.name === 'transactions') expect(rows).toHaveLength(expectedTransactions);
    dump += JSON.stringify(rows) + '\n';
  }
  return dump;
}
