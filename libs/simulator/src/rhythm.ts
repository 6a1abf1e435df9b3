import type { RhythmProfile } from './catalogue';

/** Vietnam has one time zone, UTC+7, and no daylight saving. */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** (local hour, activity) knots, linearly interpolated; 1 is the busiest moment of a weekday. */
type DailyCurve = readonly (readonly [hour: number, activity: number])[];

// Government offices open 7:30-11:30 and 13:30-17:00; provinces are near zero at night while
// ministries keep some batch traffic; corporations serve customers into the evening.
const DAILY_CURVES: Record<RhythmProfile, DailyCurve> = {
  province: [
    [0, 0.01],
    [6, 0.01],
    [7, 0.15],
    [8, 0.7],
    [9, 1],
    [10.5, 1],
    [11.5, 0.6],
    [12, 0.2],
    [13, 0.25],
    [14, 0.85],
    [15, 0.95],
    [16.5, 0.7],
    [17.5, 0.2],
    [19, 0.05],
    [21, 0.02],
    [24, 0.01],
  ],
  ministry: [
    [0, 0.05],
    [6, 0.05],
    [7, 0.2],
    [8, 0.75],
    [9, 1],
    [10.5, 1],
    [11.5, 0.65],
    [12, 0.3],
    [13, 0.35],
    [14, 0.9],
    [15, 0.95],
    [16.5, 0.75],
    [17.5, 0.3],
    [19, 0.12],
    [22, 0.07],
    [24, 0.05],
  ],
  corporate: [
    [0, 0.12],
    [5, 0.08],
    [7, 0.4],
    [9, 0.9],
    [11, 1],
    [12, 0.85],
    [14, 0.9],
    [17, 0.95],
    [20, 0.8],
    [22, 0.45],
    [24, 0.12],
  ],
};

/** Activity by local weekday, Sunday first. Saturday keeps some one-stop-shop desks open. */
const WEEKLY_FACTORS: Record<RhythmProfile, readonly number[]> = {
  province: [0.04, 1, 0.97, 0.97, 0.97, 0.92, 0.12],
  ministry: [0.08, 1, 0.97, 0.97, 0.97, 0.92, 0.15],
  corporate: [0.6, 1, 0.97, 0.97, 0.97, 0.95, 0.75],
};

/** Activity of a profile at an instant, in [0, 1]; 1 at a weekday's peak hour. */
export function activityFactor(profile: RhythmProfile, timeMs: number): number {
  const localMs = timeMs + VIETNAM_UTC_OFFSET_MS;
  const dayIndex = Math.floor(localMs / DAY_MS);
  const hour = (localMs - dayIndex * DAY_MS) / HOUR_MS;
  // 1970-01-01 was a Thursday (index 4 with Sunday = 0).
  const weekday = (((dayIndex + 4) % 7) + 7) % 7;
  return interpolate(DAILY_CURVES[profile], hour) * (WEEKLY_FACTORS[profile][weekday] ?? 0);
}

function interpolate(curve: DailyCurve, hour: number): number {
  for (let i = 1; i < curve.length; i += 1) {
    const right = curve[i];
    const left = curve[i - 1];
    if (right === undefined || left === undefined) break;
    if (hour <= right[0]) {
      const span = right[0] - left[0];
      return left[1] + ((right[1] - left[1]) * (hour - left[0])) / span;
    }
  }
  return curve[curve.length - 1]?.[1] ?? 0;
}
