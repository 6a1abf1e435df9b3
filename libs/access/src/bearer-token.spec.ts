import { generateApiKey } from './api-keys';
import { MAX_TOKEN_LENGTH, parseAuthorizationHeader, tokenKind } from './bearer-token';

// A real RS256 JWT's shape (header.payload.signature), signature shortened.
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJhbGljZSIsInJvbGVzIjpbInZpZXdlciJdfQ.c2lnbmF0dXJl';

describe('tokenKind', () => {
  it('tells a JWT from an API key', () => {
    expect(tokenKind(JWT)).toBe('jwt');
    expect(tokenKind(generateApiKey('k', ['viewer']).key)).toBe('api-key');
    expect(tokenKind('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).toBe('jwt');
  });

  it('takes anything not shaped like a JWT for an API key', () => {
    expect(tokenKind('a.b')).toBe('api-key');
    expect(tokenKind('a.b.c.d')).toBe('api-key');
    expect(tokenKind('.b.c')).toBe('api-key');
    expect(tokenKind('a+b.c.d')).toBe('api-key');
    expect(tokenKind('0123456789abcdef')).toBe('api-key');
  });
});

describe('parseAuthorizationHeader', () => {
  it('finds no credentials in a missing or empty header', () => {
    expect(parseAuthorizationHeader(undefined)).toEqual({ kind: 'none' });
    expect(parseAuthorizationHeader('')).toEqual({ kind: 'none' });
  });

  it('reads a bearer token of either kind, whatever the scheme case', () => {
    expect(parseAuthorizationHeader(`Bearer ${JWT}`)).toEqual({ kind: 'jwt', token: JWT });
    expect(parseAuthorizationHeader('bearer abc_DEF-123')).toEqual({
      kind: 'api-key',
      token: 'abc_DEF-123',
    });
    expect(parseAuthorizationHeader('Bearer  spaced ')).toEqual({
      kind: 'api-key',
      token: 'spaced',
    });
  });

  it.each([
    ['Basic dXNlcjpwYXNz', /Bearer <token>/],
    ['Bearer', /Bearer <token>/],
    ['Bearer a b', /Bearer <token>/],
    ['Token abc', /Bearer <token>/],
    ['Bearer ab"c', /characters/],
    ['Bearer ключ', /characters/],
    [`Bearer ${'a'.repeat(MAX_TOKEN_LENGTH + 1)}`, /too long/],
  ])('refuses %s', (header, reason) => {
    const parsed = parseAuthorizationHeader(header);
    expect(parsed.kind).toBe('malformed');
    if (parsed.kind === 'malformed') expect(parsed.reason).toMatch(reason);
    // The reason is sent back and may be logged: it never repeats the credentials.
    expect(JSON.stringify(parsed)).not.toMatch(/dXNlcjpwYXNz|ключ|aaaaaaaa/);
  });

  it('refuses two headers', () => {
    expect(parseAuthorizationHeader(['Bearer a', 'Bearer b']).kind).toBe('malformed');
  });
});
