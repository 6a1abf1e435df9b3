import { type AppConfig, ConfigError } from '@datashare/config';

/** What an app serves that needs credentials: the API, or /metrics when protected. */
export function servesProtectedRoutes(
  config: AppConfig,
  parts: { intake: boolean; reports: boolean },
): boolean {
  return parts.intake || parts.reports || config.auth.metricsRequireAuth;
}

/**
 * In production an app with protected routes must be told who may call it: without API keys
 * or OIDC it would be closed to everyone (or, worse, opened by a generated key nobody keeps).
 */
export function requireAccessControl(config: AppConfig, servesProtected: boolean): void {
  const configured = config.auth.apiKeysFile !== null || config.auth.oidc !== null;
  if (config.environment !== 'production' || !servesProtected || configured) return;
  throw new ConfigError(
    'invalid configuration:\n' +
      '  API_KEYS_FILE: required in production unless OIDC is configured ' +
      '(OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL): the API needs to know who may call it',
  );
}
