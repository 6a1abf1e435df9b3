import fc from 'fast-check';
import { formatInstant } from './format-instant';
import {
  firstInstantReading,
  isLocalDayStart,
  readingAt,
  readingMidnight,
  shiftableReading,
} from './local-time';
import { changes, nearClockChange } from './test-arbitraries';

const at = (iso: string): number => Date.parse(iso);
const reading = (isoWithoutOffset: string): number => Date.parse(`${isoWithoutOffset}Z`);
const show = (ms: number, zone: string): string => formatInstant(ms, zone);

describe('firstInstantReading', () => {
  it('resolves an ordinary reading to its one instant', () => {
    expect(firstInstantReading(reading('2026-01-01T00:00'), 'Asia/Ho_Chi_Minh')).toBe(
      at('2025-12-31T17:00Z'),
    );
  });

  it('resolves a reading skipped by a gap to the instant the gap ends', () => {
    const ny = 'America/New_York';
    expect(show(firstInstantReading(reading('2024-03-10T02:30'), ny), ny)).toBe(
      '2024-03-10T03:00:00.000-04:00',
    );
    const lordHowe = 'Australia/Lord_Howe';
    expect(show(firstInstantReading(reading('2024-10-06T02:15'), lordHowe), lordHowe)).toBe(
      '2024-10-06T02:30:00.000+11:00',
    );
  });

  it('resolves a repeated reading to its first occurrence', () => {
    const ny = 'America/New_York';
    expect(show(firstInstantReading(reading('2024-11-03T01:30'), ny), ny)).toBe(
      '2024-11-03T01:30:00.000-04:00',
    );
    const lordHowe = 'Australia/Lord_Howe';
    expect(show(firstInstantReading(reading('2024-04-07T01:45'), lordHowe), lordHowe)).toBe(
      '2024-04-07T01:45:00.000+11:00',
    );
  });

  it('resolves a midnight skipped by a gap to the first instant of that day', () => {
    // Chile moved its clocks from 24:00 to 01:00 until 2022.
    const santiago = 'America/Santiago';
    expect(show(firstInstantReading(reading('2018-08-12T00:00'), santiago), santiago)).toBe(
      '2018-08-12T01:00:00.000-03:00',
    );
  });

  it('never resolves to an instant that reads earlier, and nothing earlier reads as much', () => {
    fc.assert(
      fc.property(nearClockChange, ({ zone, instantMs }) => {
        const wallMs = readingAt(instantMs, zone);
        const resolved = firstInstantReading(wallMs, zone);
        expect(resolved).toBeLessThanOrEqual(instantMs);
        expect(readingAt(resolved, zone)).toBeGreaterThanOrEqual(wallMs);
        expect(readingAt(resolved - 1, zone)).toBeLessThan(wallMs);
      }),
      { numRuns: 200 },
    );
  });
});

describe('shiftableReading', () => {
  const ny = 'America/New_York';

  it('is the reading itself at an ordinary instant', () => {
    expect(shiftableReading(at('2024-07-01T12:34:56.789-04:00'), ny)).toBe(
      reading('2024-07-01T12:34:56.789'),
    );
  });

  it('is the gap start at the instant a gap ends', () => {
    expect(shiftableReading(at('2024-03-10T03:00-04:00'), ny)).toBe(reading('2024-03-10T02:00'));
  });

  it('is the end of the overlap during its second pass', () => {
    expect(shiftableReading(at('2024-11-03T01:30-04:00'), ny)).toBe(reading('2024-11-03T01:30'));
    expect(shiftableReading(at('2024-11-03T01:00-05:00'), ny)).toBe(reading('2024-11-03T02:00'));
    expect(shiftableReading(at('2024-11-03T01:59-05:00'), ny)).toBe(reading('2024-11-03T02:00'));
  });

  it('is midnight at the start of a day whose midnight is skipped', () => {
    const santiago = 'America/Santiago';
    expect(shiftableReading(at('2018-08-12T01:00-03:00'), santiago)).toBe(
      reading('2018-08-12T00:00'),
    );
  });

  it('is monotonic and resolves back to the instant or later', () => {
    fc.assert(
      fc.property(nearClockChange, fc.integer({ min: 0, max: 3 * 3_600_000 }), (start, gap) => {
        const { zone, instantMs } = start;
        const earlier = shiftableReading(instantMs, zone);
        const later = shiftableReading(instantMs + gap, zone);
        expect(earlier).toBeLessThanOrEqual(later);
        expect(firstInstantReading(earlier, zone)).toBeGreaterThanOrEqual(instantMs);
      }),
      { numRuns: 200 },
    );
  });
});

describe('isLocalDayStart', () => {
  it('knows the first instant of each local day, in every zone', () => {
    fc.assert(
      fc.property(nearClockChange, ({ zone, instantMs }) => {
        const dayStart = firstInstantReading(readingMidnight(readingAt(instantMs, zone)), zone);
        expect(isLocalDayStart(dayStart, zone)).toBe(true);
        expect(isLocalDayStart(dayStart + 60_000, zone)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the clock changes the properties are tested near', () => {
  it('are real: at each the clock jumps', () => {
    const jumps = changes.map(
      ({ zone, changeMs }) => readingAt(changeMs, zone) - readingAt(changeMs - 1, zone),
    );
    expect(jumps.filter((jump) => jump === 1)).toEqual([]);
  });
});
