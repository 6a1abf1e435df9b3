import { toClickHouseDateTime64 } from '@datashare/contract';
import {
  type HistoryFilters,
  type HistoryOrder,
  type HistoryPosition,
  type HistoryRecord,
  positionOf,
} from '@datashare/history';
import type { ClickHouseDatabase } from './clickhouse-database';
import { namedQuery } from './named-query';

/** What a history query asks for: records in [fromMs, toMs) that match every filter given. */
export interface HistoryQuery {
  fromMs: number;
  toMs: number;
  filters: HistoryFilters;
  order: HistoryOrder;
}

export interface HistoryPageRequest extends HistoryQuery {
  limit: number;
  /** The position of the previous page's last record: this page starts strictly after it. */
  after?: HistoryPosition;
}

export interface HistoryPage {
  records: HistoryRecord[];
  /** The position of the last record when more follow it, else null (the last page). */
  next: HistoryPosition | null;
}

/**
 * FINAL reads each record once, but by default ignores the skip indexes (or, in exact mode,
 * widens what they select to every overlapping range of the other parts: 238 granules instead
 * of 3 for one subject, about 2 s instead of 15 ms over 100 M rows). Exact mode is not needed
 * here: a record stored twice is the same record twice, with the same transaction_id and
 * subject_ref, so an index that selects one copy selects the others.
 */
const HISTORY_READ_SETTINGS = {
  output_format_json_quote_64bit_integers: 0,
  use_skip_indexes_if_final: 1,
  use_skip_indexes_if_final_exact_mode: 0,
} as const;

/** At most this many records of one transaction: a party's, each connection it was sent on. */
const MAX_RECORDS_OF_TRANSACTION = 100;
/** Records per page of an export: a few MB of rows at a time, whatever the export's size. */
export const EXPORT_PAGE_RECORDS = 10_000;
/** An export's first time window; it then follows the density of the records it meets. */
const FIRST_WINDOW_MS = 3_600_000;

const PAGE_QUERIES: Record<HistoryOrder, string> = {
  desc: 'history_page_newest_first',
  asc: 'history_page_oldest_first',
};

/**
 * The auditors' view of the raw history (`transactions`): pages in a stable order with keyset
 * positions, every record of one transaction, and an export that walks the pages with memory
 * that does not grow with the export. Every record appears once, even before the merge that
 * collapses a record stored twice.
 */
export class TransactionHistory {
  constructor(private readonly db: ClickHouseDatabase) {}

  /** One page in the query's order, strictly after `after` when given. */
  async page(request: HistoryPageRequest): Promise<HistoryPage> {
    const { after } = request;
    // The position bounds the time range too, which the table's key can use.
    const fromMs =
      after !== undefined && request.order === 'asc'
        ? Math.max(request.fromMs, after.occurredAtMs)
        : request.fromMs;
    const toMs =
      after !== undefined && request.order === 'desc'
        ? Math.min(request.toMs, after.occurredAtMs + 1)
        : request.toMs;
    if (fromMs >= toMs || request.limit < 1) return { records: [], next: null };
    const rows = await this.select(PAGE_QUERIES[request.order], {
      ...whereParams({ ...request, fromMs, toMs }),
      ...afterParams(after),
      // One more than asked tells whether another page follows.
      limit: request.limit + 1,
    });
    const records = rows.slice(0, request.limit);
    const last = records.at(-1);
    return {
      records,
      next: rows.length > request.limit && last !== undefined ? positionOf(last) : null,
    };
  }

  /** Every stored record of one transaction (one per reporting party), oldest first. */
  recordsOf(transactionId: string): Promise<HistoryRecord[]> {
    return this.select('history_records_of', {
      transaction_id: transactionId,
      limit: MAX_RECORDS_OF_TRANSACTION,
    });
  }

  /** How many records the query holds, each counted once. */
  async count(query: HistoryQuery): Promise<number> {
    if (query.fromMs >= query.toMs) return 0;
    const result = await this.db.client.query({
      query: this.text('history_count'),
      query_params: whereParams(query),
      format: 'JSONEachRow',
      clickhouse_settings: HISTORY_READ_SETTINGS,
    });
    const [row] = await result.json<{ records: number }>();
    return Number(row?.records ?? 0);
  }

  /**
   * Every record of the query in its order, a page at a time: one page is held at once,
   * however many records there are. Each page is read from a time window that follows the
   * density of the records (narrower after a full page, wider after a sparse one), so every
   * query reads about a page of records instead of everything up to the position.
   */
  async *export(
    query: HistoryQuery,
    pageRecords = EXPORT_PAGE_RECORDS,
  ): AsyncGenerator<HistoryRecord[], void, undefined> {
    const span = query.toMs - query.fromMs;
    let windowMs = Math.min(span, FIRST_WINDOW_MS);
    // The part of [fromMs, toMs) not yet read, and the position within its first window.
    let lower = query.fromMs;
    let upper = query.toMs;
    let after: HistoryPosition | undefined;
    while (lower < upper) {
      const window =
        query.order === 'desc'
          ? { fromMs: Math.max(lower, upper - windowMs), toMs: upper }
          : { fromMs: lower, toMs: Math.min(upper, lower + windowMs) };
      const page = await this.page({ ...query, ...window, limit: pageRecords, after });
      if (page.records.length > 0) yield page.records;
      if (page.next !== null) {
        // More in this window: the next one starts at the position (ties at its instant are
        // told apart by the position itself), narrower.
        after = page.next;
        if (query.order === 'desc') upper = after.occurredAtMs + 1;
        else lower = after.occurredAtMs;
        windowMs = Math.max(1, Math.floor(windowMs / 2));
        continue;
      }
      // The window is read whole: go on past it.
      after = undefined;
      if (query.order === 'desc') upper = window.fromMs;
      else lower = window.toMs;
      if (page.records.length < pageRecords / 4) windowMs = Math.min(span, windowMs * 2);
    }
  }

  private async select(name: string, params: Record<string, unknown>): Promise<HistoryRecord[]> {
    const result = await this.db.client.query({
      query: this.text(name),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: HISTORY_READ_SETTINGS,
    });
    return result.json<HistoryRecord>();
  }

  /** A named query with the shared history conditions in place of `{{history_where}}`. */
  private text(name: string): string {
    return namedQuery(name, this.db.database).replace(
      '{{history_where}}',
      namedQuery('history_where', this.db.database),
    );
  }
}

function whereParams(query: Pick<HistoryQuery, 'fromMs' | 'toMs' | 'filters'>) {
  const f = query.filters;
  return {
    from: toClickHouseDateTime64(query.fromMs),
    to: toClickHouseDateTime64(query.toMs),
    platform: f.platform ?? '',
    consumer: f.consumer ?? '',
    provider: f.provider ?? '',
    service: f.service ?? '',
    outcome: f.outcome ?? '',
    error_code: f.errorCode ?? '',
    transaction_id: f.transactionId ?? '',
    reported_by: f.reportedBy ?? '',
    subject_ref: f.subjectRef ?? '',
  };
}

function afterParams(after: HistoryPosition | undefined) {
  return {
    after: after === undefined ? 0 : 1,
    after_at: toClickHouseDateTime64(after?.occurredAtMs ?? 0),
    after_transaction_id: after?.transactionId ?? '',
    after_reported_by: after?.reportedBy ?? 'platform',
    after_platform: after?.platform ?? '',
    after_consumer: after?.consumer ?? '',
    after_provider: after?.provider ?? '',
  };
}
