import type { ConnectionKey, WindowFigures } from '@datashare/health';
import type { ClickHouseDatabase } from './clickhouse-database';
import { namedQuery } from './named-query';

export interface ConnectionWindowRequest {
  nowMs: number;
  windowMs: number;
  /** How far back to look for the last (successful) transaction: at least the silence limit. */
  lookbackMs: number;
}

export interface ConnectionWindow {
  connection: ConnectionKey;
  figures: WindowFigures;
}

interface WindowRow {
  platform: string;
  consumer: string;
  provider: string;
  window_transactions: number;
  window_failures: number;
  p95_latency_ms: number | null;
  last_seen_at: string;
  last_success_at: string;
  day_1: number;
  day_2: number;
  day_3: number;
  day_4: number;
  day_5: number;
  day_6: number;
  day_7: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const BASELINE_DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The per-connection figures a health evaluation judges, read from the traffic rollups. */
export class ConnectionWindows {
  constructor(private readonly db: ClickHouseDatabase) {}

  /** Every connection with traffic in the look-back or in a baseline window. */
  async read(request: ConnectionWindowRequest): Promise<ConnectionWindow[]> {
    // The window's whole minutes plus the current, partial one: it never holds less than the
    // window (a window of whole minutes only, or one that ends in the current minute, would be
    // nearly empty just after each minute starts, and a one-minute window would flap with it).
    const nowTo = windowEndMs(request.nowMs);
    const windowFrom = nowTo - MINUTE_MS - request.windowMs;
    const lookbackFrom = nowTo - Math.max(request.lookbackMs, request.windowMs) - MINUTE_MS;
    const [rows, firstMs] = await Promise.all([
      this.query<WindowRow>('connection_windows', {
        now_to: nowTo / 1000,
        window_from: windowFrom / 1000,
        lookback_from: lookbackFrom / 1000,
      }),
      this.firstTrafficMs(),
    ]);
    // Connections known from the day rollup but without a row here had no traffic in any window.
    const quiet = new Set(firstMs.keys());
    for (const row of rows) quiet.delete(keyOf(row));
    return [...rows, ...[...quiet].map(silentRow)].map((row) => {
      const connection = { platform: row.platform, consumer: row.consumer, provider: row.provider };
      const first = firstMs.get(keyOf(connection)) ?? Number.POSITIVE_INFINITY;
      // A baseline window that began before the connection's first traffic is no history, not zero.
      const sample = (days: number, value: number) =>
        windowFrom - days * DAY_MS < first ? null : Number(value);
      const trailing = BASELINE_DAYS.map((d) => sample(d, row[`day_${d}`]));
      return {
        connection,
        figures: {
          windowMs: nowTo - windowFrom,
          transactions: Number(row.window_transactions),
          failures: Number(row.window_failures),
          p95LatencyMs: finiteOrNull(row.p95_latency_ms),
          lastSeenMs: instantOrNull(row.last_seen_at),
          lastSuccessMs: instantOrNull(row.last_success_at),
          baseline: { sameWindowLastWeek: trailing[6] ?? null, sameWindowTrailingDays: trailing },
        },
      };
    });
  }

  private async firstTrafficMs(): Promise<Map<string, number>> {
    const rows = await this.query<ConnectionKey & { first_seen_ms: number }>(
      'connection_first_seen',
      {},
    );
    return new Map(rows.map((row) => [keyOf(row), Number(row.first_seen_ms)]));
  }

  private async query<Row>(name: string, params: Record<string, unknown>): Promise<Row[]> {
    const result = await this.db.client.query({
      query: namedQuery(name, this.db.database),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json<Row>();
  }
}

function silentRow(key: string): WindowRow {
  const [platform = '', consumer = '', provider = ''] = key.split('\u0000');
  return {
    platform,
    consumer,
    provider,
    window_transactions: 0,
    window_failures: 0,
    p95_latency_ms: null,
    last_seen_at: '',
    last_success_at: '',
    day_1: 0,
    day_2: 0,
    day_3: 0,
    day_4: 0,
    day_5: 0,
    day_6: 0,
    day_7: 0,
  };
}

/**
 * Where an evaluation window at `nowMs` ends: the end of the current minute, so that the
 * minute in progress counts and an outage shows without a minute's delay.
 */
export function windowEndMs(nowMs: number): number {
  return Math.floor(nowMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
}

/** One string per connection, for maps; parts joined by NUL, which no code can contain. */
export function keyOf(connection: ConnectionKey): string {
  return `${connection.platform}\u0000${connection.consumer}\u0000${connection.provider}`;
}

function finiteOrNull(value: number | string | null): number | null {
  const n = Number(value);
  return value === null || !Number.isFinite(n) ? null : n;
}

/** DateTime64 text in UTC; the zero instant stands for "none" (max over no rows). */
function instantOrNull(text: string): number | null {
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}
