/**
 * Traffic growth for backfills. Growth compounds smoothly: the rate at time t is multiplied by
 * (1 + yearlyRatio) ^ ((t - referenceMs) / one year), so any 12-month window carries
 * (1 + yearlyRatio) times the traffic of the 12 months before it (weekday mix aside).
 */
export interface Growth {
  /** 0.67 means +67 % a year; 0 means flat. Must be > -1. */
  yearlyRatio: number;
  /** Where the factor is 1: the start of a backfill, or the start of a live run. */
  referenceMs: number;
}

/** The mean Gregorian year, so that compounding does not drift across leap years. */
export const YEAR_MS = 365.2425 * 24 * 3_600_000;

export const NO_GROWTH: Growth = { yearlyRatio: 0, referenceMs: 0 };

export function growthFactor(growth: Growth, timeMs: number): number {
  if (growth.yearlyRatio === 0) return 1;
  return Math.pow(1 + growth.yearlyRatio, (timeMs - growth.referenceMs) / YEAR_MS);
}
