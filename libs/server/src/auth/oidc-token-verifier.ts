import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { principalFromClaims } from '@datashare/access';
import type { OidcConfig } from '@datashare/config';
import type { CredentialCheck } from './credential-check';

/** Asymmetric algorithms only: a JWKS never holds a shared secret this API should accept. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const CLOCK_TOLERANCE_S = 30;
const JWKS_TIMEOUT_MS = 5_000;
/** A token with an unknown kid refetches the key set at most this often (key rotation). */
const JWKS_COOLDOWN_MS = 30_000;
const JWKS_MAX_AGE_MS = 10 * 60_000;

/**
 * Verifies identity providers' JWTs: signature against the provider's JWKS (fetched when first
 * needed and cached), issuer, audience, expiry; then reads who the token names and its roles.
 */
export class OidcTokenVerifier {
  private readonly keySet: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: OidcConfig) {
    this.keySet = createRemoteJWKSet(new URL(config.jwksUrl), {
      timeoutDuration: JWKS_TIMEOUT_MS,
      cooldownDuration: JWKS_COOLDOWN_MS,
      cacheMaxAge: JWKS_MAX_AGE_MS,
    });
  }

  async verify(token: string): Promise<CredentialCheck> {
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keySet, {
        issuer: this.config.issuer,
        audience: this.config.audiences,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (error) {
      return failureOf(error);
    }
    const found = principalFromClaims(claims, {
      roles: this.config.rolesClaim,
      name: this.config.nameClaim,
    });
    return found.ok
      ? { kind: 'principal', principal: { ...found.principal, via: 'oidc' } }
      : { kind: 'rejected', reason: found.reason };
  }
}

/** Why a token was refused, in words for the caller; or that the provider could not be asked. */
export function failureOf(error: unknown): CredentialCheck {
  const unverifiable = {
    kind: 'unverifiable',
    reason: "the identity provider's keys (OIDC_JWKS_URL) could not be fetched; try again later",
  } as const;
  if (!(error instanceof errors.JOSEError)) return unverifiable;
  const rejected = (reason: string) => ({ kind: 'rejected', reason }) as const;
  switch (error.code) {
    case errors.JWTExpired.code:
      return rejected('the token has expired');
    case errors.JWTClaimValidationFailed.code: {
      const { claim } = error as errors.JWTClaimValidationFailed;
      if (claim === 'iss') return rejected("the token's issuer is not accepted");
      if (claim === 'aud') return rejected("the token's audience is not this API");
      if (claim === 'nbf') return rejected('the token is not valid yet');
      return rejected(`the token's '${claim}' claim is not valid`);
    }
    case errors.JWSSignatureVerificationFailed.code:
      return rejected("the token's signature is not valid");
    case errors.JWKSNoMatchingKey.code:
    case errors.JWKSMultipleMatchingKeys.code:
      return rejected("no key of the identity provider matches the token's key id");
    case errors.JOSEAlgNotAllowed.code:
    case errors.JOSENotSupported.code:
      return rejected("the token's algorithm is not accepted");
    case errors.JWKSTimeout.code:
    case errors.JWKSInvalid.code:
    case errors.JOSEError.code:
      return unverifiable;
    default:
      return rejected('the token is not a valid JWT');
  }
}
