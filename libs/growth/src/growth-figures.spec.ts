import fc from 'fast-check';
import { formatInstant } from './format-instant';
import { growthFigures, growthPercent, isProvisional } from './growth-figures';

const count = fc.integer({ min: 0, max: 1_000_000_000 });

describe('growthPercent', () => {
  it('is the change relative to the previous count, in percent, unrounded', () => {
    expect(growthPercent(150, 100)).toBe(50);
    expect(growthPercent(50, 100)).toBe(-50);
    expect(growthPercent(0, 100)).toBe(-100);
    expect(growthPercent(100, 100)).toBe(0);
    expect(growthPercent(1, 3)).toBeCloseTo(-66.6667, 4);
  });

  it('is null when there was nothing before', () => {
    expect(growthPercent(0, 0)).toBeNull();
    expect(growthPercent(7, 0)).toBeNull();
  });

  it('refuses what is not a count', () => {
    expect(() => growthPercent(-1, 5)).toThrow(RangeError);
    expect(() => growthPercent(1, Number.NaN)).toThrow(RangeError);
  });

  it('has the sign of the change and is null exactly when previous is 0', () => {
    fc.assert(
      fc.property(count, count, (current, previous) => {
        const percent = growthPercent(current, previous);
        if (previous === 0) {
          expect(percent).toBeNull();
          return;
        }
        expect(percent).not.toBeNull();
        expect(Math.sign(percent ?? Number.NaN)).toBe(Math.sign(current - previous));
        expect(percent).toBeGreaterThanOrEqual(-100);
      }),
      { numRuns: 200 },
    );
  });
});

describe('growthFigures', () => {
  it('gives the counts, the change and the growth', () => {
    expect(growthFigures(120, 100)).toEqual({
      current: 120,
      previous: 100,
      change: 20,
      growthPercent: 20,
    });
    expect(growthFigures(5, 0)).toEqual({
      current: 5,
      previous: 0,
      change: 5,
      growthPercent: null,
    });
  });
});

describe('isProvisional', () => {
  const day = 86_400_000;
  const now = Date.parse('2026-03-10T00:00Z');
  const range = (from: string, to: string) => ({ fromMs: Date.parse(from), toMs: Date.parse(to) });

  it('is true when the range reaches into the late-arrival window', () => {
    expect(isProvisional(range('2026-02-01T00:00Z', '2026-03-01T00:00Z'), now, 7 * day)).toBe(
      false,
    );
    expect(isProvisional(range('2026-02-01T00:00Z', '2026-03-03T00:00Z'), now, 7 * day)).toBe(
      false,
    );
    expect(isProvisional(range('2026-02-01T00:00Z', '2026-03-03T00:01Z'), now, 7 * day)).toBe(true);
    expect(isProvisional(range('2026-03-01T00:00Z', '2026-04-01T00:00Z'), now, 7 * day)).toBe(true);
    expect(isProvisional(range('2026-03-09T00:00Z', '2026-03-10T00:00Z'), now, 0)).toBe(false);
  });

  it('agrees with [now − window, ∞) ∩ [from, to) ≠ ∅', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        (fromMs, lengthMs, windowMs) => {
          const toMs = fromMs + lengthMs;
          const intersects = Math.max(fromMs, 0 - windowMs) < toMs;
          expect(isProvisional({ fromMs, toMs }, 0, windowMs)).toBe(intersects);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('formatInstant', () => {
  it("writes the zone's offset at the instant, with milliseconds", () => {
    const newYear = Date.parse('2025-12-31T17:00Z');
    expect(formatInstant(newYear, 'Asia/Ho_Chi_Minh')).toBe('2026-01-01T00:00:00.000+07:00');
    expect(formatInstant(newYear, 'UTC')).toBe('2025-12-31T17:00:00.000+00:00');
    expect(formatInstant(newYear, 'Asia/Kathmandu')).toBe('2025-12-31T22:45:00.000+05:45');
    expect(formatInstant(Date.parse('2024-07-01T12:00:00.123Z'), 'America/New_York')).toBe(
      '2024-07-01T08:00:00.123-04:00',
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => formatInstant(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
