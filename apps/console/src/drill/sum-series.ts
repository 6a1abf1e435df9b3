import type { Series } from '../api/wire';

/**
 * Adds up series over the same range and interval (one per system of an agency), bucket by bucket.
 * The growth API filters by system, not by agency, so an agency's volume is the sum of its systems'.
 */
export function sumSeries(all: Series[]): Series | null {
  const [first, ...rest] = all;
  if (first === undefined) return null;
  const buckets = first.buckets.map((bucket, i) => {
    const transactions =
      bucket.transactions + rest.reduce((n, s) => n + (s.buckets[i]?.transactions ?? 0), 0);
    const previous =
      bucket.previous.transactions +
      rest.reduce((n, s) => n + (s.buckets[i]?.previous.transactions ?? 0), 0);
    return {
      ...bucket,
      transactions,
      previous: { ...bucket.previous, transactions: previous },
      change: transactions - previous,
      growthPercent: previous === 0 ? null : ((transactions - previous) / previous) * 100,
    };
  });
  return { ...first, buckets, provisional: all.some((s) => s.provisional) };
}
