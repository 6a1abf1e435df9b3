import fc from 'fast-check';
import { DateTime } from 'luxon';
import { previousInstantMapping } from './compare-mapping';
import { formatInstant } from './format-instant';
import type { Compare, Interval, PeriodPair } from './growth-types';
import { isLocalDayStart } from './local-time';
import { parseInstant } from './parse-instant';
import { seriesBuckets } from './series-buckets';
import { ALL_ZONES, awkwardInstant } from './test-arbitraries';

const HCM = 'Asia/Ho_Chi_Minh';
const LATER = Date.parse('2030-01-01T00:00Z');

function instant(text: string, zone: string): number {
  const parsed = parseInstant('from', text, zone);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.instantMs;
}

function series(
  from: string,
  to: string,
  zone: string,
  interval: Interval,
  compare: Compare,
  nowMs = LATER,
  maxBuckets = 1000,
): PeriodPair[] {
  const query = {
    fromMs: instant(from, zone),
    toMs: instant(to, zone),
    timezone: zone,
    compare,
    interval,
  };
  return seriesBuckets(query, nowMs, maxBuckets);
}

/** Each bucket as "current from → to | previous from → to", local dates and times. */
function lines(buckets: PeriodPair[], zone: string): string[] {
  const show = (ms: number) => formatInstant(ms, zone).slice(0, 16);
  return buckets.map(
    ({ current, previous }) =>
      `${show(current.fromMs)} → ${show(current.toMs)} | ${show(previous.fromMs)} → ${show(previous.toMs)}`,
  );
}

describe('seriesBuckets', () => {
  it('cuts at local month starts and shifts every month back by the length of the range', () => {
    // 90 days: January to March 2026 against 2025-10-03 to 2026-01-01
    expect(lines(series('2026-01-01', '2026-04-01', HCM, 'month', 'previous_period'), HCM)).toEqual(
      [
        '2026-01-01T00:00 → 2026-02-01T00:00 | 2025-10-03T00:00 → 2025-11-03T00:00',
        '2026-02-01T00:00 → 2026-03-01T00:00 | 2025-11-03T00:00 → 2025-12-01T00:00',
        '2026-03-01T00:00 → 2026-04-01T00:00 | 2025-12-01T00:00 → 2026-01-01T00:00',
      ],
    );
  });

  it('compares each month with the same month a year earlier', () => {
    expect(lines(series('2026-01-01', '2026-04-01', HCM, 'month', 'previous_year'), HCM)).toEqual([
      '2026-01-01T00:00 → 2026-02-01T00:00 | 2025-01-01T00:00 → 2025-02-01T00:00',
      '2026-02-01T00:00 → 2026-03-01T00:00 | 2025-02-01T00:00 → 2025-03-01T00:00',
      '2026-03-01T00:00 → 2026-04-01T00:00 | 2025-03-01T00:00 → 2025-04-01T00:00',
    ]);
  });

  it('starts ISO weeks on Monday and clips the first and last week to the range', () => {
    // 2026-01-07 is a Wednesday, 2026-01-22 a Thursday
    expect(lines(series('2026-01-07', '2026-01-22', HCM, 'week', 'previous_year'), HCM)).toEqual([
      '2026-01-07T00:00 → 2026-01-12T00:00 | 2025-01-07T00:00 → 2025-01-12T00:00',
      '2026-01-12T00:00 → 2026-01-19T00:00 | 2025-01-12T00:00 → 2025-01-19T00:00',
      '2026-01-19T00:00 → 2026-01-22T00:00 | 2025-01-19T00:00 → 2025-01-22T00:00',
    ]);
  });

  it('cuts at calendar quarters and years, from a datetime', () => {
    const quarters = series('2025-11-15T08:30', '2026-08-01', HCM, 'quarter', 'previous_year');
    expect(lines(quarters, HCM).map((line) => line.slice(0, 35))).toEqual([
      '2025-11-15T08:30 → 2026-01-01T00:00',
      '2026-01-01T00:00 → 2026-04-01T00:00',
      '2026-04-01T00:00 → 2026-07-01T00:00',
      '2026-07-01T00:00 → 2026-08-01T00:00',
    ]);
    const years = series('2024-06-01', '2026-03-01', HCM, 'year', 'previous_period');
    expect(lines(years, HCM).map((line) => line.slice(0, 35))).toEqual([
      '2024-06-01T00:00 → 2025-01-01T00:00',
      '2025-01-01T00:00 → 2026-01-01T00:00',
      '2026-01-01T00:00 → 2026-03-01T00:00',
    ]);
  });

  it('gives Feb 28 of a leap year an empty counterpart and compares Feb 29 with Feb 28', () => {
    expect(lines(series('2024-02-27', '2024-03-02', HCM, 'day', 'previous_year'), HCM)).toEqual([
      '2024-02-27T00:00 → 2024-02-28T00:00 | 2023-02-27T00:00 → 2023-02-28T00:00',
      '2024-02-28T00:00 → 2024-02-29T00:00 | 2023-02-28T00:00 → 2023-02-28T00:00',
      '2024-02-29T00:00 → 2024-03-01T00:00 | 2023-02-28T00:00 → 2023-03-01T00:00',
      '2024-03-01T00:00 → 2024-03-02T00:00 | 2023-03-01T00:00 → 2023-03-02T00:00',
    ]);
  });

  it('has 23- and 25-hour days in America/New_York, each compared with a whole day', () => {
    const ny = 'America/New_York';
    const buckets = series('2024-03-09', '2024-03-12', ny, 'day', 'previous_period');
    expect(buckets.map((b) => (b.current.toMs - b.current.fromMs) / 3_600_000)).toEqual([
      24, 23, 24,
    ]);
    expect(lines(buckets, ny)).toEqual([
      '2024-03-09T00:00 → 2024-03-10T00:00 | 2024-03-06T00:00 → 2024-03-07T00:00',
      '2024-03-10T00:00 → 2024-03-11T00:00 | 2024-03-07T00:00 → 2024-03-08T00:00',
      '2024-03-11T00:00 → 2024-03-12T00:00 | 2024-03-08T00:00 → 2024-03-09T00:00',
    ]);
    const fallBack = series('2024-11-03', '2024-11-04', ny, 'day', 'previous_period');
    expect(fallBack.map((b) => (b.current.toMs - b.current.fromMs) / 3_600_000)).toEqual([25]);
  });

  it('has no bucket for a local day that did not happen (Pacific/Apia, 2011-12-30)', () => {
    // Dec 29 ends at Dec 31 00:00, so its counterpart ends at Dec 31 00:00 a year earlier.
    const apia = 'Pacific/Apia';
    expect(lines(series('2011-12-29', '2012-01-01', apia, 'day', 'previous_year'), apia)).toEqual([
      '2011-12-29T00:00 → 2011-12-31T00:00 | 2010-12-29T00:00 → 2010-12-31T00:00',
      '2011-12-31T00:00 → 2012-01-01T00:00 | 2010-12-31T00:00 → 2011-01-01T00:00',
    ]);
  });

  it('leaves out buckets after now and cuts the one containing now', () => {
    const now = Date.parse('2026-02-10T15:00+07:00');
    const buckets = series('2026-01-01', '2026-04-01', HCM, 'month', 'previous_year', now);
    expect(buckets).toHaveLength(2);
    expect(buckets.map((b) => b.current.partial)).toEqual([false, true]);
    const running = buckets[1];
    expect(running && formatInstant(running.current.countedToMs, HCM)).toBe(
      '2026-02-10T15:00:00.000+07:00',
    );
    expect(running && formatInstant(running.previous.countedToMs, HCM)).toBe(
      '2025-02-10T15:00:00.000+07:00',
    );
  });

  it('throws past the bucket limit (the query parser reports it first)', () => {
    expect(() =>
      series('2026-01-01', '2026-01-11', HCM, 'day', 'previous_period', LATER, 9),
    ).toThrow(
      new RangeError(
        'the range holds more than 9 day buckets, the maximum; choose a longer interval or a shorter range',
      ),
    );
    expect(
      series('2026-01-01', '2026-01-11', HCM, 'day', 'previous_period', LATER, 10),
    ).toHaveLength(10);
  });
});

const interval = fc.constantFrom<Interval>('day', 'week', 'month', 'quarter', 'year');
const compareWith = fc.constantFrom<Compare>('previous_period', 'previous_year');
const lengthMs = fc.integer({ min: 60_000, max: 120 * 86_400_000 });

/** True when the instant starts the interval in the zone. */
function startsInterval(ms: number, zone: string, unit: Interval): boolean {
  if (!isLocalDayStart(ms, zone)) return false;
  const date = DateTime.fromISO(formatInstant(ms, zone).slice(0, 10), { zone: 'utc' });
  return date.startOf(unit).equals(date);
}

describe('seriesBuckets: properties', () => {
  it('tiles [from, to) with buckets cut at interval starts, and the previous period with counterparts', () => {
    fc.assert(
      fc.property(
        awkwardInstant,
        lengthMs,
        interval,
        compareWith,
        (start, length, unit, compare) => {
          const { zone, instantMs: fromMs } = start;
          const query = { fromMs, toMs: fromMs + length, timezone: zone, compare, interval: unit };
          const buckets = seriesBuckets(query, Number.MAX_SAFE_INTEGER, 1000);
          const f = previousInstantMapping(query);
          expect(buckets[0]?.current.fromMs).toBe(query.fromMs);
          expect(buckets.at(-1)?.current.toMs).toBe(query.toMs);
          expect(buckets[0]?.previous.fromMs).toBe(f(query.fromMs));
          expect(buckets.at(-1)?.previous.toMs).toBe(f(query.toMs));
          buckets.forEach(({ current, previous }, i) => {
            expect(current.fromMs).toBeLessThan(current.toMs);
            expect(previous.fromMs).toBeLessThanOrEqual(previous.toMs);
            if (i > 0) expect(startsInterval(current.fromMs, zone, unit)).toBe(true);
            const next = buckets[i + 1];
            if (next === undefined) return;
            expect(next.current.fromMs).toBe(current.toMs);
            expect(next.previous.fromMs).toBe(previous.toMs);
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('stops at now, with only the bucket containing now partial', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_ZONES),
        awkwardInstant,
        lengthMs,
        fc.double({ min: -0.1, max: 1.1, noNaN: true }),
        interval,
        compareWith,
        (zone, start, length, share, unit, compare) => {
          const fromMs = start.instantMs;
          const query = { fromMs, toMs: fromMs + length, timezone: zone, compare, interval: unit };
          const nowMs = Math.round(fromMs + share * length);
          const buckets = seriesBuckets(query, nowMs, 1000);
          for (const { current, previous } of buckets) {
            expect(current.fromMs).toBeLessThanOrEqual(nowMs);
            expect(current.partial).toBe(current.toMs > nowMs);
            expect(previous.countedToMs).toBeGreaterThanOrEqual(previous.fromMs);
            expect(previous.countedToMs).toBeLessThanOrEqual(previous.toMs);
          }
          expect(buckets.filter((b) => b.current.partial).length).toBe(
            nowMs >= fromMs && nowMs < query.toMs ? 1 : 0,
          );
        },
      ),
      { numRuns: 50 },
    );
  });
});
