import fc from 'fast-check';
import { DateTime } from 'luxon';
import { previousInstantMapping } from './compare-mapping';
import { comparePeriods } from './compare-periods';
import { formatInstant } from './format-instant';
import type { Compare, PeriodPair } from './growth-types';
import { parseInstant } from './parse-instant';
import { ALL_ZONES, awkwardInstant, localDate, nearClockChange } from './test-arbitraries';

const HCM = 'Asia/Ho_Chi_Minh';
const LATER = Date.parse('2030-01-01T00:00Z');

/** The instant a `from`/`to` parameter names in the zone. */
function instant(text: string, zone: string): number {
  const parsed = parseInstant('from', text, zone);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.instantMs;
}

function compare(from: string, to: string, zone: string, compareWith: Compare, nowMs = LATER) {
  const pair = comparePeriods(
    { fromMs: instant(from, zone), toMs: instant(to, zone), timezone: zone, compare: compareWith },
    nowMs,
  );
  return shown(pair, zone);
}

/** A pair with its instants written in the zone, for readable expectations. */
function shown(pair: PeriodPair, zone: string) {
  const show = (ms: number) => formatInstant(ms, zone);
  return {
    current: [show(pair.current.fromMs), show(pair.current.toMs)],
    previous: [show(pair.previous.fromMs), show(pair.previous.toMs)],
    counted: [show(pair.current.countedToMs), show(pair.previous.countedToMs)],
    partial: pair.current.partial,
  };
}

describe('comparePeriods: previous_period', () => {
  it('compares a month with the same number of days just before it (Asia/Ho_Chi_Minh)', () => {
    expect(compare('2026-01-01', '2026-02-01', HCM, 'previous_period')).toEqual({
      current: ['2026-01-01T00:00:00.000+07:00', '2026-02-01T00:00:00.000+07:00'],
      previous: ['2025-12-01T00:00:00.000+07:00', '2026-01-01T00:00:00.000+07:00'],
      counted: ['2026-02-01T00:00:00.000+07:00', '2026-01-01T00:00:00.000+07:00'],
      partial: false,
    });
  });

  it('compares a month ending on the 31st with the 31 days before it', () => {
    expect(compare('2026-03-01', '2026-04-01', HCM, 'previous_period').previous).toEqual([
      '2026-01-29T00:00:00.000+07:00',
      '2026-03-01T00:00:00.000+07:00',
    ]);
    expect(compare('2026-03-31', '2026-04-01', HCM, 'previous_period').previous).toEqual([
      '2026-03-30T00:00:00.000+07:00',
      '2026-03-31T00:00:00.000+07:00',
    ]);
  });

  it('compares DST days in America/New_York day for day, whatever their hours', () => {
    const ny = 'America/New_York';
    // 23 hours, compared with the 24 hours before
    expect(compare('2024-03-10', '2024-03-11', ny, 'previous_period').previous).toEqual([
      '2024-03-09T00:00:00.000-05:00',
      '2024-03-10T00:00:00.000-05:00',
    ]);
    // 24 hours, compared with the 23-hour day
    expect(compare('2024-03-11', '2024-03-12', ny, 'previous_period').previous).toEqual([
      '2024-03-10T00:00:00.000-05:00',
      '2024-03-11T00:00:00.000-04:00',
    ]);
    // 25 hours, compared with the 24 hours before
    expect(compare('2024-11-03', '2024-11-04', ny, 'previous_period').previous).toEqual([
      '2024-11-02T00:00:00.000-04:00',
      '2024-11-03T00:00:00.000-04:00',
    ]);
    // a week across the change: 7 days back, not 7 × 24 hours
    expect(compare('2024-03-10', '2024-03-17', ny, 'previous_period').previous).toEqual([
      '2024-03-03T00:00:00.000-05:00',
      '2024-03-10T00:00:00.000-05:00',
    ]);
  });

  it('compares DST days in Europe/London day for day', () => {
    const london = 'Europe/London';
    expect(compare('2024-03-31', '2024-04-01', london, 'previous_period').previous).toEqual([
      '2024-03-30T00:00:00.000+00:00',
      '2024-03-31T00:00:00.000+00:00',
    ]);
    expect(compare('2024-10-27', '2024-10-28', london, 'previous_period').previous).toEqual([
      '2024-10-26T00:00:00.000+01:00',
      '2024-10-27T00:00:00.000+01:00',
    ]);
  });

  it("compares Australia/Lord_Howe's 24.5- and 23.5-hour days with the day before", () => {
    const lordHowe = 'Australia/Lord_Howe';
    expect(compare('2024-04-07', '2024-04-08', lordHowe, 'previous_period')).toMatchObject({
      current: ['2024-04-07T00:00:00.000+11:00', '2024-04-08T00:00:00.000+10:30'],
      previous: ['2024-04-06T00:00:00.000+11:00', '2024-04-07T00:00:00.000+11:00'],
    });
    expect(compare('2024-10-06', '2024-10-07', lordHowe, 'previous_period')).toMatchObject({
      current: ['2024-10-06T00:00:00.000+10:30', '2024-10-07T00:00:00.000+11:00'],
      previous: ['2024-10-05T00:00:00.000+10:30', '2024-10-06T00:00:00.000+10:30'],
    });
  });

  it('reads days in Asia/Kathmandu at +05:45', () => {
    expect(compare('2026-01-01', '2026-01-08', 'Asia/Kathmandu', 'previous_period')).toMatchObject({
      current: ['2026-01-01T00:00:00.000+05:45', '2026-01-08T00:00:00.000+05:45'],
      previous: ['2025-12-25T00:00:00.000+05:45', '2026-01-01T00:00:00.000+05:45'],
    });
  });

  it('shifts a range that is not whole days by its length in ms', () => {
    const london = 'Europe/London';
    // 12:00 GMT to 12:00 BST is 23 hours
    expect(
      compare('2024-03-30T12:00', '2024-03-31T12:00', london, 'previous_period').previous,
    ).toEqual(['2024-03-29T13:00:00.000+00:00', '2024-03-30T12:00:00.000+00:00']);
  });

  it('cuts the previous period at the same point of it when the current one is still running', () => {
    const now = Date.parse('2026-01-15T12:00+07:00');
    expect(compare('2026-01-01', '2026-02-01', HCM, 'previous_period', now)).toEqual({
      current: ['2026-01-01T00:00:00.000+07:00', '2026-02-01T00:00:00.000+07:00'],
      previous: ['2025-12-01T00:00:00.000+07:00', '2026-01-01T00:00:00.000+07:00'],
      counted: ['2026-01-15T12:00:00.000+07:00', '2025-12-15T12:00:00.000+07:00'],
      partial: true,
    });
  });

  it('cuts at the matching local time of day across a DST change', () => {
    const ny = 'America/New_York';
    const countedAt = (nowIso: string) =>
      compare('2024-11-03', '2024-11-04', ny, 'previous_period', Date.parse(nowIso)).counted;
    expect(countedAt('2024-11-03T12:00-05:00')).toEqual([
      '2024-11-03T12:00:00.000-05:00',
      '2024-11-02T12:00:00.000-04:00',
    ]);
    // The hour that is repeated: its first pass maps to the same time a day earlier, its
    // second pass to the end of that hour (the day before has nothing to match it).
    expect(countedAt('2024-11-03T01:30-04:00')[1]).toBe('2024-11-02T01:30:00.000-04:00');
    expect(countedAt('2024-11-03T01:30-05:00')[1]).toBe('2024-11-02T02:00:00.000-04:00');
  });

  it('counts nothing of a period that has not started', () => {
    const now = Date.parse('2025-06-01T00:00+07:00');
    expect(compare('2026-01-01', '2026-02-01', HCM, 'previous_period', now)).toMatchObject({
      counted: ['2026-01-01T00:00:00.000+07:00', '2025-12-01T00:00:00.000+07:00'],
      partial: true,
    });
  });

  it('is complete when it ends exactly at now', () => {
    const now = Date.parse('2026-02-01T00:00+07:00');
    expect(compare('2026-01-01', '2026-02-01', HCM, 'previous_period', now).partial).toBe(false);
  });
});

describe('comparePeriods: previous_year', () => {
  it('compares Feb 29 with Feb 28 of the year before', () => {
    expect(compare('2024-02-29', '2024-03-01', HCM, 'previous_year').previous).toEqual([
      '2023-02-28T00:00:00.000+07:00',
      '2023-03-01T00:00:00.000+07:00',
    ]);
    expect(compare('2024-02-01', '2024-02-29', HCM, 'previous_year').previous).toEqual([
      '2023-02-01T00:00:00.000+07:00',
      '2023-02-28T00:00:00.000+07:00',
    ]);
  });

  it('compares February of a leap year with all of February the year before', () => {
    expect(compare('2024-02-01', '2024-03-01', HCM, 'previous_year').previous).toEqual([
      '2023-02-01T00:00:00.000+07:00',
      '2023-03-01T00:00:00.000+07:00',
    ]);
    expect(compare('2025-02-01', '2025-03-01', HCM, 'previous_year').previous).toEqual([
      '2024-02-01T00:00:00.000+07:00',
      '2024-03-01T00:00:00.000+07:00',
    ]);
  });

  it('cuts a running period at the same date and time a year earlier', () => {
    const counted = (nowIso: string) =>
      compare('2024-02-01', '2024-03-01', HCM, 'previous_year', Date.parse(nowIso)).counted[1];
    expect(counted('2024-02-15T09:30+07:00')).toBe('2023-02-15T09:30:00.000+07:00');
    expect(counted('2024-02-29T10:00+07:00')).toBe('2023-02-28T10:00:00.000+07:00');
    // Feb 29 00:00 already maps to Feb 28 00:00, so all of Feb 28 does (f is monotonic).
    expect(counted('2024-02-28T15:00+07:00')).toBe('2023-02-28T00:00:00.000+07:00');
  });

  it('compares a DST day with the same date a year earlier, whatever its length', () => {
    expect(compare('2024-11-03', '2024-11-04', 'America/New_York', 'previous_year')).toMatchObject({
      previous: ['2023-11-03T00:00:00.000-04:00', '2023-11-04T00:00:00.000-04:00'],
    });
    expect(compare('2025-03-30', '2025-03-31', 'Europe/London', 'previous_year')).toMatchObject({
      current: ['2025-03-30T00:00:00.000+00:00', '2025-03-31T00:00:00.000+01:00'],
      previous: ['2024-03-30T00:00:00.000+00:00', '2024-03-31T00:00:00.000+00:00'],
    });
  });
});

/** A local date plus whole days, written YYYY-MM-DD. */
const plusDays = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? '';

const zone = fc.constantFrom(...ALL_ZONES);
const compareWith = fc.constantFrom<Compare>('previous_period', 'previous_year');

describe('comparePeriods: properties', () => {
  it('puts the previous period right before the current one (previous_period)', () => {
    fc.assert(
      fc.property(
        nearClockChange,
        fc.integer({ min: 60_000, max: 400 * 86_400_000 }),
        (start, lengthMs) => {
          const minute = Math.floor(start.instantMs / 60_000) * 60_000;
          const spec = {
            fromMs: minute,
            toMs: minute + lengthMs,
            timezone: start.zone,
            compare: 'previous_period' as const,
          };
          const pair = comparePeriods(spec, LATER);
          expect(pair.previous.toMs).toBe(pair.current.fromMs);
          expect(pair.previous.fromMs).toBeLessThan(pair.previous.toMs);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives whole-day ranges a previous period of as many local days, across DST', () => {
    fc.assert(
      fc.property(zone, localDate, fc.integer({ min: 1, max: 100 }), (timezone, from, days) => {
        const to = plusDays(from, days);
        const pair = comparePeriods(
          {
            fromMs: instant(from, timezone),
            toMs: instant(to, timezone),
            timezone,
            compare: 'previous_period',
          },
          LATER,
        );
        expect(pair.previous.fromMs).toBe(instant(plusDays(from, -days), timezone));
        expect(pair.previous.toMs).toBe(instant(from, timezone));
      }),
      { numRuns: 100 },
    );
  });

  it('maps every date to the same date a year earlier (Feb 29 to Feb 28)', () => {
    fc.assert(
      fc.property(zone, localDate, (timezone, date) => {
        const f = previousInstantMapping({
          fromMs: instant(date, timezone),
          toMs: instant(plusDays(date, 1), timezone),
          timezone,
          compare: 'previous_year',
        });
        const year = Number(date.slice(0, 4)) - 1;
        const monthDay = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
        expect(f(instant(date, timezone))).toBe(instant(`${year}${monthDay}`, timezone));
      }),
      { numRuns: 100 },
    );
  });

  it('never maps a later instant to an earlier one, near DST changes too', () => {
    fc.assert(
      fc.property(
        awkwardInstant,
        fc.oneof(
          fc.integer({ min: 0, max: 2 * 3_600_000 }),
          fc.integer({ min: 0, max: 2 * 86_400_000 }),
        ),
        fc.integer({ min: 1, max: 40 }),
        compareWith,
        fc.boolean(),
        (start, stepMs, days, compareWith, wholeDays) => {
          const { zone: timezone, instantMs } = start;
          const fromMs = wholeDays
            ? instant(formatInstant(instantMs, timezone).slice(0, 10), timezone)
            : instantMs - 86_400_000;
          const toMs = wholeDays
            ? instant(plusDays(formatInstant(fromMs, timezone).slice(0, 10), days), timezone)
            : instantMs + days * 3_600_000;
          const f = previousInstantMapping({ fromMs, toMs, timezone, compare: compareWith });
          expect(f(instantMs)).toBeLessThanOrEqual(f(instantMs + stepMs));
          expect(f(instantMs)).toBeLessThan(instantMs);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts the same share of both periods to date, within them', () => {
    fc.assert(
      fc.property(
        zone,
        localDate,
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: -0.2, max: 1.2, noNaN: true }),
        compareWith,
        (timezone, from, days, share, compareWith) => {
          const fromMs = instant(from, timezone);
          const toMs = instant(plusDays(from, days), timezone);
          const nowMs = Math.round(fromMs + share * (toMs - fromMs));
          const pair = comparePeriods({ fromMs, toMs, timezone, compare: compareWith }, nowMs);
          const { current, previous } = pair;
          expect(current.partial).toBe(toMs > nowMs);
          expect(current.countedToMs).toBe(Math.min(toMs, Math.max(fromMs, nowMs)));
          expect(previous.countedToMs).toBeGreaterThanOrEqual(previous.fromMs);
          expect(previous.countedToMs).toBeLessThanOrEqual(previous.toMs);
          if (!current.partial) expect(previous.countedToMs).toBe(previous.toMs);
        },
      ),
      { numRuns: 100 },
    );
  });
});
