import type { GrowthDto, SeriesDto } from '@datashare/api-types';
import {
  type GrowthFigures,
  type GrowthQuery,
  type PeriodPair,
  type SeriesQuery,
  formatInstant,
} from '@datashare/growth';

export type { GrowthDto, SeriesDto } from '@datashare/api-types';

export interface PairCounts {
  pair: PeriodPair;
  figures: GrowthFigures;
}

export function toGrowthDto(input: {
  query: GrowthQuery;
  pair: PeriodPair;
  total: GrowthFigures;
  groups: (GrowthFigures & { key: string })[] | null;
  watermarkMs: number | null;
  provisional: boolean;
}): GrowthDto {
  const { query, pair, total } = input;
  const at = (ms: number) => formatInstant(ms, query.timezone);
  return {
    timezone: query.timezone,
    compare: query.compare,
    current: {
      from: at(pair.current.fromMs),
      to: at(pair.current.toMs),
      countedTo: at(pair.current.countedToMs),
      transactions: total.current,
      partial: pair.current.partial,
    },
    previous: {
      from: at(pair.previous.fromMs),
      to: at(pair.previous.toMs),
      countedTo: at(pair.previous.countedToMs),
      transactions: total.previous,
    },
    change: total.change,
    growthPercent: total.growthPercent,
    // Largest current volume first: the groups that matter most lead.
    groups: (input.groups ?? [])
      .sort((a, b) => b.current - a.current || a.key.localeCompare(b.key))
      .map(({ key, current, previous, change, growthPercent }) => ({
        key,
        current,
        previous,
        change,
        growthPercent,
      })),
    watermark: input.watermarkMs === null ? null : at(input.watermarkMs),
    provisional: input.provisional,
  };
}

export function toSeriesDto(input: {
  query: SeriesQuery;
  buckets: PairCounts[];
  watermarkMs: number | null;
  provisional: boolean;
}): SeriesDto {
  const { query } = input;
  const at = (ms: number) => formatInstant(ms, query.timezone);
  return {
    timezone: query.timezone,
    interval: query.interval,
    compare: query.compare,
    buckets: input.buckets.map(({ pair, figures }) => ({
      from: at(pair.current.fromMs),
      to: at(pair.current.toMs),
      partial: pair.current.partial,
      transactions: figures.current,
      previous: {
        from: at(pair.previous.fromMs),
        to: at(pair.previous.toMs),
        transactions: figures.previous,
      },
      change: figures.change,
      growthPercent: figures.growthPercent,
    })),
    watermark: input.watermarkMs === null ? null : at(input.watermarkMs),
    provisional: input.provisional,
  };
}
