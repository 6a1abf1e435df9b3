import fc from 'fast-check';
import { formatInstant } from './format-instant';
import type { Parsed } from './growth-types';
import { type RawQuery, parseGrowthQuery, parseSeriesQuery } from './parse-query';
import { ALL_ZONES, nearClockChange } from './test-arbitraries';

const limits = { defaultTimezone: 'Asia/Ho_Chi_Minh', maxRangeDays: 366 };
const seriesLimits = { ...limits, maxBuckets: 100 };
const january = { from: '2026-01-01', to: '2026-02-01' };

function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`expected a query, got: ${parsed.message}`);
  return parsed.value;
}

function messageOf(parsed: Parsed<unknown>): string {
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed.value)}`);
  return parsed.message;
}

const growthMessage = (raw: RawQuery) => messageOf(parseGrowthQuery(raw, limits));
/** The instant `from` names, in a query that is otherwise valid whatever it is. */
const fromOf = (from: string, tz?: string) =>
  valueOf(
    parseGrowthQuery(
      { from, to: '2299-01-01', ...(tz ? { tz } : {}) },
      { ...limits, maxRangeDays: 400 * 366 },
    ),
  ).fromMs;

describe('parseGrowthQuery', () => {
  it('reads dates as local midnights in the default zone, comparing with the previous period', () => {
    expect(valueOf(parseGrowthQuery(january, limits))).toEqual({
      fromMs: Date.parse('2026-01-01T00:00+07:00'),
      toMs: Date.parse('2026-02-01T00:00+07:00'),
      timezone: 'Asia/Ho_Chi_Minh',
      compare: 'previous_period',
      filters: {},
    });
  });

  it('reads every parameter', () => {
    const raw = {
      ...january,
      tz: 'Europe/London',
      compare: 'previous_year',
      groupBy: 'consumer',
      platform: 'NDXP',
      consumer: 'PROV-HNI.PORTAL',
      provider: 'MPS.NPD',
      service: 'citizen.lookup_v2',
    };
    expect(valueOf(parseGrowthQuery(raw, limits))).toEqual({
      fromMs: Date.parse('2026-01-01T00:00Z'),
      toMs: Date.parse('2026-02-01T00:00Z'),
      timezone: 'Europe/London',
      compare: 'previous_year',
      groupBy: 'consumer',
      filters: {
        platform: 'NDXP',
        consumer: 'PROV-HNI.PORTAL',
        provider: 'MPS.NPD',
        service: 'citizen.lookup_v2',
      },
    });
  });

  it('reads a datetime with Z or an offset as that instant, whatever tz is', () => {
    expect(fromOf('2026-01-01T10:00:00Z', 'America/New_York')).toBe(
      Date.parse('2026-01-01T10:00Z'),
    );
    expect(fromOf('2026-01-01T10:00:00.000+05:45')).toBe(Date.parse('2026-01-01T04:15Z'));
    expect(fromOf('2026-01-01T10:00-03:30')).toBe(Date.parse('2026-01-01T13:30Z'));
  });

  it('reads a datetime without offset as local time in tz', () => {
    expect(fromOf('2026-01-01T10:00')).toBe(Date.parse('2026-01-01T10:00+07:00'));
    expect(fromOf('2026-01-01T10:00:00', 'Asia/Kathmandu')).toBe(
      Date.parse('2026-01-01T10:00+05:45'),
    );
    expect(fromOf('2026-01-01', 'Asia/Kolkata')).toBe(Date.parse('2025-12-31T18:30Z'));
  });

  it('reads a local time skipped by DST as the end of the gap, a repeated one as its first pass', () => {
    expect(fromOf('2026-03-29T01:30', 'Europe/London')).toBe(Date.parse('2026-03-29T01:00Z'));
    expect(fromOf('2026-10-25T01:30', 'Europe/London')).toBe(Date.parse('2026-10-25T00:30Z'));
    expect(fromOf('2026-10-04T02:10', 'Australia/Lord_Howe')).toBe(
      Date.parse('2026-10-04T02:30+11:00'),
    );
  });

  it('reads back what formatInstant writes', () => {
    fc.assert(
      fc.property(nearClockChange, fc.constantFrom(...ALL_ZONES), ({ zone, instantMs }, tz) => {
        const minute = Math.floor(instantMs / 60_000) * 60_000;
        expect(fromOf(formatInstant(minute, zone), tz)).toBe(minute);
      }),
      { numRuns: 100 },
    );
  });

  it('accepts a range of exactly the maximum number of local days, across DST', () => {
    const london = { tz: 'Europe/London', maxRange: { ...limits, maxRangeDays: 1 } };
    const day = { from: '2026-03-29', to: '2026-03-30', tz: london.tz };
    expect(parseGrowthQuery(day, london.maxRange).ok).toBe(true);
  });

  it('rejects what it cannot honour, saying what is wrong', () => {
    const cases: Array<[RawQuery, string]> = [
      [
        { ...january, form: '2026-01-01', Platform: 'x' },
        "unknown parameters 'form', 'Platform'; the accepted parameters are from, to, compare, tz, groupBy, platform, consumer, provider, service",
      ],
      [
        { ...january, interval: 'day' },
        "unknown parameter 'interval'; the accepted parameters are from, to, compare, tz, groupBy, platform, consumer, provider, service",
      ],
      [
        { ...january, tz: 'Mars/Olympus_Mons' },
        "tz 'Mars/Olympus_Mons' is not a known IANA time zone, such as Asia/Ho_Chi_Minh or UTC",
      ],
      [
        { ...january, tz: '+07:00' },
        "tz '+07:00' is not a known IANA time zone, such as Asia/Ho_Chi_Minh or UTC",
      ],
      [{ ...january, tz: ['UTC', 'UTC'] }, 'tz is given 2 times; give it once'],
      [{ ...january, tz: { a: 'b' } }, 'tz must be a single text value'],
      [
        { to: '2026-02-01' },
        'from is required (inclusive): use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00',
      ],
      [
        { from: '2026-01-01' },
        'to is required (exclusive): use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00',
      ],
      [
        { ...january, from: 'yesterday' },
        "from 'yesterday' is not a valid date or datetime; use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00",
      ],
      [
        { ...january, to: '2026-02-30' },
        "to '2026-02-30' is not a valid date or datetime (2026-02 has 28 days); use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00",
      ],
      [
        { ...january, to: '2026-13-01' },
        "to '2026-13-01' is not a valid date or datetime (there is no month 13); use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00",
      ],
      [
        { ...january, from: '2026-01-01T24:00' },
        "from '2026-01-01T24:00' is not a valid date or datetime (the time is out of range); use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00",
      ],
      [
        { ...january, from: '2026-01-01T00:00+24:00' },
        "from '2026-01-01T00:00+24:00' is not a valid date or datetime (the offset is out of range); use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00",
      ],
      [
        { ...january, from: '2026-01-01T00:00:00 07:00' },
        "from '2026-01-01T00:00:00 07:00' has a space where its offset's '+' should be: encode '+' as %2B in the URL",
      ],
      [
        { ...january, from: '2026-01-01T10:00:30Z' },
        "from '2026-01-01T10:00:30Z' must be on a whole minute (seconds :00): counts are kept per minute",
      ],
      [
        { ...january, from: '2026-01-01T10:00:00.5Z' },
        "from '2026-01-01T10:00:00.5Z' must be on a whole minute (seconds :00): counts are kept per minute",
      ],
      [
        { ...january, from: '1899-12-31' },
        "from must be in the years 1900 to 2299: got '1899-12-31'",
      ],
      [
        { from: '2026-02-01', to: '2026-01-01' },
        'from (2026-02-01T00:00:00.000+07:00) must be before to (2026-01-01T00:00:00.000+07:00)',
      ],
      [
        { from: '2026-01-01', to: '2026-01-01' },
        'from (2026-01-01T00:00:00.000+07:00) must be before to (2026-01-01T00:00:00.000+07:00)',
      ],
      [
        { from: '2025-01-01', to: '2026-01-03' },
        'the range from 2025-01-01T00:00:00.000+07:00 to 2026-01-03T00:00:00.000+07:00 is longer than the maximum of 366 days',
      ],
      [
        { ...january, compare: 'last_year' },
        "compare must be one of previous_period, previous_year: got 'last_year'",
      ],
      [
        { ...january, groupBy: 'outcome' },
        "groupBy must be one of platform, consumer, provider, service: got 'outcome'",
      ],
      [
        { ...january, platform: 'NDXP HN' },
        "platform must be a code of 1 to 64 characters A-Z, a-z, 0-9, '.', '_' or '-': got 'NDXP HN'",
      ],
      [
        { ...january, consumer: '' },
        "consumer must be a code of 1 to 64 characters A-Z, a-z, 0-9, '.', '_' or '-': got ''",
      ],
      [
        { ...january, provider: 'p'.repeat(65) },
        `provider must be a code of 1 to 64 characters A-Z, a-z, 0-9, '.', '_' or '-': got '${'p'.repeat(65)}'`,
      ],
      [
        { ...january, service: 's'.repeat(129) },
        `service must be a code of 1 to 128 characters A-Z, a-z, 0-9, '.', '_' or '-': got '${'s'.repeat(80)}…'`,
      ],
      [
        { ...january, service: 'a/b' },
        "service must be a code of 1 to 128 characters A-Z, a-z, 0-9, '.', '_' or '-': got 'a/b'",
      ],
    ];
    for (const [raw, message] of cases) expect([raw, growthMessage(raw)]).toEqual([raw, message]);
  });

  it('accepts codes of the longest allowed lengths', () => {
    const raw = { ...january, provider: 'p'.repeat(64), service: 's'.repeat(128) };
    expect(parseGrowthQuery(raw, limits).ok).toBe(true);
  });

  it('reports a bad configured default zone as such', () => {
    expect(messageOf(parseGrowthQuery(january, { ...limits, defaultTimezone: 'Nowhere' }))).toBe(
      "the configured default time zone 'Nowhere' is not a known IANA time zone",
    );
  });
});

describe('parseSeriesQuery', () => {
  it('reads the interval with the growth parameters, except groupBy', () => {
    expect(
      valueOf(parseSeriesQuery({ ...january, interval: 'week', platform: 'NDXP' }, seriesLimits)),
    ).toEqual({
      fromMs: Date.parse('2026-01-01T00:00+07:00'),
      toMs: Date.parse('2026-02-01T00:00+07:00'),
      timezone: 'Asia/Ho_Chi_Minh',
      compare: 'previous_period',
      interval: 'week',
      filters: { platform: 'NDXP' },
    });
  });

  it('accepts as many buckets as the limit', () => {
    const hundredDays = { from: '2026-01-01', to: '2026-04-11', interval: 'day' };
    expect(parseSeriesQuery(hundredDays, seriesLimits).ok).toBe(true);
  });

  it('rejects what it cannot honour, saying what is wrong', () => {
    const cases: Array<[RawQuery, string]> = [
      [january, 'interval is required: one of day, week, month, quarter, year'],
      [
        { ...january, interval: 'hour' },
        "interval must be one of day, week, month, quarter, year: got 'hour'",
      ],
      [
        { ...january, interval: 'day', groupBy: 'platform' },
        "unknown parameter 'groupBy'; the accepted parameters are from, to, interval, compare, tz, platform, consumer, provider, service",
      ],
      [
        { from: '2026-01-01', to: '2026-04-12', interval: 'day' },
        'from 2026-01-01T00:00:00.000+07:00 to 2026-04-12T00:00:00.000+07:00 holds more than 100 day buckets, the maximum; choose a longer interval or a shorter range',
      ],
      [
        { from: '2026-01-01', interval: 'day' },
        'to is required (exclusive): use a date YYYY-MM-DD (midnight in tz), a local time YYYY-MM-DDTHH:mm[:ss] (in tz), or a datetime with Z or an offset, e.g. 2026-01-01T00:00:00+07:00',
      ],
    ];
    for (const [raw, message] of cases) {
      expect([raw, messageOf(parseSeriesQuery(raw, seriesLimits))]).toEqual([raw, message]);
    }
  });
});
