import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type AccessLogPosition,
  AccessLogVerifier,
  type AccessLogRecord,
  type ChainBreak,
  type ChainLink,
  type ChainedAccessLogRecord,
  chainAccessLogRecord,
  firstBreak,
  genesisLink,
  linkAfter,
} from '@datashare/access';
import { toClickHouseDateTime64 } from '@datashare/contract';
import type { ClickHouseDatabase } from './clickhouse-database';
import { namedQuery } from './named-query';
import { insertRows } from './row-writer';

export interface AccessLogListRequest {
  fromMs?: number;
  toMs?: number;
  /** Only the looks of this principal, exactly as recorded. */
  principal?: string;
  /** Only the looks that asked for this transaction (a page filter or its detail). */
  transactionId?: string;
  /** Only the looks that asked for this subject, by its pseudonym. */
  subjectRef?: string;
  limit: number;
  after?: AccessLogPosition;
}

export interface AccessLogPage {
  entries: ChainedAccessLogRecord[];
  /** The position of the last entry when more follow it, else null. */
  next: AccessLogPosition | null;
}

export type AccessLogVerification =
  { ok: true; entries: number; chains: number } | ({ ok: false; entries: number } & ChainBreak);

/** The row of `access_log` (migration 0008). */
interface AccessLogRow {
  chain_id: string;
  seq: number;
  at: string;
  principal: string;
  roles: string[];
  endpoint: string;
  filters: Record<string, string>;
  rows: number;
  previous_at: string | null;
  previous_hash: string;
  hash: string;
}

const EARLIEST_MS = Date.UTC(1900, 0, 1);
const LATEST_MS = Date.UTC(2299, 11, 31);
const VERIFY_PAGE_ENTRIES = 5_000;
const ANCHORS_PER_QUERY = 1_000;

/**
 * The access trail (`access_log`): appended to, listed, and verified; never updated. This
 * process appends to a chain of its own (see access-log-chain.ts), so several processes can
 * append at once; within the process, appends are serialized, each linking to the one before.
 */
export class AccessLog {
  readonly chainId: string;
  /** The link of the next entry, or null when it must be read from the store first. */
  private nextLink: ChainLink | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: ClickHouseDatabase,
    options: { chainId?: string } = {},
  ) {
    this.chainId = options.chainId ?? newChainId();
  }

  /** Appends one entry after every earlier append of this process; resolves once stored. */
  append(record: AccessLogRecord): Promise<ChainedAccessLogRecord> {
    if (!Number.isSafeInteger(record.at) || !Number.isSafeInteger(record.rows)) {
      return Promise.reject(new Error('an access-log entry needs whole milliseconds and rows'));
    }
    const appended = this.tail.then(() => this.appendNow(record));
    this.tail = appended.catch(() => undefined);
    return appended;
  }

  /** A page of entries, newest first. */
  async list(request: AccessLogListRequest): Promise<AccessLogPage> {
    const { after } = request;
    const rows = await this.select('access_log_list', {
      from: toClickHouseDateTime64(request.fromMs ?? EARLIEST_MS),
      to: toClickHouseDateTime64(request.toMs ?? LATEST_MS),
      principal: request.principal ?? '',
      transaction_id: request.transactionId ?? '',
      subject_ref: request.subjectRef ?? '',
      after: after === undefined ? 0 : 1,
      after_at: toClickHouseDateTime64(after?.atMs ?? 0),
      after_chain_id: after?.chainId ?? '',
      after_seq: after?.seq ?? 0,
      limit: request.limit + 1,
    });
    const entries = rows.slice(0, request.limit);
    const last = entries.at(-1);
    return {
      entries,
      next:
        rows.length > request.limit && last !== undefined
          ? { atMs: last.at, chainId: last.chainId, seq: last.seq }
          : null,
    };
  }

  /** The whole log in chain order (chain id, then seq), a page at a time. */
  async *inChainOrder(
    pageEntries = VERIFY_PAGE_ENTRIES,
  ): AsyncGenerator<ChainedAccessLogRecord[], void, undefined> {
    let after: ChainedAccessLogRecord | undefined;
    for (;;) {
      const page = await this.select('access_log_in_chain_order', {
        after: after === undefined ? 0 : 1,
        after_chain_id: after?.chainId ?? '',
        after_seq: after?.seq ?? 0,
        limit: pageEntries,
      });
      if (page.length > 0) yield page;
      if (page.length < pageEntries) return;
      after = page.at(-1);
    }
  }

  /**
   * Walks every chain and names the first entry that breaks one. Entries linked to one older
   * than `expiredBeforeMs` (the retention's horizon) may be gone: each chain is verified from
   * its oldest entry kept.
   */
  async verify(expiredBeforeMs: number): Promise<AccessLogVerification> {
    const verifier = new AccessLogVerifier(expiredBeforeMs);
    const chains = new Set<string>();
    let found: ChainBreak | null = null;
    walk: for await (const page of this.inChainOrder()) {
      for (const entry of page) {
        chains.add(entry.chainId);
        found = verifier.check(entry);
        if (found !== null) break walk;
      }
    }
    const present = await this.hashesPresent(verifier.anchors.map((a) => a.entry.previousHash));
    const first = firstBreak(found, verifier.anchors, (hash) => present.has(hash));
    return first === null
      ? { ok: true, entries: verifier.entries, chains: chains.size }
      : { ok: false, entries: verifier.entries, ...first };
  }

  private async appendNow(record: AccessLogRecord): Promise<ChainedAccessLogRecord> {
    const link = this.nextLink ?? (await this.resume());
    const entry = chainAccessLogRecord(record, link);
    this.nextLink = null;
    // The token holds the hash: a retried insert of this very entry is dropped as a repeat,
    // a different entry at the same place is not.
    await insertRows(
      this.db,
      'access_log',
      [toRow(entry)],
      `access-log-${entry.chainId}-${entry.seq}-${entry.hash}`,
    );
    this.nextLink = linkAfter(entry);
    return entry;
  }

  /**
   * Where this chain goes on: after its last stored entry (an append that failed may still
   * have been stored), or, for a new chain, from the newest entry of the log.
   */
  private async resume(): Promise<ChainLink> {
    const [own] = await this.select('access_log_chain_end', { chain_id: this.chainId });
    if (own !== undefined) return linkAfter(own);
    const [newest] = await this.select('access_log_newest', {});
    return genesisLink(this.chainId, newest ?? null);
  }

  private async hashesPresent(hashes: readonly string[]): Promise<Set<string>> {
    const present = new Set<string>();
    for (let i = 0; i < hashes.length; i += ANCHORS_PER_QUERY) {
      const result = await this.db.client.query({
        query: namedQuery('access_log_hashes_present', this.db.database),
        query_params: { hashes: hashes.slice(i, i + ANCHORS_PER_QUERY) },
        format: 'JSONEachRow',
      });
      for (const row of await result.json<{ hash: string }>()) present.add(row.hash);
    }
    return present;
  }

  private async select(
    name: string,
    params: Record<string, unknown>,
  ): Promise<ChainedAccessLogRecord[]> {
    const result = await this.db.client.query({
      query: namedQuery(name, this.db.database),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return (await result.json<AccessLogRow>()).map(fromRow);
  }
}

/** A chain per process run, named so that chains sort in the order they were started. */
function newChainId(): string {
  const started = new Date().toISOString().replace(/[-:.]/g, '');
  return `${started}-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

const storedMs = (stored: string): number => Date.parse(`${stored.replace(' ', 'T')}Z`);

function toRow(entry: ChainedAccessLogRecord): AccessLogRow {
  return {
    chain_id: entry.chainId,
    seq: entry.seq,
    at: toClickHouseDateTime64(entry.at),
    principal: entry.principal,
    roles: [...entry.roles],
    endpoint: entry.endpoint,
    filters: entry.filters,
    rows: entry.rows,
    previous_at: entry.previousAt === null ? null : toClickHouseDateTime64(entry.previousAt),
    previous_hash: entry.previousHash,
    hash: entry.hash,
  };
}

function fromRow(row: AccessLogRow): ChainedAccessLogRecord {
  return {
    chainId: row.chain_id,
    seq: Number(row.seq),
    at: storedMs(row.at),
    principal: row.principal,
    roles: row.roles,
    endpoint: row.endpoint,
    filters: row.filters,
    rows: Number(row.rows),
    previousAt: row.previous_at === null ? null : storedMs(row.previous_at),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
