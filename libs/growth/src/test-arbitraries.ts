/**
 * Test data for the specs (no production code imports this): zones with unusual clocks, and
 * instants near their clock changes, where local-time arithmetic goes wrong if it does.
 */
import fc from 'fast-check';

/** Clock changes (UTC) of zones with DST: whole hours, 30 minutes, at midnight, a skipped day. */
const CLOCK_CHANGES: Record<string, string[]> = {
  'America/New_York': [
    '2023-11-05T06:00Z',
    '2024-03-10T07:00Z',
    '2024-11-03T06:00Z',
    '2025-03-09T07:00Z',
  ],
  'Europe/London': [
    '2023-10-29T01:00Z',
    '2024-03-31T01:00Z',
    '2024-10-27T01:00Z',
    '2025-03-30T01:00Z',
  ],
  // 30-minute DST
  'Australia/Lord_Howe': [
    '2023-09-30T15:30Z',
    '2024-04-06T15:00Z',
    '2024-10-05T15:30Z',
    '2025-04-05T15:00Z',
  ],
  // changes at local midnight (24:00 → 01:00, 24:00 → 23:00)
  'America/Santiago': [
    '2018-05-13T03:00Z',
    '2018-08-12T04:00Z',
    '2024-04-07T03:00Z',
    '2024-09-08T04:00Z',
  ],
  // 01:00 → 00:00: midnight happens twice
  'America/Havana': ['2023-11-05T05:00Z', '2024-03-10T05:00Z', '2024-11-03T05:00Z'],
  // 2011-12-30 did not happen in Samoa
  'Pacific/Apia': ['2011-09-24T14:00Z', '2011-12-30T10:00Z', '2012-03-31T14:00Z'],
  'Pacific/Chatham': ['2024-04-06T14:00Z', '2024-09-28T14:00Z'],
  'America/St_Johns': ['2024-03-10T05:30Z', '2024-11-03T04:30Z'],
};

export const DST_ZONES = Object.keys(CLOCK_CHANGES);
export const ALL_ZONES = [
  ...DST_ZONES,
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'UTC',
];

const YEAR_MS = 365 * 86_400_000;
const HOURS_3 = 3 * 3_600_000;
export const changes = Object.entries(CLOCK_CHANGES).flatMap(([zone, instants]) =>
  instants.map((iso) => ({ zone, changeMs: Date.parse(iso) })),
);

/**
 * A zone and an instant (ms precision): mostly within 3 hours of a clock change, or of the
 * same date a year later (where a year-back comparison lands on the change), else anywhere.
 */
export const nearClockChange: fc.Arbitrary<{ zone: string; instantMs: number }> = fc.oneof(
  fc
    .record({
      change: fc.constantFrom(...changes),
      yearsLater: fc.constantFrom(0, 0, 1),
      offsetMs: fc.integer({ min: -HOURS_3, max: HOURS_3 }),
    })
    .map(({ change, yearsLater, offsetMs }) => ({
      zone: change.zone,
      instantMs: change.changeMs + yearsLater * YEAR_MS + offsetMs,
    })),
  fc.record({
    zone: fc.constantFrom(...ALL_ZONES),
    instantMs: fc.integer({
      min: Date.parse('2000-01-01T00:00Z'),
      max: Date.parse('2040-01-01T00:00Z'),
    }),
  }),
);

/** A local date between 2000 and 2039 as YYYY-MM-DD (every day of every month, Feb 29 too). */
export const localDate: fc.Arbitrary<string> = fc
  .date({
    min: new Date('2000-01-01T00:00Z'),
    max: new Date('2039-12-31T00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));

/** A zone and an instant (ms precision) between Feb 27 and Mar 2 of a leap year. */
export const nearLeapDay: fc.Arbitrary<{ zone: string; instantMs: number }> = fc
  .record({
    zone: fc.constantFrom(...ALL_ZONES),
    year: fc.constantFrom(2004, 2008, 2012, 2016, 2020, 2024, 2028, 2032, 2036),
    offsetMs: fc.integer({ min: 0, max: 4 * 86_400_000 }),
  })
  .map(({ zone, year, offsetMs }) => ({ zone, instantMs: Date.UTC(year, 1, 27) + offsetMs }));

/** Where local-time arithmetic is tricky: near clock changes and leap days. */
export const awkwardInstant = fc.oneof(nearClockChange, nearLeapDay);
