import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type JWTPayload, type KeyLike, SignJWT, exportJWK, generateKeyPair } from 'jose';

export interface TokenOptions {
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresInS?: number;
  kid?: string;
  /** Sign with a key the JWKS does not publish (under the published kid by default). */
  foreignKey?: boolean;
}

/**
 * An OIDC identity provider as far as an API sees one: a JWKS on loopback HTTP, and tokens
 * signed with its key (RS256, kid `test-key-1`).
 */
export class TestIdentityProvider {
  static readonly ISSUER = 'https://id.datashare.test/realms/monitor';
  static readonly AUDIENCE = 'datashare-monitor';
  static readonly KID = 'test-key-1';
  /** How many times the JWKS was fetched. */
  jwksRequests = 0;

  private constructor(
    private readonly server: Server,
    private readonly privateKey: KeyLike,
    private readonly foreignKey: KeyLike,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const foreign = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: TestIdentityProvider.KID, alg: 'RS256' };
    const body = JSON.stringify({ keys: [jwk] });
    let provider: TestIdentityProvider | null = null;
    const server = createServer((req, res) => {
      if (req.url !== '/jwks') return void res.writeHead(404).end();
      if (provider) provider.jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    provider = new TestIdentityProvider(
      server,
      privateKey,
      foreign.privateKey,
      `http://127.0.0.1:${port}/jwks`,
    );
    return provider;
  }

  /** The OIDC_* settings that trust this provider. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      OIDC_ISSUER: TestIdentityProvider.ISSUER,
      OIDC_AUDIENCE: TestIdentityProvider.AUDIENCE,
      OIDC_JWKS_URL: this.jwksUrl,
      ...extra,
    };
  }

  token(claims: JWTPayload, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? TestIdentityProvider.KID })
      .setIssuer(options.issuer ?? TestIdentityProvider.ISSUER)
      .setAudience(options.audience ?? TestIdentityProvider.AUDIENCE)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (options.expiresInS ?? 300))
      .sign(options.foreignKey === true ? this.foreignKey : this.privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
