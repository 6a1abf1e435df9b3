import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Admin } from 'kafkajs';
import {
  AppProcess,
  MockKafka,
  bearer,
  builtAppsUnavailableReason,
  describeIf,
  mockBrokerUnavailableReason,
  sampleEvent,
  sqlInDataDir,
  testKafka,
  waitFor,
  writeApiKeysFile,
} from '@datashare/testing';

jest.setTimeout(120_000);

describeIf(mockBrokerUnavailableReason() ?? builtAppsUnavailableReason())(
  'the monitor with Kafka',
  () => {
    const topic = 'datasharing.transactions.v1';
    let broker: MockKafka;
    let admin: Admin;
    let dataDir: string;

    beforeAll(async () => {
      broker = await MockKafka.start(1);
      await broker.createTopic(topic, 3);
      await broker.createTopic(`${topic}.dlq`, 1);
      admin = testKafka(broker.brokers).admin();
      await admin.connect();
      dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-kafka-'));
    });

    afterAll(async () => {
      await admin.disconnect();
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function committed(): Promise<number> {
      const [offsets] = await admin.fetchOffsets({
        groupId: 'datashare-ingestor',
        topics: [topic],
      });
      return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    }

    it('sends HTTP ingest through Kafka, and flushes and commits what it holds when stopped', async () => {
      const { file, keys } = writeApiKeysFile(dataDir);
      const app = AppProcess.start('monitor', {
        API_KEYS_FILE: file,
        KAFKA_BROKERS: broker.brokers.join(','),
        KAFKA_FETCH_MAX_WAIT_MS: '100',
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        SIMULATE: '0',
        // Batches would wait a minute: only the graceful stop can write and commit them.
        BATCH_MAX_WAIT_MS: '60000',
        SUBJECT_HMAC_KEY: 'e2e-kafka-key-of-at-least-32-characters!',
      });
      const url = await app.url();
      const body = [
        ...Array.from({ length: 50 }, (_, n) => JSON.stringify(sampleEvent(n))),
        '{"schemaVersion":3}',
      ].join('\n');
      const response = await fetch(`${url}/api/v1/transactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...bearer(keys.ingest) },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        accepted: 50,
        rejected: [
          {
            index: 50,
            code: 'unknown_schema_version',
            reason: 'schemaVersion 3 is not supported (supported: 1)',
          },
        ],
      });

      const produced = async () =>
        (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
      expect(await produced()).toBe(50);
      await waitFor('the consumer to join', () =>
        Promise.resolve(app.logs.includes('joined the consumer group') ? true : undefined),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await committed()).toBe(0);

      expect(await app.kill('SIGTERM')).toBe(0);
      expect(await committed()).toBe(50);
      const [counts] = await sqlInDataDir<{ records: number; rejected: number }>(
        dataDir,
        `SELECT (SELECT count() FROM datashare.transactions FINAL) AS records,
              (SELECT count() FROM datashare.rejections FINAL) AS rejected`,
      );
      expect(counts).toEqual({ records: 50, rejected: 1 });
    });
  },
);
