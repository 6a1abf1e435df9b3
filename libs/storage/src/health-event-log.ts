import type { ConnectionKey, ConnectionState, HealthTransition } from '@datashare/health';
import type { ClickHouseDatabase } from './clickhouse-database';
import { insertRows } from './row-writer';
import { toClickHouseDateTime64 } from '@datashare/contract';

/** A stored state change, as the APIs show it. */
export interface HealthEvent extends ConnectionKey {
  atMs: number;
  state: ConnectionState;
  previousState: ConnectionState;
  rule: string;
  reason: string;
  figures: unknown;
}

export interface HealthEventQuery {
  fromMs: number;
  toMs: number;
  platform?: string;
  consumer?: string;
  provider?: string;
  /** Events where the connection's consumer or provider is this agency (code prefix). */
  agency?: string;
  limit: number;
}

interface EventRow {
  at: string;
  platform: string;
  consumer: string;
  provider: string;
  state: ConnectionState;
  previous_state: ConnectionState;
  rule: string;
  reason: string;
  figures: string;
}

/** The append-only log of connection state changes (migration 0005). */
export class HealthEventLog {
  constructor(private readonly db: ClickHouseDatabase) {}

  /** Appends one evaluation's transitions; the token makes a retried append harmless. */
  async append(transitions: readonly (HealthTransition & { connection: ConnectionKey })[]) {
    if (transitions.length === 0) return;
    const rows: EventRow[] = transitions.map((t) => ({
      at: toClickHouseDateTime64(t.atMs),
      ...t.connection,
      state: t.state,
      previous_state: t.previousState,
      rule: t.rule,
      reason: t.reason,
      figures: JSON.stringify(t.figures),
    }));
    const first = transitions[0] as HealthTransition;
    await insertRows(
      this.db,
      'connection_health_events',
      rows,
      `health-${first.atMs}-${transitions.length}`,
    );
  }

  /** The latest event of every connection that has one: the current states. */
  async latest(): Promise<HealthEvent[]> {
    return this.select(
      `SELECT argMax(tuple(at, state, previous_state, rule, reason, figures), at) AS last,
              platform, consumer, provider
       FROM ${this.db.database}.connection_health_events
       GROUP BY platform, consumer, provider`,
      {},
      (
        row: ConnectionKey & {
          last: [string, ConnectionState, ConnectionState, string, string, string];
        },
      ) => ({
        at: row.last[0],
        platform: row.platform,
        consumer: row.consumer,
        provider: row.provider,
        state: row.last[1],
        previous_state: row.last[2],
        rule: row.last[3],
        reason: row.last[4],
        figures: row.last[5],
      }),
    );
  }

  async list(query: HealthEventQuery): Promise<HealthEvent[]> {
    return this.select(
      `SELECT at, platform, consumer, provider, state, previous_state, rule, reason, figures
       FROM ${this.db.database}.connection_health_events
       WHERE at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
         AND ({platform:String} = '' OR platform = {platform:String})
         AND ({consumer:String} = '' OR consumer = {consumer:String})
         AND ({provider:String} = '' OR provider = {provider:String})
         AND ({agency:String} = ''
              OR consumer = {agency:String} OR startsWith(consumer, concat({agency:String}, '.'))
              OR provider = {agency:String} OR startsWith(provider, concat({agency:String}, '.')))
       ORDER BY at DESC, platform, consumer, provider
       LIMIT {limit:UInt32}`,
      {
        from: toClickHouseDateTime64(query.fromMs),
        to: toClickHouseDateTime64(query.toMs),
        platform: query.platform ?? '',
        consumer: query.consumer ?? '',
        provider: query.provider ?? '',
        agency: query.agency ?? '',
        limit: query.limit,
      },
      (row: EventRow) => row,
    );
  }

  private async select<Row>(
    query: string,
    params: Record<string, unknown>,
    toEventRow: (row: Row) => EventRow,
  ): Promise<HealthEvent[]> {
    const result = await this.db.client.query({
      query,
      query_params: params,
      format: 'JSONEachRow',
    });
    return (await result.json<Row>()).map(toEventRow).map((row) => ({
      atMs: Date.parse(`${row.at.replace(' ', 'T')}Z`),
      platform: row.platform,
      consumer: row.consumer,
      provider: row.provider,
      state: row.state,
      previousState: row.previous_state,
      rule: row.rule,
      reason: row.reason,
      figures: JSON.parse(row.figures) as unknown,
    }));
  }
}
