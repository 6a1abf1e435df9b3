// Number formatting for reasons. A fixed locale, so the same figures always give the same text.
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const UP_TO_ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 4210 → "4,210"; 0.4 → "0.4" (fractions appear in medians). */
export function formatCount(value: number): string {
  return Math.abs(value) >= 10 ? WHOLE.format(value) : UP_TO_ONE_DECIMAL.format(value);
}

/**
 * Success ratio from counts, one decimal, rounded down: 95.0 % is never shown for a ratio
 * that is under a 95 % target. Integer arithmetic keeps 41/100 from printing as 40.9 %.
 */
export function formatSuccessPercent(successes: number, transactions: number): string {
  const tenths = Math.floor((successes * 1000) / transactions);
  return `${(tenths / 10).toFixed(1)}%`;
}

/** A threshold ratio: 0.95 → "95%", 0.975 → "97.5%". */
export function formatRatioLimit(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}%`;
}

/** Elapsed time, rounded down: "45 s", "12 min", "2 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function formatMs(ms: number): string {
  return `${WHOLE.format(ms)} ms`;
}
