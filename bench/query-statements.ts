/**
 * What the timed answers send to ClickHouse: a database whose client records every query, and
 * for each recorded statement the rows and parts its primary key and partitions leave to read
 * (EXPLAIN ESTIMATE: whole granules, so an upper bound) and its latency when run alone.
 */
import { performance } from 'node:perf_hooks';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseDatabase } from '@datashare/storage';

type QueryParams = Parameters<ClickHouseClient['query']>[0];

export interface RecordedStatement {
  query: string;
  params: Record<string, unknown>;
}

export interface StatementFigures {
  label: string;
  rowsRead: number;
  partsRead: number;
  medianMs: number;
}

/** The same database, through a client that records the text and parameters of each query. */
export function recordingDatabase(db: ClickHouseDatabase): {
  db: ClickHouseDatabase;
  take(): RecordedStatement[];
} {
  let recorded: RecordedStatement[] = [];
  const client = new Proxy(db.client, {
    get(target, property) {
      if (property === 'query') {
        return (params: QueryParams) => {
          recorded.push({ query: params.query, params: { ...(params.query_params ?? {}) } });
          return target.query(params);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return {
    db: { ...db, client, close: () => db.close() },
    take() {
      const taken = recorded;
      recorded = [];
      return taken;
    },
  };
}

/** Names a statement by what it reads (the texts come from libs/storage). */
export function statementLabel(query: string): string {
  const pieces = query.split(/\bUNION ALL\b/).length;
  if (query.includes('AS watermark')) return 'watermark (traffic_watermark.sql)';
  if (query.includes('window_transactions')) return 'window figures (connection_windows.sql)';
  if (query.includes('first_seen_ms')) return 'first traffic (connection_first_seen.sql)';
  if (query.includes('connection_health_events') && query.includes('argMax'))
    return 'latest state per connection (HealthEventLog.latest)';
  if (query.includes('FROM') && query.includes('transactions FINAL')) {
    if (
      query.includes('transaction_id = {transaction_id:String}') &&
      !query.includes('{after:UInt8}')
    )
      return 'records of a transaction (history_records_of.sql)';
    if (query.includes('ORDER BY occurred_at DESC'))
      return 'history page, newest first (history_page_newest_first.sql)';
    return 'history page, oldest first (history_page_oldest_first.sql)';
  }
  if (query.includes('AS piece')) {
    const days = (query.match(/\.traffic_day\b/g) ?? []).length;
    const minutes = (query.match(/\.traffic_minute\b/g) ?? []).length;
    return `counts: ${pieces} piece(s), ${days} from traffic_day, ${minutes} from traffic_minute (traffic_*_piece.sql)`;
  }
  return query.replace(/\s+/g, ' ').slice(0, 60);
}

export async function statementFigures(
  db: ClickHouseDatabase,
  statements: readonly RecordedStatement[],
  runs: number,
): Promise<StatementFigures[]> {
  const figures: StatementFigures[] = [];
  for (const statement of statements) {
    const estimate = await db.client.query({
      query: `EXPLAIN ESTIMATE ${statement.query}`,
      query_params: statement.params,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const tables = await estimate.json<{ table: string; parts: number; rows: number }>();
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const result = await db.client.query({
        query: statement.query,
        query_params: statement.params,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      });
      await result.json();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    figures.push({
      label: statementLabel(statement.query),
      rowsRead: tables.reduce((sum, t) => sum + Number(t.rows), 0),
      partsRead: tables.reduce((sum, t) => sum + Number(t.parts), 0),
      medianMs: times[Math.floor((times.length - 1) / 2)] ?? Number.NaN,
    });
  }
  return figures;
}
