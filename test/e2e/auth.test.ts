import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AppProcess,
  type TestApiKeys,
  TestIdentityProvider,
  bearer,
  builtAppsUnavailableReason,
  describeIf,
  sampleEvent,
  writeApiKeysFile,
} from '@datashare/testing';

jest.setTimeout(120_000);

const baseEnv = (dataDir: string) => ({
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  SUBJECT_HMAC_KEY: 'e2e-auth-key-of-at-least-32-characters!!',
  BATCH_MAX_WAIT_MS: '100',
  SIMULATE: '0',
  HEALTH_EVALUATOR: '0',
});

interface Answer {
  status: number;
  challenge: string | null;
  body: Record<string, unknown>;
}

async function call(url: string, route: string, token?: string): Promise<Answer> {
  const [method, pathAndQuery] = route.split(' ') as [string, string];
  const response = await fetch(`${url}${pathAndQuery}`, {
    method,
    headers: {
      ...(token === undefined ? {} : bearer(token)),
      ...(method === 'POST' ? { 'content-type': 'application/x-ndjson' } : {}),
    },
    ...(method === 'POST' ? { body: JSON.stringify(sampleEvent(1)) } : {}),
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { text };
  }
  return { status: response.status, challenge: response.headers.get('www-authenticate'), body };
}

const CONNECTIONS = 'GET /api/v1/connections';
const GROWTH = 'GET /api/v1/growth?from=2026-01-01&to=2026-02-01';
const INGEST = 'POST /api/v1/transactions';

describeIf(builtAppsUnavailableReason())('authentication and roles of the built monitor', () => {
  describe('with API keys and OIDC configured, and /metrics protected', () => {
    let dataDir: string;
    let keys: TestApiKeys['keys'];
    let idp: TestIdentityProvider;
    let app: AppProcess;
    let url: string;

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-auth-'));
      const written = writeApiKeysFile(dataDir);
      keys = written.keys;
      idp = await TestIdentityProvider.start();
      app = AppProcess.start('monitor', {
        ...baseEnv(dataDir),
        ...idp.env({
          OIDC_ROLES_CLAIM: 'realm_access.roles',
          OIDC_NAME_CLAIM: 'preferred_username',
        }),
        API_KEYS_FILE: written.file,
        METRICS_REQUIRE_AUTH: '1',
      });
      url = await app.url();
    });

    afterAll(async () => {
      expect(await app.kill('SIGTERM')).toBe(0);
      await idp.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers 401 without credentials, with a Bearer challenge and a JSON message', async () => {
      for (const route of [CONNECTIONS, GROWTH, INGEST, 'GET /metrics']) {
        expect(await call(url, route)).toEqual({
          status: 401,
          challenge: 'Bearer realm="datashare-monitor"',
          body: {
            statusCode: 401,
            error: 'Unauthorized',
            message: "authentication required: send 'Authorization: Bearer <API key or token>'",
          },
        });
      }
    });

    it('answers 401 to an unknown key, a token it cannot verify, and a malformed header', async () => {
      const unknown = await call(url, CONNECTIONS, `${keys.viewer}x`);
      expect(unknown).toMatchObject({
        status: 401,
        challenge: 'Bearer realm="datashare-monitor", error="invalid_token"',
        body: { statusCode: 401, error: 'Unauthorized', message: 'unknown API key' },
      });
      const expired = await idp.token(
        { preferred_username: 'alice', realm_access: { roles: ['viewer'] } },
        { expiresInS: -3600 },
      );
      expect(await call(url, CONNECTIONS, expired)).toMatchObject({
        status: 401,
        body: { message: 'the token has expired' },
      });
      const response = await fetch(`${url}/api/v1/connections`, {
        headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ message: /Bearer <token>/ });
    });

    it.each<[string, keyof TestApiKeys['keys'], string]>([
      [CONNECTIONS, 'ingest', 'viewer'],
      [GROWTH, 'ingest', 'viewer'],
      [INGEST, 'viewer', 'ingest'],
      [INGEST, 'auditor', 'ingest'],
      ['GET /metrics', 'ingest', 'viewer'],
    ])('answers 403 to %s with the %s key, naming the role %s', async (route, holder, needed) => {
      expect(await call(url, route, keys[holder])).toEqual({
        status: 403,
        challenge: 'Bearer realm="datashare-monitor", error="insufficient_scope"',
        body: {
          statusCode: 403,
          error: 'Forbidden',
          message: `this needs the role '${needed}' (or one that includes it); '${holder}' has ${holder}`,
        },
      });
    });

    it.each<[string, keyof TestApiKeys['keys']]>([
      [CONNECTIONS, 'viewer'],
      [CONNECTIONS, 'auditor'],
      [CONNECTIONS, 'admin'],
      [GROWTH, 'viewer'],
      [INGEST, 'ingest'],
      [INGEST, 'admin'],
      ['GET /metrics', 'viewer'],
    ])('answers %s with the %s key', async (route, holder) => {
      expect((await call(url, route, keys[holder])).status).toBe(200);
    });

    it('takes OIDC tokens with the roles in the configured claim', async () => {
      const viewer = await idp.token({
        sub: 'u-1',
        preferred_username: 'alice',
        realm_access: { roles: ['viewer', 'offline_access'] },
      });
      expect((await call(url, CONNECTIONS, viewer)).status).toBe(200);
      expect(await call(url, INGEST, viewer)).toMatchObject({
        status: 403,
        body: {
          message: "this needs the role 'ingest' (or one that includes it); 'alice' has viewer",
        },
      });
      const noRoles = await idp.token({ sub: 'u-2', preferred_username: 'bob' });
      expect(await call(url, CONNECTIONS, noRoles)).toMatchObject({
        status: 403,
        body: { message: expect.stringMatching(/'bob' has no role$/) },
      });
      const foreign = await idp.token(
        { preferred_username: 'mallory', realm_access: { roles: ['admin'] } },
        { foreignKey: true },
      );
      expect((await call(url, CONNECTIONS, foreign)).status).toBe(401);
    });

    it('leaves /healthz and /readyz open', async () => {
      expect((await call(url, 'GET /healthz')).status).toBe(200);
      expect((await call(url, 'GET /readyz')).status).toBe(200);
    });

    it('declares a rule on every route it serves, and never logs a key or token', () => {
      const line = app.logs.split('\n').find((l) => l.includes('"msg":"access rules"'));
      const routes = (JSON.parse(line ?? '{}') as { routes?: Record<string, string> }).routes;
      expect(routes).toMatchObject({
        'POST /api/v1/transactions': 'ingest',
        'GET /api/v1/growth': 'viewer',
        'GET /api/v1/growth/series': 'viewer',
        'GET /api/v1/connections': 'viewer',
        'GET /api/v1/connections/events': 'viewer',
        'GET /api/v1/agencies/:code': 'viewer',
        'GET /metrics': 'viewer',
        'GET /healthz': 'public',
        'GET /readyz': 'public',
      });
      expect(Object.values(routes ?? {})).not.toContain('undeclared');
      for (const key of Object.values(keys)) expect(app.logs).not.toContain(key);
      // No credential of any kind: the header is redacted, and no token is quoted anywhere.
      expect(app.logs).not.toMatch(/Bearer [A-Za-z0-9_-]{16}|eyJ[A-Za-z0-9_-]{16}/);
      expect(app.logs).toContain('"authorization":"[redacted]"');
      expect(app.logs).toContain('"principal":"viewer"');
    });
  });

  describe('with nothing configured', () => {
    let dataDir: string;

    beforeAll(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-auth-bootstrap-'));
    });

    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('generates a key with every role, prints it once, and keeps only its digest', async () => {
      const first = AppProcess.start('monitor', baseEnv(dataDir));
      const url = await first.url();
      const key = /\n {4}([A-Za-z0-9_-]{43})\n/.exec(first.logs)?.[1];
      expect(key).toBeDefined();
      expect(first.logs).toContain('an API key with every role was generated');
      for (const route of [CONNECTIONS, INGEST]) {
        expect((await call(url, route, key)).status).toBe(200);
        expect((await call(url, route)).status).toBe(401);
      }
      // Open by default.
      expect((await call(url, 'GET /metrics')).status).toBe(200);
      expect(await first.kill('SIGTERM')).toBe(0);

      const file = path.join(dataDir, 'api-keys.bootstrap.json');
      const stored = readFileSync(file, 'utf8');
      expect(stored).not.toContain(key);
      expect(JSON.parse(stored)).toEqual([
        {
          name: 'bootstrap',
          roles: ['viewer', 'auditor', 'ingest', 'admin'],
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ]);

      const second = AppProcess.start('monitor', baseEnv(dataDir));
      const again = await second.url();
      expect((await call(again, CONNECTIONS, key)).status).toBe(200);
      expect(second.logs).not.toContain(key);
      expect(second.logs).toContain(`"file":"${file}"`);
      expect(second.logs).toContain('delete its file and restart for a new one');
      expect(await second.kill('SIGTERM')).toBe(0);
    });
  });

  describe('refusing to start', () => {
    let dataDir: string;

    beforeAll(() => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-auth-refused-'));
    });

    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it.each(['monitor', 'api'])(
      'the %s in production without API keys or OIDC, naming the variables',
      async (name) => {
        const app = AppProcess.start(name, { ...baseEnv(dataDir), NODE_ENV: 'production' });
        expect(await app.exited).toBe(2);
        expect(app.logs).toContain(
          'API_KEYS_FILE: required in production unless OIDC is configured (OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL)',
        );
      },
    );

    it('with an API keys file that holds a key in clear, naming the file and the entry', async () => {
      const file = path.join(dataDir, 'bad-keys.json');
      writeFileSync(file, JSON.stringify([{ name: 'ops', roles: ['admin'], sha256: 'secret' }]));
      const app = AppProcess.start('monitor', { ...baseEnv(dataDir), API_KEYS_FILE: file });
      expect(await app.exited).toBe(1);
      expect(app.logs).toContain(`${file}: invalid API keys:`);
      expect(app.logs).toContain('[0].sha256: must be the hex SHA-256 of the key');
      expect(app.logs).not.toContain('"secret"');
    });

    it('with only part of the OIDC settings', async () => {
      const app = AppProcess.start('monitor', {
        ...baseEnv(dataDir),
        OIDC_ISSUER: TestIdentityProvider.ISSUER,
      });
      expect(await app.exited).toBe(2);
      expect(app.logs).toMatch(
        /OIDC_AUDIENCE: OIDC needs OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL together/,
      );
    });
  });
});
