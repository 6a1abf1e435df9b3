export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
}

/** Exponential backoff with full jitter; `random` is injected so the function stays pure. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 30));
  return Math.max(policy.initialMs, Math.round(ceiling * random));
}

export interface RetryHooks {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Called before each wait; `attempt` counts from 1. */
  onFailure: (error: unknown, attempt: number, delayMs: number) => void;
  /** Stops retrying (shutdown): the last error is thrown. */
  shouldStop: () => boolean;
  /**
   * Errors that a retry cannot fix soon (a schema mismatch, say) wait the longest delay at once:
   * nothing may be dropped, so they are still retried, until an operator fixes the cause.
   */
  isPermanent?: (error: unknown) => boolean;
}

/** Runs `operation` until it succeeds: a write that carries its dedup token is safe to repeat. */
export async function retryUntilDone<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (hooks.shouldStop()) throw error;
      const delayMs = hooks.isPermanent?.(error)
        ? policy.maxMs
        : backoffDelayMs(attempt - 1, policy, hooks.random());
      hooks.onFailure(error, attempt, delayMs);
      await hooks.sleep(delayMs);
    }
  }
}
