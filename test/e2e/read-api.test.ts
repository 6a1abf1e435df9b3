import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AppProcess,
  bearer,
  builtAppsUnavailableReason,
  describeIf,
  waitFor,
  writeApiKeysFile,
} from '@datashare/testing';

jest.setTimeout(120_000);

describeIf(builtAppsUnavailableReason())('the read APIs of the running monitor', () => {
  let dataDir: string;
  let app: AppProcess;
  let url: string;
  let viewerKey: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-read-api-'));
    const keys = writeApiKeysFile(dataDir);
    viewerKey = keys.keys.viewer;
    app = AppProcess.start('monitor', {
      DATA_DIR: dataDir,
      API_KEYS_FILE: keys.file,
      PORT: '0',
      HOST: '127.0.0.1',
      SUBJECT_HMAC_KEY: 'e2e-read-api-key-of-at-least-32-characters',
      BATCH_MAX_WAIT_MS: '100',
      SIMULATE_PEAK_EVENTS_PER_SECOND: '400',
      HEALTH_EVALUATION_INTERVAL_MS: '1000',
    });
    url = await app.url();
  });

  afterAll(async () => {
    expect(await app.kill('SIGTERM')).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function get(pathAndQuery: string) {
    const response = await fetch(`${url}${pathAndQuery}`, { headers: bearer(viewerKey) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('lists the connections the simulated traffic created, each with its state and figures', async () => {
    // A connection whose only calls so far failed stays `unknown` (no history to say whether
    // traffic is expected): at night the simulated traffic is thin, so some may.
    const list = await waitFor(
      'connections with a state',
      async () => {
        const { body } = await get('/api/v1/connections');
        const connections = body.connections as { state: string }[];
        const judged = connections.filter((c) => c.state !== 'unknown');
        return connections.length > 10 && judged.length >= 10 ? connections : undefined;
      },
      60_000,
    );
    for (const connection of list) {
      expect(connection.state).toMatch(/^(healthy|degraded|down|idle|unknown)$/);
    }
    expect(list.find((c) => c.state !== 'unknown')).toEqual({
      platform: expect.any(String),
      consumer: expect.any(String),
      provider: expect.any(String),
      state: expect.stringMatching(/^(healthy|degraded|down|idle)$/),
      since: expect.any(String),
      reason: expect.any(String),
      window: expect.objectContaining({ transactions: expect.any(Number) }),
    });
    const events = await get(
      `/api/v1/connections/events?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`,
    );
    expect((events.body.events as unknown[]).length).toBeGreaterThanOrEqual(
      list.filter((c) => c.state !== 'unknown').length,
    );

    const mps = await get('/api/v1/agencies/MPS');
    expect(mps.status).toBe(200);
    expect(mps.body).toEqual(
      expect.objectContaining({
        code: 'MPS',
        asProvider: expect.arrayContaining([expect.objectContaining({ provider: 'MPS.NPD' })]),
        growth: expect.objectContaining({ timezone: 'Asia/Ho_Chi_Minh' }),
      }),
    );
  });

  it.each([
    ['/api/v1/growth?from=2026-01-01&to=2026-02-01&tz=Mars/Olympus', /tz/],
    ['/api/v1/growth?from=2026-02-01&to=2026-01-01', /before/],
    ['/api/v1/growth?from=2000-01-01&to=2026-01-01', /longer|maximum|at most/],
    ['/api/v1/growth?from=2026-01-01&to=2026-02-01&groupBy=planet', /groupBy/],
    ['/api/v1/growth?from=2026-01-01&to=2026-02-01&bogus=1', /unknown parameter 'bogus'/],
    ['/api/v1/growth/series?from=2026-01-01&to=2026-02-01', /interval/],
    ['/api/v1/connections?state=sleepy', /state/],
    ['/api/v1/connections/events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', /before/],
  ])('answers %s with 400 and what is wrong', async (request, message) => {
    const { status, body } = await get(request);
    expect(status).toBe(400);
    expect(body.message).toMatch(message);
  });

  it('counts nothing, without an error, for years the rollups cannot hold', async () => {
    const { status, body } = await get(
      '/api/v1/growth?from=1900-01-01&to=1900-02-01&compare=previous_year',
    );
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.objectContaining({
        current: expect.objectContaining({ transactions: 0 }),
        growthPercent: null,
      }),
    );
  });

  it('answers 404 for an agency with no connection', async () => {
    const { status, body } = await get('/api/v1/agencies/NO-SUCH-AGENCY');
    expect(status).toBe(404);
    expect(body.message).toMatch(/NO-SUCH-AGENCY/);
  });
});
