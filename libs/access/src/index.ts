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
  AccessLogVerifier,
  CHAIN_START,
  chainAccessLogRecord,
  firstBreak,
  genesisLink,
  hashAccessLogRecord,
  linkAfter,
  verifyAccessLogChain,
  type AccessLogRecord,
  type ChainBreak,
  type ChainBreakReason,
  type ChainLink,
  type ChainVerdict,
  type ChainedAccessLogRecord,
  type PendingAnchor,
} from './access-log-chain';
export {
  decodeAccessLogCursor,
  encodeAccessLogCursor,
  type AccessLogPosition,
} from './access-log-cursor';
