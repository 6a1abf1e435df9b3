import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getJson, messageOf } from '../api/client';
import type { Connection, ConnectionList } from '../api/wire';
import { connectionId } from '../board/board-model';

export const REFRESH_MS = 5000;
/** One hour of samples at the refresh rate. */
const MAX_SAMPLES = 720;

/** A connection's live window figures as one refresh saw them. */
export interface Sample {
  atMs: number;
  transactions: number;
  failures: number;
  p95LatencyMs: number | null;
}

export interface LiveConnections {
  list: ConnectionList | null;
  updatedAtMs: number | null;
  /** Why the last refresh failed; null when it worked. */
  error: string | null;
  /** Window figures of each connection at each refresh since the page opened. */
  samples: ReadonlyMap<string, Sample[]>;
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
  const samples = useRef(new Map<string, Sample[]>());
  const [tick, setTick] = useState(0);

  const refreshNow = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    getJson<ConnectionList>('/api/v1/connections').then(
      (answer) => {
        if (cancelled) return;
        record(samples.current, answer);
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

  return { list, updatedAtMs, error, samples: samples.current, refreshNow };
}

function record(samples: Map<string, Sample[]>, answer: ConnectionList): void {
  const atMs = Date.parse(answer.at);
  for (const c of answer.connections) add(samples, connectionId(c), atMs, c);
}

function add(samples: Map<string, Sample[]>, id: string, atMs: number, c: Connection): void {
  const sample: Sample = {
    atMs,
    transactions: c.window.transactions,
    failures: c.window.failures,
    p95LatencyMs: c.window.p95LatencyMs,
  };
  // A new array each time, so that a chart drawn from the old one sees the change.
  samples.set(id, [...(samples.get(id) ?? []), sample].slice(-MAX_SAMPLES));
}
