import { createHash } from 'node:crypto';

/** What an access-log entry records (issue 5): who looked at what, and how much came back. */
export interface AccessLogRecord {
  /** Epoch ms. */
  at: number;
  principal: string;
  /** The roles the principal held for the request. */
  roles: readonly string[];
  endpoint: string;
  /** The query's filters, with any subject identifier already replaced by its pseudonym. */
  filters: Record<string, string>;
  rows: number;
}

/**
 * Where an entry sits. Every writer (one process) appends to a chain of its own, so that
 * writers never race for one chain's head; a chain's first entry (seq 0) links to the newest
 * entry of the whole log when the writer started (its anchor), or to nothing in an empty log.
 */
export interface ChainLink {
  chainId: string;
  seq: number;
  /** Time of the entry linked to (epoch ms), null when it links to nothing. */
  previousAt: number | null;
  /** Hash of the entry linked to ('' when none). */
  previousHash: string;
}

export interface ChainedAccessLogRecord extends AccessLogRecord, ChainLink {
  /** SHA-256 over this entry's fields and its link, hex. */
  hash: string;
}

/** The genesis value: a chain's first entry in an empty log links to nothing. */
export const CHAIN_START = '';

/**
 * The hash of an entry: SHA-256 of a canonical JSON of its link and fields (keys in a fixed
 * order, roles as given, filters sorted by name). Changing, removing or reordering any entry
 * changes every hash after it.
 */
export function hashAccessLogRecord(record: AccessLogRecord, link: ChainLink): string {
  const canonical = JSON.stringify([
    link.chainId,
    link.seq,
    link.previousAt,
    link.previousHash,
    record.at,
    record.principal,
    record.roles,
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
  link: ChainLink,
): ChainedAccessLogRecord {
  return { ...record, ...link, hash: hashAccessLogRecord(record, link) };
}

/** The link of the entry that follows `entry` in its chain. */
export function linkAfter(entry: ChainedAccessLogRecord): ChainLink {
  return {
    chainId: entry.chainId,
    seq: entry.seq + 1,
    previousAt: entry.at,
    previousHash: entry.hash,
  };
}

/** The first entry of a new chain, anchored to the newest entry of the log (null: empty log). */
export function genesisLink(
  chainId: string,
  anchor: Pick<ChainedAccessLogRecord, 'at' | 'hash'> | null,
): ChainLink {
  return {
    chainId,
    seq: 0,
    previousAt: anchor?.at ?? null,
    previousHash: anchor?.hash ?? CHAIN_START,
  };
}

/**
 * Why an entry breaks the log: `link` (it does not follow the entry before it in its chain:
 * one was removed or inserted, or the chain's start was removed before it could expire),
 * `hash` (its fields were edited), `anchor` (the entry its chain starts from is gone and was
 * not old enough to have expired).
 */
export type ChainBreakReason = 'link' | 'hash' | 'anchor';

export interface ChainBreak {
  /** Position of the entry in the verified order (chains by id, entries by seq), from 0. */
  index: number;
  reason: ChainBreakReason;
  entry: ChainedAccessLogRecord;
}

/** A chain's first entry that links to an entry of another chain, checked once all is read. */
export interface PendingAnchor {
  index: number;
  entry: ChainedAccessLogRecord;
}

/**
 * Checks the log entry by entry, in order of chain and seq, without holding it: memory does
 * not grow with the log. Entries linked to one older than `expiredBeforeMs` may be gone (the
 * log's retention drops them); verification starts, in each chain, from the oldest entry kept.
 * The anchors of chains that start from another chain are returned by `anchors` for the caller
 * to look up in the store.
 */
export class AccessLogVerifier {
  private previous: ChainedAccessLogRecord | null = null;
  private checked = 0;
  readonly anchors: PendingAnchor[] = [];

  constructor(private readonly expiredBeforeMs: number) {}

  get entries(): number {
    return this.checked;
  }

  /** The break this entry makes, or null; the next entry must follow it. */
  check(entry: ChainedAccessLogRecord): ChainBreak | null {
    const index = this.checked++;
    const previous = this.previous;
    this.previous = entry;
    const broken = (reason: ChainBreakReason): ChainBreak => ({ index, reason, entry });
    if (previous !== null && previous.chainId === entry.chainId) {
      const expected = linkAfter(previous);
      if (
        entry.seq !== expected.seq ||
        entry.previousHash !== expected.previousHash ||
        entry.previousAt !== expected.previousAt
      ) {
        return broken('link');
      }
    } else if (entry.previousHash !== CHAIN_START || entry.previousAt !== null) {
      const linkedTo = entry.previousAt;
      if (linkedTo === null || entry.previousHash === CHAIN_START) return broken('link');
      if (entry.seq > 0 && linkedTo >= this.expiredBeforeMs) return broken('link');
      if (entry.seq === 0 && linkedTo >= this.expiredBeforeMs) this.anchors.push({ index, entry });
    } else if (entry.seq !== 0) {
      return broken('link');
    }
    if (hashAccessLogRecord(entry, entry) !== entry.hash) return broken('hash');
    return null;
  }
}

export type ChainVerdict = { ok: true; entries: number } | ({ ok: false } & ChainBreak);

/**
 * Verifies a whole log held in memory (chains by id, entries by seq) and names the first
 * entry that breaks it: one that does not follow the entry before it in its chain (an entry
 * removed or inserted), one whose hash does not match its own fields (an entry edited), or a
 * chain whose anchor is gone although it could not have expired.
 */
export function verifyAccessLogChain(
  entries: readonly ChainedAccessLogRecord[],
  expiredBeforeMs = Number.NEGATIVE_INFINITY,
): ChainVerdict {
  const verifier = new AccessLogVerifier(expiredBeforeMs);
  let found: ChainBreak | null = null;
  for (const entry of entries) {
    found = verifier.check(entry);
    if (found !== null) break;
  }
  const hashes = new Set(entries.map((e) => e.hash));
  const first = firstBreak(found, verifier.anchors, (hash) => hashes.has(hash));
  return first === null ? { ok: true, entries: verifier.entries } : { ok: false, ...first };
}

/** The earliest of a break found while reading and the anchors that are missing. */
export function firstBreak(
  found: ChainBreak | null,
  anchors: readonly PendingAnchor[],
  exists: (hash: string) => boolean,
): ChainBreak | null {
  const missing = anchors.find((a) => !exists(a.entry.previousHash));
  const anchorBreak: ChainBreak | null =
    missing === undefined ? null : { ...missing, reason: 'anchor' };
  if (found === null) return anchorBreak;
  return anchorBreak !== null && anchorBreak.index < found.index ? anchorBreak : found;
}
