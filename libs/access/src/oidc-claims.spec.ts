import { principalFromClaims, rolesFromClaims } from './oidc-claims';

describe('rolesFromClaims', () => {
  it('reads a list of roles, keeping only this API roles', () => {
    expect(rolesFromClaims({ roles: ['viewer', 'offline_access', 'admin'] }, 'roles')).toEqual([
      'viewer',
      'admin',
    ]);
  });

  it('follows a dotted path into nested claims', () => {
    const claims = { realm_access: { roles: ['auditor', 'uma_authorization'] } };
    expect(rolesFromClaims(claims, 'realm_access.roles')).toEqual(['auditor']);
    expect(
      rolesFromClaims(
        { resource_access: { api: { roles: ['ingest'] } } },
        'resource_access.api.roles',
      ),
    ).toEqual(['ingest']);
  });

  it('takes a claim whose own name has dots first', () => {
    const claims = { 'https://datashare.gov.vn/roles': ['viewer'], https: { x: ['admin'] } };
    expect(rolesFromClaims(claims, 'https://datashare.gov.vn/roles')).toEqual(['viewer']);
  });

  it('reads a space-separated string', () => {
    expect(rolesFromClaims({ roles: 'viewer ingest other' }, 'roles')).toEqual([
      'viewer',
      'ingest',
    ]);
  });

  it.each([
    [{}, 'roles'],
    [{ roles: null }, 'roles'],
    [{ roles: 42 }, 'roles'],
    [{ roles: [['admin']] }, 'roles'],
    [{ roles: { admin: true } }, 'roles'],
    [{ realm_access: ['admin'] }, 'realm_access.roles'],
    [{ realm_access: null }, 'realm_access.roles'],
    [{ realm_access: {} }, 'realm_access.toString'],
    [{ roles: ['Admin', 'VIEWER', ' viewer'] }, 'roles'],
  ])('finds no role in %j at %s', (claims, path) => {
    expect(rolesFromClaims(claims as Record<string, unknown>, path)).toEqual([]);
  });
});

describe('principalFromClaims', () => {
  const names = { roles: 'roles', name: 'sub' };

  it('names the principal by the name claim, falling back to sub', () => {
    expect(principalFromClaims({ sub: 'u-1', roles: ['viewer'] }, names)).toEqual({
      ok: true,
      principal: { name: 'u-1', roles: ['viewer'] },
    });
    const byUsername = { roles: 'roles', name: 'preferred_username' };
    expect(principalFromClaims({ sub: 'u-1', preferred_username: 'alice' }, byUsername)).toEqual({
      ok: true,
      principal: { name: 'alice', roles: [] },
    });
    expect(principalFromClaims({ sub: 'u-1' }, byUsername)).toMatchObject({
      principal: { name: 'u-1' },
    });
  });

  it('refuses a token that names no one', () => {
    expect(principalFromClaims({ roles: ['admin'] }, names)).toEqual({
      ok: false,
      reason: "the token has no usable 'sub' claim",
    });
    expect(principalFromClaims({ sub: 7 }, names).ok).toBe(false);
    expect(principalFromClaims({ sub: 'x'.repeat(257) }, names).ok).toBe(false);
  });
});
