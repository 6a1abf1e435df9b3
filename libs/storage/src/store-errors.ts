/**
 * Whether a failed write may succeed if tried again, decided by error code: ClickHouse's
 * numeric codes for overload and unavailability, and Node's socket error codes. Transport
 * failures with no code (a client-side timeout) are retriable; any other ClickHouse code
 * (a type mismatch, an unknown table) is permanent: retrying the same rows cannot fix it.
 */
const RETRIABLE_CLICKHOUSE_CODES = new Set([
  3, // UNEXPECTED_END_OF_FILE
  159, // TIMEOUT_EXCEEDED
  164, // READONLY (a replica in read-only mode)
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  252, // TOO_MANY_PARTS
  285, // TOO_FEW_LIVE_REPLICAS
  319, // UNKNOWN_STATUS_OF_INSERT
  425, // SYSTEM_ERROR
  439, // CANNOT_SCHEDULE_TASK
  999, // KEEPER_EXCEPTION
  1000, // POCO_EXCEPTION
]);

const RETRIABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

export type StoreErrorKind = 'retriable' | 'permanent';

export function classifyStoreError(error: unknown): StoreErrorKind {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^\d+$/.test(code)) {
    return RETRIABLE_CLICKHOUSE_CODES.has(Number(code)) ? 'retriable' : 'permanent';
  }
  if (typeof code === 'string') return RETRIABLE_SOCKET_CODES.has(code) ? 'retriable' : 'permanent';
  return 'retriable';
}

export function storeErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : 'unknown';
}
