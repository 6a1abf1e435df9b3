import { loadConfig } from '@datashare/config';
import { requireAccessControl, servesProtectedRoutes } from './access-setup';

const production = { NODE_ENV: 'production', SUBJECT_HMAC_KEY: 'k'.repeat(32) };
const api = { intake: true, reports: true };
const ingestorOnly = { intake: false, reports: false };

describe('servesProtectedRoutes', () => {
  it('is true for the API, and for /metrics only when it is protected', () => {
    expect(servesProtectedRoutes(loadConfig({}), api)).toBe(true);
    expect(servesProtectedRoutes(loadConfig({}), { intake: true, reports: false })).toBe(true);
    expect(servesProtectedRoutes(loadConfig({}), ingestorOnly)).toBe(false);
    expect(servesProtectedRoutes(loadConfig({ METRICS_REQUIRE_AUTH: '1' }), ingestorOnly)).toBe(
      true,
    );
  });
});

describe('requireAccessControl', () => {
  it('refuses production with neither API keys nor OIDC, naming the variables', () => {
    expect(() => requireAccessControl(loadConfig(production), true)).toThrow(
      /API_KEYS_FILE: required in production unless OIDC is configured \(OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL\)/,
    );
  });

  it('lets production start with either, or with nothing to protect', () => {
    const keys = loadConfig({ ...production, API_KEYS_FILE: '/etc/keys.json' });
    const oidc = loadConfig({
      ...production,
      OIDC_ISSUER: 'https://id.example',
      OIDC_AUDIENCE: 'monitor',
      OIDC_JWKS_URL: 'https://id.example/jwks',
    });
    expect(() => requireAccessControl(keys, true)).not.toThrow();
    expect(() => requireAccessControl(oidc, true)).not.toThrow();
    expect(() => requireAccessControl(loadConfig(production), false)).not.toThrow();
  });

  it('lets other environments start with nothing configured (a key is generated)', () => {
    expect(() => requireAccessControl(loadConfig({ NODE_ENV: 'test' }), true)).not.toThrow();
    expect(() => requireAccessControl(loadConfig({}), true)).not.toThrow();
  });
});
