/**
 * What an `Authorization` header carries. A JWT is three base64url parts joined by dots (the
 * signature may be empty, which verification then refuses); anything else in the RFC 6750
 * token alphabet is taken for an API key (generateApiKey makes one base64url string, and an
 * operator's own keys may use the rest of the alphabet).
 */
export type BearerCredential =
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'jwt' | 'api-key'; token: string };

/** Longer than any key or token an identity provider issues: refused before any work. */
export const MAX_TOKEN_LENGTH = 16_384;

const BEARER = /^Bearer +(\S+) *$/i;
/** RFC 6750 b64token. */
const B64_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const BASE64URL_PART = /^[A-Za-z0-9_-]+$/;

export function parseAuthorizationHeader(header: string | string[] | undefined): BearerCredential {
  if (header === undefined || header === '') return { kind: 'none' };
  if (Array.isArray(header)) return malformed('send one Authorization header');
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return malformed("the Authorization header must be 'Bearer <token>'");
  if (token.length > MAX_TOKEN_LENGTH) return malformed('the bearer token is too long');
  if (!B64_TOKEN.test(token)) return malformed('the bearer token has characters a token cannot');
  return { kind: tokenKind(token), token };
}

export function tokenKind(token: string): 'jwt' | 'api-key' {
  const parts = token.split('.');
  const [header, payload, signature] = parts;
  return parts.length === 3 &&
    BASE64URL_PART.test(header ?? '') &&
    BASE64URL_PART.test(payload ?? '') &&
    (signature === '' || BASE64URL_PART.test(signature ?? ''))
    ? 'jwt'
    : 'api-key';
}

function malformed(reason: string): BearerCredential {
  return { kind: 'malformed', reason };
}
