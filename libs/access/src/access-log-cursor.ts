/** Where a page of the access log ended, in its order (newest first, then chain and sequence). */
export interface AccessLogPosition {
  atMs: number;
  chainId: string;
  seq: number;
}

const VERSION = 1;
/** A chain id as AccessLog makes them: start time, host, pid and a random suffix. */
const CHAIN_ID = /^[A-Za-z0-9._:-]{1,300}$/;

/** Opaque to clients: base64url of a small JSON, checked when read back. */
export function encodeAccessLogCursor(position: AccessLogPosition): string {
  return Buffer.from(
    JSON.stringify([VERSION, position.atMs, position.chainId, position.seq]),
    'utf8',
  ).toString('base64url');
}

/** The position a cursor stands for, or null when it is not one this API gave out. */
export function decodeAccessLogCursor(cursor: string): AccessLogPosition | null {
  if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [version, atMs, chainId, seq] = parsed as unknown[];
  if (version !== VERSION) return null;
  if (typeof atMs !== 'number' || !Number.isSafeInteger(atMs)) return null;
  if (typeof chainId !== 'string' || !CHAIN_ID.test(chainId)) return null;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return null;
  return { atMs, chainId, seq };
}
