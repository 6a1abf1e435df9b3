import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AppProcess,
  type TestApiKeys,
  bearer,
  builtAppsUnavailableReason,
  describeIf,
  runSimulatorBackfill,
  sampleEvent,
  sqlInDataDir,
  utcDateDaysAgo,
  writeApiKeysFile,
} from '@datashare/testing';

jest.setTimeout(120_000);

const baseEnv = (dataDir: string, keys: TestApiKeys) => ({
  DATA_DIR: dataDir,
  API_KEYS_FILE: keys.file,
  PORT: '0',
  HOST: '127.0.0.1',
  SUBJECT_HMAC_KEY: 'e2e-monitor-key-of-at-least-32-characters',
  BATCH_MAX_WAIT_MS: '100',
});

async function post(url: string, body: string, contentType: string, key: string) {
  const response = await fetch(`${url}/api/v1/transactions`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...bearer(key) },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describeIf(builtAppsUnavailableReason())('the monitor on the embedded default', () => {
  let dataDir: string;
  let apiKeys: TestApiKeys;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-monitor-'));
    apiKeys = writeApiKeysFile(dataDir);
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ingests over HTTP, answers each rejected item with its reason, and stores records once', async () => {
    const app = AppProcess.start('monitor', {
      ...baseEnv(dataDir, apiKeys),
      SIMULATE: '0',
      INGEST_MAX_BODY_BYTES: '4096',
    });
    const url = await app.url();
    const ingest = (body: string, contentType: string) =>
      post(url, body, contentType, apiKeys.keys.ingest);

    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { clickhouse: { ok: true } } });

    const ndjson = [
      JSON.stringify(sampleEvent(1)),
      '{"schemaVersion":1,',
      JSON.stringify(sampleEvent(2)),
      JSON.stringify({ ...sampleEvent(3), outcome: 'maybe' }),
      '',
      JSON.stringify(sampleEvent(4)),
    ].join('\n');
    const first = await ingest(ndjson, 'application/x-ndjson');
    expect(first.status).toBe(200);
    expect(first.body.accepted).toBe(3);
    expect(first.body.rejected).toEqual([
      {
        index: 1,
        code: 'not_json',
        reason: expect.stringMatching(/^the message is not valid JSON: /),
      },
      { index: 3, code: 'schema_violation', reason: 'outcome must be one of success, failure' },
    ]);

    const array = await ingest(
      JSON.stringify([sampleEvent(5), sampleEvent(6)]),
      'application/json',
    );
    expect(array).toEqual({ status: 200, body: { accepted: 2, rejected: [] } });

    // Older than the retention: refused with the reason, not stored and silently expired.
    const old = await ingest(
      JSON.stringify(sampleEvent(7, { occurredAt: '2024-03-04T10:00:00Z' })),
      'application/json',
    );
    expect(old.body.rejected).toEqual([
      {
        index: 0,
        code: 'past_retention',
        reason: expect.stringContaining('older than the 400-day retention'),
      },
    ]);

    // The same request again: accepted, and still stored once.
    expect((await ingest(ndjson, 'application/x-ndjson')).body.accepted).toBe(3);

    expect(await ingest('{"not": "closed"', 'application/json')).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: expect.stringMatching(/^the body is not valid JSON/),
      }),
    });
    expect(await ingest('hello', 'text/plain')).toEqual({
      status: 400,
      body: expect.objectContaining({
        message: expect.stringContaining("unsupported content type 'text/plain'"),
      }),
    });
    expect((await ingest('', 'application/x-ndjson')).status).toBe(400);
    expect((await ingest('x'.repeat(5000), 'application/x-ndjson')).status).toBe(413);

    expect(await app.kill('SIGTERM')).toBe(0);
    const [counts] = await sqlInDataDir<{ records: number; rejected: number }>(
      dataDir,
      `SELECT (SELECT count() FROM datashare.transactions FINAL) AS records,
              (SELECT count() FROM datashare.rejections FINAL) AS rejected`,
    );
    expect(counts).toEqual({ records: 5, rejected: 5 });
  });

  it('runs simulated national traffic out of the box (in-process: no API key)', async () => {
    const app = AppProcess.start('monitor', {
      ...baseEnv(dataDir, apiKeys),
      SIMULATE_PEAK_EVENTS_PER_SECOND: '3000',
    });
    await app.url();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await app.kill('SIGTERM')).toBe(0);
    const [stats] = await sqlInDataDir<{
      records: number;
      consumers: number;
      providers: number;
      rejected: number;
    }>(
      dataDir,
      `SELECT count() AS records, uniqExact(consumer) AS consumers, uniqExact(provider) AS providers,
              (SELECT count() FROM datashare.rejections) AS rejected
       FROM datashare.transactions`,
    );
    expect(stats?.records).toBeGreaterThan(100);
    expect(stats?.consumers).toBeGreaterThan(10);
    expect(stats?.providers).toBeGreaterThan(1);
    expect(stats?.rejected).toBe(0);
  });

  it('takes a backfill from `npm run simulate` over HTTP', async () => {
    const app = AppProcess.start('monitor', { ...baseEnv(dataDir, apiKeys), SIMULATE: '0' });
    const url = await app.url();
    // Two whole days ending yesterday (UTC): inside the retention, not in the future.
    const day = utcDateDaysAgo;
    const sent = await runSimulatorBackfill([
      ...['--from', day(3), '--to', day(1), '--target', 'http'],
      ...['--url', url, '--scale', '0.2', '--seed', '7', '--api-key', apiKeys.keys.ingest],
    ]);
    expect(sent).toBeGreaterThan(1000);
    expect(await app.kill('SIGTERM')).toBe(0);

    const [stats] = await sqlInDataDir<{
      records: number;
      first: string;
      last: string;
      rejected: number;
    }>(
      dataDir,
      `SELECT count() AS records, toString(min(occurred_at)) AS first, toString(max(occurred_at)) AS last,
              (SELECT count() FROM datashare.rejections) AS rejected
       FROM datashare.transactions FINAL`,
    );
    expect(stats).toEqual({
      records: sent,
      first: expect.stringMatching(new RegExp(`^${day(3)} `)),
      last: expect.stringMatching(new RegExp(`^${day(2)} `)),
      rejected: 0,
    });
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const app = AppProcess.start('monitor', {
      ...baseEnv(dataDir, apiKeys),
      PORT: 'abc',
      BATCH_MAX_ROWS: '0',
    });
    expect(await app.exited).toBe(2);
    expect(app.logs).toContain('invalid configuration');
    expect(app.logs).toMatch(/PORT: /);
    expect(app.logs).toMatch(/BATCH_MAX_ROWS: /);
  });
});
