import fc from 'fast-check';
import type { InstantRange } from './growth-types';
import { isLocalDayStart } from './local-time';
import { planRollupReads } from './rollup-plan';
import { ALL_ZONES, nearClockChange } from './test-arbitraries';

const at = (iso: string): number => Date.parse(iso);
const range = (from: string, to: string): InstantRange => ({ fromMs: at(from), toMs: at(to) });
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('planRollupReads', () => {
  it('reads the whole UTC days of a local day range in Asia/Kathmandu (+05:45) from the day rollup', () => {
    // 2026-01-01 and 2026-01-02 in Kathmandu
    expect(planRollupReads(at('2025-12-31T18:15Z'), at('2026-01-02T18:15Z'))).toEqual({
      days: {
        ...range('2026-01-01T00:00Z', '2026-01-02T00:00Z'),
        fromDate: '2026-01-01',
        toDate: '2026-01-02',
      },
      minutes: [
        range('2025-12-31T18:15Z', '2026-01-01T00:00Z'),
        range('2026-01-02T00:00Z', '2026-01-02T18:15Z'),
      ],
    });
  });

  it('reads a range shorter than a whole UTC day from minutes only (Asia/Kolkata day)', () => {
    expect(planRollupReads(at('2025-12-31T18:30Z'), at('2026-01-01T18:30Z'))).toEqual({
      days: null,
      minutes: [range('2025-12-31T18:30Z', '2026-01-01T18:30Z')],
    });
  });

  it('reads exact UTC days from the day rollup only', () => {
    expect(planRollupReads(at('2026-01-01T00:00Z'), at('2026-02-01T00:00Z'))).toEqual({
      days: {
        ...range('2026-01-01T00:00Z', '2026-02-01T00:00Z'),
        fromDate: '2026-01-01',
        toDate: '2026-02-01',
      },
      minutes: [],
    });
  });

  it('reads whole local days when the day rollup counts days in a zone', () => {
    expect(
      planRollupReads(at('2025-12-31T18:15Z'), at('2026-01-02T18:15Z'), 'Asia/Kathmandu'),
    ).toEqual({
      days: {
        ...range('2025-12-31T18:15Z', '2026-01-02T18:15Z'),
        fromDate: '2026-01-01',
        toDate: '2026-01-03',
      },
      minutes: [],
    });
    // New York's 23-hour day 2024-03-10 and the minutes around it
    expect(
      planRollupReads(
        at('2024-03-09T23:00-05:00'),
        at('2024-03-11T01:00-04:00'),
        'America/New_York',
      ),
    ).toEqual({
      days: {
        ...range('2024-03-10T00:00-05:00', '2024-03-11T00:00-04:00'),
        fromDate: '2024-03-10',
        toDate: '2024-03-11',
      },
      minutes: [
        range('2024-03-09T23:00-05:00', '2024-03-10T00:00-05:00'),
        range('2024-03-11T00:00-04:00', '2024-03-11T01:00-04:00'),
      ],
    });
  });

  it('rounds ends down to the minute, so "now" leaves out the minute in progress', () => {
    expect(planRollupReads(at('2026-01-01T10:00Z'), at('2026-01-01T10:05:42.123Z'))).toEqual({
      days: null,
      minutes: [range('2026-01-01T10:00Z', '2026-01-01T10:05Z')],
    });
    expect(planRollupReads(at('2026-01-01T10:00:30Z'), at('2026-01-01T10:00:40Z'))).toEqual({
      days: null,
      minutes: [],
    });
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => planRollupReads(2, 1)).toThrow(new RangeError('not a range of instants: [2, 1)'));
  });

  it('tiles the range, rounded to minutes, with whole days and at most two minute pieces', () => {
    fc.assert(
      fc.property(
        nearClockChange,
        fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 400 * DAY })),
        fc.constantFrom('UTC', ...ALL_ZONES),
        ({ instantMs: fromMs }, lengthMs, dayZone) => {
          const toMs = fromMs + lengthMs;
          const { days, minutes } = planRollupReads(fromMs, toMs, dayZone);
          const pieces = [...minutes, ...(days ? [days] : [])].sort((a, b) => a.fromMs - b.fromMs);
          const floor = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
          expect(minutes.length).toBeLessThanOrEqual(2);
          if (floor(fromMs) === floor(toMs)) {
            expect(pieces).toEqual([]);
            return;
          }
          expect(pieces[0]?.fromMs).toBe(floor(fromMs));
          expect(pieces.at(-1)?.toMs).toBe(floor(toMs));
          pieces.forEach((piece, i) => {
            expect(piece.fromMs).toBeLessThan(piece.toMs);
            expect(piece.fromMs % MINUTE).toBe(0);
            expect(piece.toMs % MINUTE).toBe(0);
            if (i > 0) expect(piece.fromMs).toBe(pieces[i - 1]?.toMs);
          });
          if (days !== null) {
            expect(isLocalDayStart(days.fromMs, dayZone)).toBe(true);
            expect(isLocalDayStart(days.toMs, dayZone)).toBe(true);
            // No whole day is left to the minutes.
            for (const piece of minutes)
              expect(piece.toMs - piece.fromMs).toBeLessThan(25 * 3_600_000);
          } else {
            expect(floor(toMs) - floor(fromMs)).toBeLessThan(2 * 25 * 3_600_000);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
