import { useCallback, useEffect, useState } from 'preact/hooks';
import { getJson, messageOf } from '../api/client';
import type { ConnectionList } from '../api/wire';

export const REFRESH_MS = 5000;

export interface LiveConnections {
  list: ConnectionList | null;
  updatedAtMs: number | null;
  /** Why the last refresh failed; null when it worked. */
  error: string | null;
  refreshNow: () => void;
}

/**
 * The connection list, read again every REFRESH_MS while not paused; the page is never reloaded.
 * A refresh starts only after the previous one ended, so a slow answer never piles requests up.
 */
export function useLiveConnections(paused: boolean, enabled: boolean): LiveConnections {
  const [list, setList] = useState<ConnectionList | null>(null);
  const [updatedAtMs, setUpdatedAtMs] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  const refreshNow = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    getJson<ConnectionList>('/api/v1/connections').then(
      (answer) => {
        if (cancelled) return;
        setList(answer);
        setUpdatedAtMs(Date.now());
        setError(null);
      },
      (failure: unknown) => {
        if (!cancelled) setError(messageOf(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [tick, enabled]);

  useEffect(() => {
    if (paused || !enabled) return;
    const timer = setTimeout(refreshNow, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [updatedAtMs, error, paused, enabled, refreshNow]);

  return { list, updatedAtMs, error, refreshNow };
}
