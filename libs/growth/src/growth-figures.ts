import type { InstantRange } from './growth-types';

/** The figures of one comparison. */
export interface GrowthFigures {
  current: number;
  previous: number;
  /** current − previous */
  change: number;
  /** (current − previous) / previous × 100, unrounded; null when previous is 0. */
  growthPercent: number | null;
}

/**
 * Growth of a count over the previous one, in percent, not rounded (rounding is the reader's
 * choice). There is no growth rate from nothing, so a previous count of 0 gives null rather
 * than Infinity or NaN. Counts are never negative; a negative one is a caller's error.
 */
export function growthPercent(current: number, previous: number): number | null {
  assertCount(current, 'current');
  assertCount(previous, 'previous');
  if (previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

export function growthFigures(current: number, previous: number): GrowthFigures {
  return {
    current,
    previous,
    change: current - previous,
    growthPercent: growthPercent(current, previous),
  };
}

/**
 * True when events of the range may still arrive: producers may report an event up to
 * lateWindowMs after it happened, so a range that reaches into [now − lateWindowMs, ∞) can
 * still grow and its figures are provisional.
 */
export function isProvisional(range: InstantRange, nowMs: number, lateWindowMs: number): boolean {
  return range.fromMs < range.toMs && range.toMs > nowMs - lateWindowMs;
}

function assertCount(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a count (finite, not negative): ${value}`);
  }
}
