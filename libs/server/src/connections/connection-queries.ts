import { z } from 'zod';
import { parseRfc3339 } from '@datashare/contract';
import type { InstantRange } from '@datashare/growth';
import { CONNECTION_STATES } from '@datashare/health';
import type { ConnectionFilter } from './connection-filter';
import { SERIES_INTERVALS, type SeriesInterval, seriesBucketRanges } from './connection-series';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;
const code = z.string().regex(CODE, 'must be a code of 1 to 64 letters, digits, ".", "_" or "-"');
const instant = z
  .string({ message: 'is required: an RFC 3339 date and time with Z or an offset' })
  .refine(
    (text) => parseRfc3339(text) !== null,
    'must be an RFC 3339 date and time with Z or an offset',
  )
  .transform((text) => parseRfc3339(text) as number);

export const connectionListQuery = z
  .object({
    state: z
      .enum(CONNECTION_STATES as [string, ...string[]], {
        message: `must be one of ${CONNECTION_STATES.join(', ')}`,
      })
      .optional(),
    platform: code.optional(),
    consumer: code.optional(),
    provider: code.optional(),
    /** Connections where this agency (a code prefix) is the consumer or the provider. */
    agency: code.optional(),
  })
  .strict();
export type ConnectionListQuery = z.infer<typeof connectionListQuery>;

export const healthEventsQuery = z
  .object({
    from: instant,
    to: instant,
    platform: code.optional(),
    consumer: code.optional(),
    provider: code.optional(),
    agency: code.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  })
  .strict()
  .refine((q) => !(q.from >= q.to), { message: 'must be before to', path: ['from'] });
export type HealthEventsQuery = z.infer<typeof healthEventsQuery>;

export const agencyCode = code;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface ConnectionSeriesLimits {
  /** Longest range, in days of 24 hours (GROWTH_MAX_RANGE_DAYS). */
  maxRangeDays: number;
  /** Most buckets in one answer (GROWTH_MAX_BUCKETS). */
  maxBuckets: number;
  /** The zone of hour and day buckets (REPORT_TIMEZONE). */
  timezone: string;
}

export interface ConnectionSeriesQuery {
  range: InstantRange;
  interval: SeriesInterval;
  filter: ConnectionFilter;
  buckets: InstantRange[];
}

/** GET /api/v1/connections/series: a bounded range of whole minutes, an interval, the filters. */
export function connectionSeriesQuery(limits: ConnectionSeriesLimits) {
  return z
    .object({
      from: instant,
      to: instant,
      interval: z
        .enum(SERIES_INTERVALS, { message: `must be one of ${SERIES_INTERVALS.join(', ')}` })
        .default('hour'),
      platform: code.optional(),
      consumer: code.optional(),
      provider: code.optional(),
      agency: code.optional(),
    })
    .strict()
    .transform(({ from, to, interval, ...filter }, context): ConnectionSeriesQuery => {
      const problem = (path: string, message: string) => {
        context.addIssue({ code: 'custom', path: [path], message });
        return z.NEVER;
      };
      // The rollup counts per UTC minute: a range cut inside one cannot be answered exactly.
      if (from % MINUTE_MS !== 0) return problem('from', 'must be a whole minute (seconds :00)');
      if (to % MINUTE_MS !== 0) return problem('to', 'must be a whole minute (seconds :00)');
      if (from >= to) return problem('from', 'must be before to');
      if (to - from > limits.maxRangeDays * DAY_MS) {
        return problem('to', `must be at most ${limits.maxRangeDays} days after from`);
      }
      const range = { fromMs: from, toMs: to };
      const buckets = seriesBucketRanges(range, interval, limits.timezone, limits.maxBuckets);
      if (buckets === undefined) {
        return problem(
          'interval',
          `the range holds more than ${limits.maxBuckets} ${interval} buckets, the maximum; ` +
            'choose a longer interval or a shorter range',
        );
      }
      return { range, interval, filter, buckets };
    });
}
