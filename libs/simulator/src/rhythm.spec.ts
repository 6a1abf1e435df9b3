import { RHYTHM_PROFILES } from './traffic-model';
import { activityFactor } from './rhythm';

/** Epoch ms of a local Hanoi wall-clock time in November 2026 (23rd = Monday). */
const hanoi = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 7, minute);

describe('activityFactor', () => {
  it('peaks at 1 in weekday office hours and stays within [0, 1] all week', () => {
    for (const profile of RHYTHM_PROFILES) {
      let max = 0;
      for (let t = hanoi(22, 0); t < hanoi(29, 0); t += 10 * 60_000) {
        const f = activityFactor(profile, t);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
        max = Math.max(max, f);
      }
      expect(max).toBeCloseTo(1, 5);
    }
  });

  it('makes provinces quiet at night, at lunch and on Sundays', () => {
    const peak = activityFactor('province', hanoi(25, 10));
    expect(activityFactor('province', hanoi(25, 3))).toBeLessThan(0.05 * peak);
    expect(activityFactor('province', hanoi(25, 12, 15))).toBeLessThan(0.5 * peak);
    expect(activityFactor('province', hanoi(22, 10))).toBeLessThan(0.1 * peak);
    expect(activityFactor('province', hanoi(28, 10))).toBeLessThan(0.2 * peak);
  });

  it('keeps corporations busier than government in the evening and at weekends', () => {
    expect(activityFactor('corporate', hanoi(25, 20))).toBeGreaterThan(
      5 * activityFactor('province', hanoi(25, 20)),
    );
    expect(activityFactor('corporate', hanoi(22, 11))).toBeGreaterThan(0.5);
  });

  it('uses Vietnam time: 09:00 in Hanoi is 02:00 UTC, 18:00 is 11:00 UTC', () => {
    expect(activityFactor('province', Date.parse('2026-11-25T02:00:00Z'))).toBeGreaterThan(0.9);
    expect(activityFactor('province', Date.parse('2026-11-25T11:00:00Z'))).toBeLessThan(0.5);
  });
});
