// Access control and the auditors' access trail (issue 5): pure parts, no I/O.
export { ROLES, grants, type Role } from './roles';
export {
  ApiKeysFileError,
  findApiKey,
  generateApiKey,
  parseApiKeysFile,
  sha256,
  type ApiKeyEntry,
  type AuthenticatedPrincipal,
  type Principal,
} from './api-keys';
export {
  MAX_TOKEN_LENGTH,
  parseAuthorizationHeader,
  tokenKind,
  type BearerCredential,
} from './bearer-token';
export { principalFromClaims, rolesFromClaims, type OidcClaimNames } from './oidc-claims';
export {
  decideAccess,
  type AccessDecision,
  type AccessRule,
  type CheckedCredential,
} from './access-decision';
export {
  CHAIN_START,
  chainAccessLogRecord,
  hashAccessLogRecord,
  verifyAccessLogChain,
  type AccessLogRecord,
  type ChainVerdict,
  type ChainedAccessLogRecord,
} from './access-log-chain';
