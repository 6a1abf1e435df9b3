import { type ApiKeyEntry, findApiKey, parseAuthorizationHeader } from '@datashare/access';
import type { CredentialCheck } from './credential-check';
import type { OidcTokenVerifier } from './oidc-token-verifier';

/**
 * Checks the `Authorization: Bearer` credentials of a request: a JWT goes to the identity
 * provider's keys when OIDC is configured; anything else (or any token without OIDC) is
 * looked up among the API keys' digests.
 */
export class BearerAuthenticator {
  constructor(
    private readonly apiKeys: readonly ApiKeyEntry[],
    private readonly oidc: OidcTokenVerifier | null,
  ) {}

  async check(authorization: string | string[] | undefined): Promise<CredentialCheck> {
    const credential = parseAuthorizationHeader(authorization);
    switch (credential.kind) {
      case 'none':
        return credential;
      case 'malformed':
        return { kind: 'rejected', reason: credential.reason };
      case 'jwt':
        if (this.oidc !== null) return this.oidc.verify(credential.token);
        return this.apiKey(credential.token, ' (and OIDC tokens are not accepted here)');
      case 'api-key':
        return this.apiKey(credential.token, '');
    }
  }

  private apiKey(token: string, note: string): CredentialCheck {
    const principal = findApiKey(this.apiKeys, token);
    return principal === null
      ? { kind: 'rejected', reason: `unknown API key${note}` }
      : { kind: 'principal', principal: { ...principal, via: 'api-key' } };
  }
}
