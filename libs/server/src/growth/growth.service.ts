import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@datashare/clock';
import { APP_CONFIG, type AppConfig } from '@datashare/config';
import {
  type GrowthQuery,
  type InstantRange,
  type PeriodPair,
  type SeriesQuery,
  comparePeriods,
  growthFigures,
  isProvisional,
  planRollupReads,
  seriesBuckets,
} from '@datashare/growth';
import { type TrafficFilters, type TrafficPiece, TrafficCounts } from '@datashare/storage';
import {
  type GrowthDto,
  type SeriesDto,
  toGrowthDto,
  toSeriesDto,
  type PairCounts,
} from './growth-dto';

/** Growth figures from the traffic rollups: which pieces to read, then the arithmetic. */
@Injectable()
export class GrowthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly counts: TrafficCounts,
  ) {}

  async growth(query: GrowthQuery, extraFilters: TrafficFilters = {}): Promise<GrowthDto> {
    const nowMs = this.clock.nowMs();
    const pair = comparePeriods(query, nowMs);
    const [counts, watermarkMs] = await Promise.all([
      this.counts.countPieces(
        [
          ...this.pieces(0, countedRange(pair, 'current')),
          ...this.pieces(1, countedRange(pair, 'previous')),
        ],
        { ...query.filters, ...extraFilters },
        query.groupBy ?? null,
      ),
      this.counts.watermarkMs(),
    ]);
    const current = new Map<string, number>();
    const previous = new Map<string, number>();
    for (const count of counts) {
      const into = count.piece === 0 ? current : previous;
      into.set(count.key, (into.get(count.key) ?? 0) + count.transactions);
    }
    return toGrowthDto({
      query,
      pair,
      total: growthFigures(sum(current), sum(previous)),
      groups:
        query.groupBy === undefined
          ? null
          : [...new Set([...current.keys(), ...previous.keys()])].map((key) => ({
              key,
              ...growthFigures(current.get(key) ?? 0, previous.get(key) ?? 0),
            })),
      watermarkMs,
      provisional: this.provisional(pair, nowMs),
    });
  }

  async series(query: SeriesQuery): Promise<SeriesDto> {
    const nowMs = this.clock.nowMs();
    const buckets = seriesBuckets(query, nowMs, this.config.reporting.maxBuckets);
    const pieces = buckets.flatMap((pair, i) => [
      ...this.pieces(2 * i, countedRange(pair, 'current')),
      ...this.pieces(2 * i + 1, countedRange(pair, 'previous')),
    ]);
    const [counts, watermarkMs] = await Promise.all([
      this.counts.countPieces(pieces, query.filters, null),
      this.counts.watermarkMs(),
    ]);
    const totals = new Map<number, number>();
    for (const count of counts)
      totals.set(count.piece, (totals.get(count.piece) ?? 0) + count.transactions);
    const bucketCounts: PairCounts[] = buckets.map((pair, i) => ({
      pair,
      figures: growthFigures(totals.get(2 * i) ?? 0, totals.get(2 * i + 1) ?? 0),
    }));
    return toSeriesDto({
      query,
      buckets: bucketCounts,
      watermarkMs,
      provisional: buckets.some((pair) => this.provisional(pair, nowMs)),
    });
  }

  private provisional(pair: PeriodPair, nowMs: number): boolean {
    const lateMs = this.config.reporting.lateArrivalWindowMs;
    return (
      isProvisional(pair.current, nowMs, lateMs) || isProvisional(pair.previous, nowMs, lateMs)
    );
  }

  /**
   * The rollup reads of one counted range, tagged with the id its counts are summed under. The
   * rollups' time types hold 1970 to 2105; the contract's years beyond are empty there.
   */
  private pieces(id: number, range: InstantRange): TrafficPiece[] {
    const fromMs = Math.max(range.fromMs, ROLLUP_FIRST_MS);
    const toMs = Math.min(range.toMs, ROLLUP_END_MS);
    if (fromMs >= toMs) return [];
    const reads = planRollupReads(fromMs, toMs, this.config.reporting.timezone);
    return [
      ...(reads.days === null
        ? []
        : [{ id, grain: 'day' as const, fromDay: reads.days.fromDate, toDay: reads.days.toDate }]),
      ...reads.minutes.map((m) => ({ id, grain: 'minute' as const, ...m })),
    ];
  }
}

const ROLLUP_FIRST_MS = Date.UTC(1970, 0, 2);
const ROLLUP_END_MS = Date.UTC(2106, 0, 1);

function countedRange(pair: PeriodPair, side: 'current' | 'previous'): InstantRange {
  return { fromMs: pair[side].fromMs, toMs: pair[side].countedToMs };
}

function sum(counts: Map<string, number>): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}
