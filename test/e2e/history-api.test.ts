import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SubjectPseudonymizer } from '@datashare/contract';
import {
  AppProcess,
  type TestApiKeys,
  bearer,
  builtAppsUnavailableReason,
  citizenId,
  describeIf,
  sampleEvent,
  sqlInDataDir,
  writeApiKeysFile,
} from '@datashare/testing';

jest.setTimeout(180_000);

const HMAC_KEY = 'e2e-history-api-key-of-at-least-32-characters';
const EVENTS = 600;
/** sampleEvent(n) occurs at 2026-11-20T08:00:00Z + 37 ms × n. */
const FROM = '2026-11-20T08:00:00Z';
const TO = '2026-11-20T09:00:00Z';
/** The transaction reported by all three parties, each at its own time. */
const SHARED = 'TX-SHARED-0001';

interface Page {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

describeIf(builtAppsUnavailableReason())('the auditors’ history API of the running monitor', () => {
  let dataDir: string;
  let keys: TestApiKeys['keys'];
  let app: AppProcess;
  let url: string;
  const pseudonym = (id: string) =>
    new SubjectPseudonymizer(Buffer.from(HMAC_KEY, 'utf8')).pseudonymize(id);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-history-api-'));
    const apiKeys = writeApiKeysFile(dataDir);
    keys = apiKeys.keys;
    app = AppProcess.start('monitor', {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      SIMULATE: '0',
      HEALTH_EVALUATOR: '0',
      SUBJECT_HMAC_KEY: HMAC_KEY,
      API_KEYS_FILE: apiKeys.file,
      BATCH_MAX_WAIT_MS: '100',
    });
    url = await app.url();
    const shared = (reportedBy: 'platform' | 'consumer' | 'provider', delayMs: number) =>
      sampleEvent(1, {
        transactionId: SHARED,
        reportedBy,
        occurredAt: new Date(Date.UTC(2026, 10, 20, 8, 30, 0) + delayMs).toISOString(),
      });
    const events = [
      ...Array.from({ length: EVENTS }, (_, n) => sampleEvent(n)),
      shared('consumer', 0),
      shared('platform', 40),
      shared('provider', 115),
    ];
    const response = await fetch(`${url}/api/v1/transactions`, {
      method: 'POST',
      headers: { ...bearer(keys.ingest), 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(await response.json()).toMatchObject({ accepted: EVENTS + 3 });
  });

  afterAll(async () => {
    expect(await app.kill('SIGTERM')).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function get(pathAndQuery: string, key = keys.auditor) {
    const response = await fetch(`${url}${pathAndQuery}`, { headers: bearer(key) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  }

  async function getJson<T = Record<string, unknown>>(pathAndQuery: string, key = keys.auditor) {
    const { status, text } = await get(pathAndQuery, key);
    return { status, body: JSON.parse(text) as T };
  }

  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

  it('walks every record of a range exactly once, page by page, in both orders', async () => {
    for (const order of ['desc', 'asc']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const params: Record<string, string> = { from: FROM, to: TO, limit: '97', order };
        if (cursor !== null) params.cursor = cursor;
        const { status, body } = await getJson<Page>(`/api/v1/transactions?${query(params)}`);
        expect(status).toBe(200);
        seen.push(...body.items.map((i) => `${String(i.transactionId)}/${String(i.reportedBy)}`));
        cursor = body.nextCursor;
        pages++;
      } while (cursor !== null);
      expect(seen).toHaveLength(EVENTS + 3);
      expect(new Set(seen).size).toBe(EVENTS + 3);
      expect(pages).toBe(Math.ceil((EVENTS + 3) / 97));
    }
  });

  it('answers each item with every stored field, the subject only as its pseudonym', async () => {
    const { body } = await getJson<Page>(
      `/api/v1/transactions?${query({ from: FROM, to: TO, transactionId: 'TX-00000050' })}`,
    );
    expect(body.items).toEqual([
      {
        transactionId: 'TX-00000050',
        reportedBy: 'platform',
        occurredAt: new Date(Date.UTC(2026, 10, 20, 8) + 50 * 37).toISOString(),
        platform: 'NDXP',
        consumer: 'PROV-50.PORTAL',
        provider: 'MPS.NPD',
        service: 'citizen.lookup',
        outcome: 'failure',
        errorCode: 'TIMEOUT',
        latencyMs: 150,
        requestBytes: 200,
        responseBytes: 1800,
        subjectRef: pseudonym(citizenId(50)),
        ingestedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
      },
    ]);
    expect(body.nextCursor).toBeNull();
  });

  it('narrows by each filter, and finds a citizen by identifier without storing it', async () => {
    const list = async (filters: Record<string, string>) =>
      (
        await getJson<Page>(
          `/api/v1/transactions?${query({ from: FROM, to: TO, limit: '1000', ...filters })}`,
        )
      ).body.items;
    const failures = await list({ outcome: 'failure' });
    expect(failures.map((i) => i.transactionId)).toEqual(
      Array.from(
        { length: EVENTS / 50 },
        (_, k) => `TX-${String(600 - 50 * (k + 1)).padStart(8, '0')}`,
      ),
    );
    expect(await list({ consumer: 'PROV-07.PORTAL', errorCode: 'TIMEOUT' })).toHaveLength(0);
    const province7 = await list({ consumer: 'PROV-07.PORTAL' });
    expect(province7.length).toBe(
      Array.from({ length: EVENTS }, (_, n) => n % 63 === 7).filter(Boolean).length,
    );
    const citizen = await list({ subjectId: citizenId(123) });
    expect(citizen.map((i) => i.transactionId)).toEqual(['TX-00000123']);
    expect(citizen[0]?.subjectRef).toBe(pseudonym(citizenId(123)));
    expect(
      await list({ provider: 'MPS.NPD', service: 'citizen.lookup', platform: 'NDXP' }),
    ).toHaveLength(EVENTS + 3);
    const providers = await list({ reportedBy: 'provider' });
    expect(providers.map((i) => [i.transactionId, i.reportedBy])).toEqual([[SHARED, 'provider']]);
    expect(await list({ reportedBy: 'platform' })).toHaveLength(EVENTS + 1);
  });

  it('shows one transaction as each party saw it, with the time between them', async () => {
    const { status, body } = await getJson<{
      transactionId: string;
      records: { reportedBy: string; afterFirstMs: number }[];
      spreadMs: number;
    }>(`/api/v1/transactions/${SHARED}`);
    expect(status).toBe(200);
    expect(body.transactionId).toBe(SHARED);
    expect(body.records.map((r) => [r.reportedBy, r.afterFirstMs])).toEqual([
      ['consumer', 0],
      ['platform', 40],
      ['provider', 115],
    ]);
    expect(body.spreadMs).toBe(115);
    const missing = await getJson('/api/v1/transactions/TX-NEVER-SEEN');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('no record of transaction TX-NEVER-SEEN is stored');
  });

  it('exports the same records as CSV and NDJSON, streamed as a download', async () => {
    const csv = await get(
      `/api/v1/transactions/export?${query({ from: FROM, to: TO, format: 'csv' })}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="transactions_.+\.csv"$/,
    );
    const csvLines = csv.text.split('\r\n').filter((line) => line.length > 0);
    expect(csvLines[0]).toMatch(/^transactionId,reportedBy,occurredAt,/);
    expect(csvLines).toHaveLength(EVENTS + 3 + 1);

    const ndjson = await get(
      `/api/v1/transactions/export?${query({ from: FROM, to: TO, format: 'ndjson', order: 'asc', outcome: 'failure' })}`,
    );
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const records = ndjson.text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as { transactionId: string });
    expect(records.map((r) => r.transactionId)).toEqual(
      Array.from({ length: EVENTS / 50 }, (_, k) => `TX-${String(50 * k).padStart(8, '0')}`),
    );
  });

  it('lets only auditors and admins read the history, and only admins the access log', async () => {
    const page = `/api/v1/transactions?${query({ from: FROM, to: TO, limit: '1' })}`;
    expect((await get(page, keys.viewer)).status).toBe(403);
    expect((await get(page, keys.ingest)).status).toBe(403);
    expect((await get(page, keys.admin)).status).toBe(200);
    expect((await get(page, 'not-a-key')).status).toBe(401);
    expect((await get('/api/v1/audit-log', keys.auditor)).status).toBe(403);
    expect((await get('/api/v1/audit-log', keys.admin)).status).toBe(200);
  });

  const range = { from: FROM, to: TO };
  it.each([
    ['no range', {}, 'from: is required'],
    ['a range backwards', { from: TO, to: FROM }, 'from: must be before to'],
    [
      'a range over the bound',
      { from: '2026-01-01T00:00:00Z', to: '2026-11-20T00:00:00Z' },
      'to: must be at most 31 days after from',
    ],
    ['an absurd year', { from: '99999-01-01T00:00:00Z', to: TO }, 'from: must be an RFC 3339'],
    ['a time without a zone', { from: '2026-11-20T08:00:00', to: TO }, 'from: must be an RFC 3339'],
    ['SQL in a code filter', { ...range, consumer: "PROV-01' OR '1'='1" }, 'consumer: must be'],
    [
      'SQL in the transaction id',
      { ...range, transactionId: "x'; DROP TABLE datashare.transactions; --" },
      'transactionId: must be',
    ],
    [
      'a control character',
      { ...range, errorCode: 'TIME\u0000OUT' },
      'errorCode: must be 1 to 64 characters without control characters',
    ],
    ['a right-to-left override', { ...range, platform: 'NDXP\u202e' }, 'platform: must be'],
    [
      'an unknown reporting party',
      { ...range, reportedBy: 'auditor' },
      'reportedBy: must be platform, consumer or provider',
    ],
    ['a very long value', { ...range, service: 'a'.repeat(5000) }, 'service: is too long'],
    [
      'a filter given twice',
      { ...range, outcome: ['success', 'failure'] },
      'outcome: must be given once',
    ],
    ['an unknown outcome', { ...range, outcome: 'maybe' }, 'outcome: must be success or failure'],
    [
      'a limit over 1000',
      { ...range, limit: '1001' },
      'limit: must be a whole number from 1 to 1000',
    ],
    ['a limit that is not a number', { ...range, limit: '1e3x' }, 'limit: must be a whole number'],
    [
      'a malformed cursor',
      { ...range, cursor: '%%%' },
      'cursor: is not a cursor this API gave out',
    ],
    [
      'a forged cursor',
      { ...range, cursor: Buffer.from(`[1,1,"x' OR 1=1","platform"]`).toString('base64url') },
      'cursor: is not a cursor this API gave out',
    ],
    [
      'an unknown parameter',
      { ...range, consumerr: 'PROV-01.PORTAL' },
      'unknown parameter consumerr',
    ],
  ] as [string, Record<string, string | string[]>, string][])(
    'answers 400 to %s, naming the problem',
    async (_, params, message) => {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(params)) {
        for (const one of [value].flat()) search.append(name, one);
      }
      const { status, body } = await getJson<{ message: string }>(
        `/api/v1/transactions?${search.toString()}`,
      );
      expect(status).toBe(400);
      expect(body.message).toContain(message);
    },
  );

  it('answers 400 to a bad transaction id in the path', async () => {
    const { status, body } = await getJson<{ message: string }>(
      `/api/v1/transactions/${encodeURIComponent("TX' OR 1=1")}`,
    );
    expect(status).toBe(400);
    expect(body.message).toContain('transactionId: must be 1 to 128 characters');
  });

  it('records every look in the access log, the subject as its pseudonym, and reads it to admins', async () => {
    await getJson(`/api/v1/transactions?${query({ from: FROM, to: TO, subjectId: citizenId(7) })}`);
    const { status, body } = await getJson<{
      items: {
        principal: string;
        roles: string[];
        endpoint: string;
        filters: Record<string, string>;
        rows: number;
      }[];
      nextCursor: string | null;
    }>('/api/v1/audit-log?limit=1000', keys.admin);
    expect(status).toBe(200);
    const look = body.items.find((e) => e.filters.subjectRef === pseudonym(citizenId(7)));
    expect(look).toMatchObject({
      principal: 'auditor',
      roles: ['auditor'],
      endpoint: 'GET /api/v1/transactions',
      rows: 1,
    });
    expect(look?.filters).toMatchObject({
      from: '2026-11-20T08:00:00.000Z',
      to: '2026-11-20T09:00:00.000Z',
    });
    expect(JSON.stringify(body)).not.toContain(citizenId(7));
    const endpoints = new Set(body.items.map((e) => e.endpoint));
    for (const endpoint of [
      'GET /api/v1/transactions',
      'GET /api/v1/transactions/{transactionId}',
      'GET /api/v1/transactions/export (started)',
      'GET /api/v1/transactions/export (completed)',
    ]) {
      expect(endpoints.has(endpoint)).toBe(true);
    }
    // Refused requests read nothing and are not looks at the history.
    expect(body.items.every((e) => e.principal === 'auditor' || e.principal === 'admin')).toBe(
      true,
    );
  });

  it('answers who looked at a citizen, or at a transaction, from the access log', async () => {
    type Entries = {
      items: { principal: string; endpoint: string; filters: Record<string, string> }[];
    };
    await getJson(`/api/v1/transactions/${SHARED}`);
    const bySubject = await getJson<Entries>(
      `/api/v1/audit-log?${query({ subjectId: citizenId(7) })}`,
      keys.admin,
    );
    expect(bySubject.status).toBe(200);
    expect(bySubject.body.items.length).toBeGreaterThan(0);
    expect(
      bySubject.body.items.every((e) => e.filters.subjectRef === pseudonym(citizenId(7))),
    ).toBe(true);
    const byTransaction = await getJson<Entries>(
      `/api/v1/audit-log?${query({ transactionId: SHARED, principal: 'auditor' })}`,
      keys.admin,
    );
    expect(byTransaction.body.items.map((e) => [e.principal, e.endpoint])).toContainEqual([
      'auditor',
      'GET /api/v1/transactions/{transactionId}',
    ]);
    expect(byTransaction.body.items.every((e) => e.filters.transactionId === SHARED)).toBe(true);
    // The admin's own searches are looks too: recorded, the subject as its pseudonym.
    const searches = await getJson<Entries>(
      `/api/v1/audit-log?${query({ principal: 'admin' })}`,
      keys.admin,
    );
    expect(searches.body.items[0]?.filters).toMatchObject({
      principal: 'auditor',
      transactionId: SHARED,
    });
    expect(JSON.stringify(searches.body)).not.toContain(citizenId(7));
    expect(
      (await get(`/api/v1/audit-log?${query({ principal: 'ops\u0007' })}`, keys.admin)).status,
    ).toBe(400);
  });

  it('serves its OpenAPI description at /api/docs, open to all, with every route it serves', async () => {
    const response = await fetch(`${url}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(document.openapi).toMatch(/^3\./);
    // The app logs every route it serves with its access rule when it starts.
    const line = app.logs.split('\n').find((l) => l.includes('"msg":"access rules"'));
    const routes = (JSON.parse(line ?? '{}') as { routes?: Record<string, string> }).routes ?? {};
    const served = Object.entries(routes).filter(([route]) => route.includes(' /api/'));
    expect(served.length).toBeGreaterThanOrEqual(10);
    for (const [route, rule] of served) {
      const [method = '', routePath = ''] = route.split(' ');
      const documented = routePath.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[documented]?.[method.toLowerCase()];
      expect([route, operation === undefined ? 'undocumented' : 'documented']).toEqual([
        route,
        'documented',
      ]);
      // A public route needs no credentials in the description either.
      expect([route, (operation?.security ?? ['bearer']).length === 0]).toEqual([
        route,
        rule === 'public',
      ]);
    }
  });

  it('stores no raw subject identifier in any table, the access log included', async () => {
    expect(await app.kill('SIGTERM')).toBe(0);
    const tables = await sqlInDataDir<{ name: string }>(
      dataDir,
      "SELECT name FROM system.tables WHERE database = 'datashare' AND engine NOT LIKE '%View'",
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['transactions', 'access_log']),
    );
    let dump = '';
    for (const { name } of tables) {
      dump += JSON.stringify(await sqlInDataDir(dataDir, `SELECT * FROM datashare.${name}`));
    }
    expect(dump).toContain(pseudonym(citizenId(7)));
    for (const n of [0, 7, 123, EVENTS - 1]) expect(dump).not.toContain(citizenId(n));
    expect(app.logs).not.toContain(citizenId(7));
    // Restarted for afterAll, which stops it again.
    app = AppProcess.start('monitor', {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      SIMULATE: '0',
      HEALTH_EVALUATOR: '0',
      SUBJECT_HMAC_KEY: HMAC_KEY,
      API_KEYS_FILE: path.join(dataDir, 'api-keys.json'),
    });
    await app.url();
  });
});
