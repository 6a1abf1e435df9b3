import type { ReportingParty } from '@datashare/contract';

/**
 * Where a page of transaction history ended, in the stable order of the history (occurred_at,
 * then transaction_id, then reported_by, newest first by default; then the connection, which
 * only separates records that share all three, so that none of them is skipped): the next page
 * starts strictly after it. Opaque to clients: base64url of a small JSON, checked when read back.
 */
export interface HistoryPosition {
  occurredAtMs: number;
  transactionId: string;
  reportedBy: ReportingParty;
  platform: string;
  consumer: string;
  provider: string;
}

const VERSION = 1;
const PARTIES = ['platform', 'consumer', 'provider'] as const;
const TRANSACTION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** The contract's code pattern (platform, consumer, provider). */
const CODE = /^[A-Za-z0-9._-]{1,64}$/;
/** The longest cursor encodeCursor makes is about 500 characters. */
const MAX_CURSOR_LENGTH = 700;

export function encodeCursor(position: HistoryPosition): string {
  return Buffer.from(
    JSON.stringify([
      VERSION,
      position.occurredAtMs,
      position.transactionId,
      position.reportedBy,
      position.platform,
      position.consumer,
      position.provider,
    ]),
    'utf8',
  ).toString('base64url');
}

/** The position a cursor stands for, or null when it is not one this API gave out. */
export function decodeCursor(cursor: string): HistoryPosition | null {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 7) return null;
  const [version, occurredAtMs, transactionId, reportedBy, platform, consumer, provider] =
    parsed as unknown[];
  if (version !== VERSION) return null;
  if (typeof occurredAtMs !== 'number' || !Number.isSafeInteger(occurredAtMs)) return null;
  if (typeof transactionId !== 'string' || !TRANSACTION_ID.test(transactionId)) return null;
  const party = PARTIES.find((p) => p === reportedBy);
  if (party === undefined) return null;
  const codes = [platform, consumer, provider];
  if (!codes.every((code): code is string => typeof code === 'string' && CODE.test(code))) {
    return null;
  }
  return {
    occurredAtMs,
    transactionId,
    reportedBy: party,
    platform: platform as string,
    consumer: consumer as string,
    provider: provider as string,
  };
}
