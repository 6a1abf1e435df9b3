/**
 * Where a page of transaction history ended, in the stable order of the history (occurred_at,
 * then transaction_id, then reported_by, newest first by default): the next page starts
 * strictly after it. Opaque to clients: base64url of a small JSON, checked when read back.
 */
export interface HistoryPosition {
  occurredAtMs: number;
  transactionId: string;
  reportedBy: 'platform' | 'consumer' | 'provider';
}

const VERSION = 1;
const PARTIES = ['platform', 'consumer', 'provider'] as const;
const TRANSACTION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function encodeCursor(position: HistoryPosition): string {
  return Buffer.from(
    JSON.stringify([VERSION, position.occurredAtMs, position.transactionId, position.reportedBy]),
    'utf8',
  ).toString('base64url');
}

/** The position a cursor stands for, or null when it is not one this API gave out. */
export function decodeCursor(cursor: string): HistoryPosition | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [version, occurredAtMs, transactionId, reportedBy] = parsed as unknown[];
  if (version !== VERSION) return null;
  if (typeof occurredAtMs !== 'number' || !Number.isSafeInteger(occurredAtMs)) return null;
  if (typeof transactionId !== 'string' || !TRANSACTION_ID.test(transactionId)) return null;
  const party = PARTIES.find((p) => p === reportedBy);
  if (party === undefined) return null;
  return { occurredAtMs, transactionId, reportedBy: party };
}
