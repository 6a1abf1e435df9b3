import { type AccessRule, type CheckedCredential, decideAccess } from './access-decision';

const viewerRule: AccessRule = { kind: 'role', role: 'viewer' };
const as = (...roles: ('viewer' | 'auditor' | 'ingest' | 'admin')[]): CheckedCredential => ({
  kind: 'principal',
  principal: { name: 'ops', roles },
});

describe('decideAccess', () => {
  it('lets anyone through a public route, with or without credentials', () => {
    for (const credential of [
      { kind: 'none' },
      { kind: 'rejected', reason: 'bad' },
      as(),
    ] as const) {
      expect(decideAccess({ kind: 'public' }, credential)).toEqual({ allow: true });
    }
  });

  it('refuses a route that declares nothing, even to an admin', () => {
    expect(decideAccess({ kind: 'undeclared' }, as('admin'))).toEqual({
      allow: false,
      status: 403,
      message: 'this route declares no access rule',
    });
  });

  it('answers 401 without credentials or with bad ones', () => {
    expect(decideAccess(viewerRule, { kind: 'none' })).toMatchObject({
      allow: false,
      status: 401,
      message: expect.stringMatching(/Authorization: Bearer/),
    });
    expect(decideAccess(viewerRule, { kind: 'rejected', reason: 'unknown API key' })).toEqual({
      allow: false,
      status: 401,
      message: 'unknown API key',
    });
  });

  it('answers 503 when the credentials cannot be checked', () => {
    expect(
      decideAccess(viewerRule, { kind: 'unverifiable', reason: 'the JWKS is unreachable' }),
    ).toMatchObject({ status: 503 });
  });

  it('answers 403 naming the role needed when the roles do not include it', () => {
    expect(decideAccess(viewerRule, as('ingest'))).toEqual({
      allow: false,
      status: 403,
      message: "this needs the role 'viewer' (or one that includes it); 'ops' has ingest",
    });
    expect(decideAccess({ kind: 'role', role: 'admin' }, as())).toMatchObject({
      status: 403,
      message: expect.stringMatching(/'admin'.*has no role$/),
    });
  });

  it('allows a role that includes the one needed', () => {
    expect(decideAccess(viewerRule, as('viewer'))).toEqual({ allow: true });
    expect(decideAccess(viewerRule, as('auditor'))).toEqual({ allow: true });
    expect(decideAccess({ kind: 'role', role: 'ingest' }, as('admin'))).toEqual({ allow: true });
    expect(decideAccess({ kind: 'role', role: 'auditor' }, as('viewer'))).toMatchObject({
      status: 403,
    });
  });
});
