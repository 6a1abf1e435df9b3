import { createHash } from 'node:crypto';

/** What an access-log entry records (issue 5): who looked at what, and how much came back. */
export interface AccessLogRecord {
  /** Epoch ms. */
  at: number;
  principal: string;
  role: string;
  endpoint: string;
  /** The query's filters, with any subject identifier already replaced by its pseudonym. */
  filters: Record<string, string>;
  rows: number;
}

export interface ChainedAccessLogRecord extends AccessLogRecord {
  /** Hash of the previous entry ('' for the first). */
  previousHash: string;
  /** SHA-256 over this entry's fields and previousHash, hex. */
  hash: string;
}

/** The genesis value: the chain's first entry links to nothing. */
export const CHAIN_START = '';

/**
 * The hash of an entry: SHA-256 of a canonical JSON of its fields (keys in a fixed order,
 * filters sorted by name) and of the previous entry's hash. Changing, removing or reordering
 * any entry changes every hash after it.
 */
export function hashAccessLogRecord(record: AccessLogRecord, previousHash: string): string {
  const canonical = JSON.stringify([
    previousHash,
    record.at,
    record.principal,
    record.role,
    record.endpoint,
    Object.keys(record.filters)
      .sort()
      .map((name) => [name, record.filters[name]]),
    record.rows,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export function chainAccessLogRecord(
  record: AccessLogRecord,
  previousHash: string,
): ChainedAccessLogRecord {
  return { ...record, previousHash, hash: hashAccessLogRecord(record, previousHash) };
}

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; index: number; reason: 'link' | 'hash'; entry: ChainedAccessLogRecord };

/**
 * Walks the chain in order and names the first entry that breaks it: one whose previousHash is
 * not the hash before it (an entry removed or inserted), or whose hash does not match its own
 * fields (an entry edited).
 */
export function verifyAccessLogChain(entries: readonly ChainedAccessLogRecord[]): ChainVerdict {
  let previous = CHAIN_START;
  for (const [index, entry] of entries.entries()) {
    if (entry.previousHash !== previous) return { ok: false, index, reason: 'link', entry };
    if (hashAccessLogRecord(entry, entry.previousHash) !== entry.hash) {
      return { ok: false, index, reason: 'hash', entry };
    }
    previous = entry.hash;
  }
  return { ok: true, entries: entries.length };
}
