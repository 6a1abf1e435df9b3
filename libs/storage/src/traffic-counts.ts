import type { ClickHouseDatabase } from './clickhouse-database';
import { namedQuery } from './named-query';

export type TrafficGroupBy = 'platform' | 'consumer' | 'provider' | 'service';

export interface TrafficFilters {
  platform?: string;
  consumer?: string;
  provider?: string;
  service?: string;
  /** Traffic where this agency (a code, or a prefix ending before a '.') is either party. */
  agency?: string;
}

/**
 * A part of a period read from one rollup: whole report-zone days (`YYYY-MM-DD`, to exclusive)
 * from the day rollup, or minute-aligned instants (epoch ms) from the minute rollup.
 */
export type TrafficPiece =
  | { id: number; grain: 'day'; fromDay: string; toDay: string }
  | { id: number; grain: 'minute'; fromMs: number; toMs: number };

export interface PieceCount {
  piece: number;
  /** The group's code, or '' when not grouped. */
  key: string;
  transactions: number;
}

/** UNION ALL of this many pieces per query keeps the statement small for long daily series. */
const PIECES_PER_QUERY = 100;

/** Distinct-transaction counts from the traffic rollups (see migration 0004). */
export class TrafficCounts {
  constructor(private readonly db: ClickHouseDatabase) {}

  async countPieces(
    pieces: readonly TrafficPiece[],
    filters: TrafficFilters,
    groupBy: TrafficGroupBy | null,
  ): Promise<PieceCount[]> {
    const counts: PieceCount[] = [];
    for (let start = 0; start < pieces.length; start += PIECES_PER_QUERY) {
      counts.push(
        ...(await this.countChunk(pieces.slice(start, start + PIECES_PER_QUERY), filters, groupBy)),
      );
    }
    return counts;
  }

  /** The newest event time that has reached the rollups, or null before any traffic. */
  async watermarkMs(): Promise<number | null> {
    const result = await this.db.client.query({
      query: namedQuery('traffic_watermark', this.db.database),
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const [row] = await result.json<{ watermark: string }>();
    const ms = row === undefined ? NaN : Date.parse(`${row.watermark.replace(' ', 'T')}Z`);
    // An empty table yields the zero timestamp, not null.
    return Number.isFinite(ms) && ms > 0 ? ms : null;
  }

  private async countChunk(
    pieces: readonly TrafficPiece[],
    filters: TrafficFilters,
    groupBy: TrafficGroupBy | null,
  ): Promise<PieceCount[]> {
    if (pieces.length === 0) return [];
    const params: Record<string, unknown> = {
      group_by: groupBy ?? '',
      platform: filters.platform ?? '',
      consumer: filters.consumer ?? '',
      provider: filters.provider ?? '',
      service: filters.service ?? '',
      agency: filters.agency ?? '',
    };
    const selects = pieces.map((piece, n) => {
      if (piece.grain === 'day') {
        params[`from_${n}`] = piece.fromDay;
        params[`to_${n}`] = piece.toDay;
      } else {
        params[`from_${n}`] = Math.floor(piece.fromMs / 1000);
        params[`to_${n}`] = Math.floor(piece.toMs / 1000);
      }
      const template = piece.grain === 'day' ? 'traffic_day_piece' : 'traffic_minute_piece';
      return namedQuery(template, this.db.database).replaceAll('{{n}}', String(n));
    });
    const result = await this.db.client.query({
      query: selects.join('\nUNION ALL\n'),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const rows = await result.json<{ piece: number; key: string; transactions: number }>();
    return rows.map((row) => ({
      piece: (pieces[row.piece] as TrafficPiece).id,
      key: row.key,
      transactions: Number(row.transactions),
    }));
  }
}
