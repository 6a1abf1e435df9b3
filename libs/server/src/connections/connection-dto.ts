import type { ConnectionState } from '@datashare/health';
import type { HealthEvent } from '@datashare/storage';
import type { JudgedConnection } from './connection-figures-reader';

/** One connection as GET /api/v1/connections shows it (docs/api.md). */
export interface ConnectionDto {
  platform: string;
  consumer: string;
  provider: string;
  state: ConnectionState;
  /** When the current state was entered; null while unknown. */
  since: string | null;
  reason: string | null;
  window: {
    from: string;
    to: string;
    transactions: number;
    failures: number;
    successRatio: number | null;
    p95LatencyMs: number | null;
    lastSeen: string | null;
    lastSuccess: string | null;
  };
}

export interface HealthEventDto {
  at: string;
  platform: string;
  consumer: string;
  provider: string;
  state: ConnectionState;
  previousState: ConnectionState;
  rule: string;
  reason: string;
  figures: unknown;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toConnectionDto(
  judged: JudgedConnection,
  latest: HealthEvent | undefined,
  windowToMs: number,
): ConnectionDto {
  const { figures } = judged;
  return {
    ...judged.connection,
    state: latest?.state ?? 'unknown',
    since: iso(latest?.atMs ?? null),
    reason: latest?.reason ?? null,
    window: {
      from: new Date(windowToMs - figures.windowMs).toISOString(),
      to: new Date(windowToMs).toISOString(),
      transactions: figures.transactions,
      failures: figures.failures,
      successRatio:
        figures.transactions === 0
          ? null
          : (figures.transactions - figures.failures) / figures.transactions,
      p95LatencyMs: figures.p95LatencyMs,
      lastSeen: iso(figures.lastSeenMs),
      lastSuccess: iso(figures.lastSuccessMs),
    },
  };
}

export function toHealthEventDto(event: HealthEvent): HealthEventDto {
  return {
    at: new Date(event.atMs).toISOString(),
    platform: event.platform,
    consumer: event.consumer,
    provider: event.provider,
    state: event.state,
    previousState: event.previousState,
    rule: event.rule,
    reason: event.reason,
    figures: event.figures,
  };
}
