// Access control and the auditors' access trail (issue 5): pure parts, no I/O.
export { ROLES, grants, type Role } from './roles';
export {
  ApiKeysFileError,
  findApiKey,
  generateApiKey,
  parseApiKeysFile,
  sha256,
  type ApiKeyEntry,
  type Principal,
} from './api-keys';
export {
  CHAIN_START,
  chainAccessLogRecord,
  hashAccessLogRecord,
  verifyAccessLogChain,
  type AccessLogRecord,
  type ChainVerdict,
  type ChainedAccessLogRecord,
} from './access-log-chain';
