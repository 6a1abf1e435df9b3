/**
 * Transactions in the evaluation window at the same time of day on earlier days: what the
 * evaluator's SQL reads from the minute rollups to decide whether traffic is expected now.
 *
 * A sample is `null` when its window began before the connection's first rollup (the
 * connection did not exist yet, or the data does not reach back that far). That keeps "no
 * history" apart from "a quiet zero", so a young connection is `unknown`, not `idle`.
 */
export interface BaselineFigures {
  /** Transactions in [now − 7 d − window, now − 7 d). */
  sameWindowLastWeek: number | null;
  /**
   * Transactions in [now − d days − window, now − d days) for d = 1, 2, …, N (index 0 is
   * yesterday). N = 7 is recommended; day 7 then repeats `sameWindowLastWeek`, which is
   * harmless because the two are combined by `min`, not pooled (see expected-traffic.ts).
   */
  sameWindowTrailingDays: readonly (number | null)[];
}

/**
 * What the evaluator's SQL supplies for one connection at one evaluation, over the window
 * [now − windowMs, now). All times are epoch milliseconds.
 */
export interface WindowFigures {
  /** Length of the evaluation window (the resolved `windowMs` threshold). */
  windowMs: number;
  /** Transactions in the window, of any outcome. */
  transactions: number;
  /** Of those, the ones with outcome `failure`. */
  failures: number;
  /** p95 of `latencyMs` over the window's transactions that reported one; null if none did. */
  p95LatencyMs: number | null;
  /**
   * Latest transaction of any outcome, looking back at least `silenceMs` (further is fine);
   * null when there is none in the look-back.
   */
  lastSeenMs: number | null;
  /** Latest successful transaction, same look-back rule as `lastSeenMs`. */
  lastSuccessMs: number | null;
  baseline: BaselineFigures;
}
