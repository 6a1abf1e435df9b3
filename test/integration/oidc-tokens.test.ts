import { createHash } from 'node:crypto';
import type { ApiKeyEntry } from '@datashare/access';
import type { OidcConfig } from '@datashare/config';
import { BearerAuthenticator, OidcTokenVerifier } from '@datashare/server';
import { TestIdentityProvider, bearer } from '@datashare/testing';

describe('OIDC bearer tokens against a JWKS on loopback', () => {
  let idp: TestIdentityProvider;
  let config: OidcConfig;
  let authenticator: BearerAuthenticator;
  const apiKey = 'a-plain-api-key_0123456789';
  const apiKeys: ApiKeyEntry[] = [
    {
      name: 'gateway',
      roles: ['ingest'],
      digest: createHash('sha256').update(apiKey).digest(),
    },
  ];

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    config = {
      issuer: TestIdentityProvider.ISSUER,
      audiences: ['another-api', TestIdentityProvider.AUDIENCE],
      jwksUrl: idp.jwksUrl,
      rolesClaim: 'realm_access.roles',
      nameClaim: 'preferred_username',
    };
    authenticator = new BearerAuthenticator(apiKeys, new OidcTokenVerifier(config));
  });

  afterAll(() => idp.close());

  const check = async (token: string) => authenticator.check(bearer(token).authorization);

  it('accepts a valid token: its name and the roles of this API in the configured claim', async () => {
    const token = await idp.token({
      sub: 'f81d4fae-7dec',
      preferred_username: 'alice',
      realm_access: { roles: ['auditor', 'offline_access'] },
    });
    expect(await check(token)).toEqual({
      kind: 'principal',
      principal: { name: 'alice', roles: ['auditor'], via: 'oidc' },
    });
  });

  it('fetches the key set once and keeps it', async () => {
    const before = idp.jwksRequests;
    for (let i = 0; i < 3; i++) {
      await check(await idp.token({ sub: `u-${i}`, realm_access: { roles: ['viewer'] } }));
    }
    expect(idp.jwksRequests - before).toBe(0);
    expect(idp.jwksRequests).toBe(1);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['expired', () => idp.token({ sub: 'u' }, { expiresInS: -3600 }), /expired/],
    [
      'from another issuer',
      () => idp.token({ sub: 'u' }, { issuer: 'https://evil.example' }),
      /issuer/,
    ],
    ['for another audience', () => idp.token({ sub: 'u' }, { audience: 'other' }), /audience/],
    ['signed with another key', () => idp.token({ sub: 'u' }, { foreignKey: true }), /signature/],
    ['under an unknown kid', () => idp.token({ sub: 'u' }, { kid: 'rotated-away' }), /key id/],
  ])('refuses a token %s', async (_case, makeToken, reason) => {
    const result = await check(await makeToken());
    expect(result).toEqual({ kind: 'rejected', reason: expect.stringMatching(reason) });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const token = await idp.token({ sub: 'u', realm_access: { roles: ['viewer'] } });
    const [header, , signature] = token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'u',
        realm_access: { roles: ['admin'] },
        iss: TestIdentityProvider.ISSUER,
        aud: TestIdentityProvider.AUDIENCE,
        exp: Math.floor(Date.now() / 1000) + 300,
      }),
    ).toString('base64url');
    expect(await check(`${header}.${payload}.${signature}`)).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/signature/),
    });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'u', iss: TestIdentityProvider.ISSUER, aud: 'datashare-monitor' }),
    ).toString('base64url');
    expect((await check(`${header}.${payload}.`)).kind).toBe('rejected');
  });

  it('authenticates a token without the roles claim, with no role', async () => {
    expect(await check(await idp.token({ sub: 'u-2' }))).toEqual({
      kind: 'principal',
      principal: { name: 'u-2', roles: [], via: 'oidc' },
    });
  });

  it('still takes API keys beside OIDC, and refuses unknown ones', async () => {
    expect(await check(apiKey)).toEqual({
      kind: 'principal',
      principal: { name: 'gateway', roles: ['ingest'], via: 'api-key' },
    });
    expect(await check('not-a-key')).toEqual({ kind: 'rejected', reason: 'unknown API key' });
  });

  it('says the token cannot be checked when the JWKS is unreachable', async () => {
    const unreachable = new OidcTokenVerifier({ ...config, jwksUrl: 'http://127.0.0.1:9/jwks' });
    const token = await idp.token({ sub: 'u' });
    expect(await unreachable.verify(token)).toMatchObject({ kind: 'unverifiable' });
  });
});
