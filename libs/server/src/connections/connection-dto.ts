import type { ConnectionDto, HealthEventDto, HealthFiguresDto } from '@datashare/api-types';
import type { HealthEvent } from '@datashare/storage';
import type { JudgedConnection } from './connection-figures-reader';

export type { ConnectionDto, HealthEventDto } from '@datashare/api-types';

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
    // The evaluator's HealthFigures as it stored them (JSON): a superset of what the DTO names.
    figures: event.figures as HealthFiguresDto,
  };
}
