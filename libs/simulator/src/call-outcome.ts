import type { Outcome } from '@datashare/contract';
import type { ServiceSpec } from './catalogue';
import type { Incident } from './incidents';
import { intBetween, logNormal, pickCumulative, type Rng } from './random';
import type { Connection } from './traffic-model';

/** What the platform observed of one call. */
export interface CallOutcome {
  outcome: Outcome;
  errorCode?: string;
  latencyMs: number;
  requestBytes: number;
  responseBytes: number;
}

/** The platform gives up on a provider after 30 s and records a TIMEOUT. */
export const PLATFORM_TIMEOUT_MS = 30_000;
const MAX_LATENCY_MS = 3_600_000;
const LATENCY_SIGMA = 0.55;

const BASELINE_ERRORS = ['TIMEOUT', 'UPSTREAM_5XX', 'NOT_FOUND', 'AUTH_DENIED'] as const;
const BASELINE_ERROR_CUMULATIVE = [0.25, 0.55, 0.9, 1];
const INCIDENT_ERRORS = ['UPSTREAM_5XX', 'TIMEOUT'] as const;
const INCIDENT_ERROR_CUMULATIVE = [0.7, 1];

/**
 * Draws one call's outcome on a connection, given the incidents active on it at that instant.
 * An outage fails fast (the gateway cannot reach the provider); a failures incident adds its
 * ratio of server errors on top of the baseline; a slowdown stretches latency, and calls that
 * then exceed the platform timeout fail with TIMEOUT.
 */
export function sampleCallOutcome(
  rng: Rng,
  connection: Connection,
  service: ServiceSpec,
  incidents: readonly Incident[],
): CallOutcome {
  const requestBytes = Math.round(logNormal(rng, 450, 0.3));
  let latencyFactor = 1;
  let incidentFailureRatio = 0;
  for (const incident of incidents) {
    switch (incident.kind) {
      case 'outage':
        return failure('UPSTREAM_UNAVAILABLE', intBetween(rng, 1, 40), requestBytes, rng);
      case 'failures':
        incidentFailureRatio = Math.max(incidentFailureRatio, incident.failureRatio);
        break;
      case 'slowdown':
        latencyFactor *= incident.latencyFactor;
        break;
    }
  }
  const latency = logNormal(rng, connection.latencyMedianMs, LATENCY_SIGMA) * latencyFactor;
  if (latency >= PLATFORM_TIMEOUT_MS) {
    return failure('TIMEOUT', PLATFORM_TIMEOUT_MS, requestBytes, rng);
  }
  if (incidentFailureRatio > 0 && rng() < incidentFailureRatio) {
    const code = INCIDENT_ERRORS[pickCumulative(rng, INCIDENT_ERROR_CUMULATIVE)] ?? 'UPSTREAM_5XX';
    return failure(code, code === 'TIMEOUT' ? PLATFORM_TIMEOUT_MS : latency, requestBytes, rng);
  }
  if (rng() < connection.baseFailureRatio) {
    const code = BASELINE_ERRORS[pickCumulative(rng, BASELINE_ERROR_CUMULATIVE)] ?? 'UPSTREAM_5XX';
    switch (code) {
      case 'TIMEOUT':
        return failure(code, PLATFORM_TIMEOUT_MS, requestBytes, rng);
      case 'AUTH_DENIED':
        return failure(code, intBetween(rng, 3, 30), requestBytes, rng);
      case 'UPSTREAM_5XX':
      case 'NOT_FOUND':
        return failure(code, latency, requestBytes, rng);
    }
  }
  return {
    outcome: 'success',
    latencyMs: toLatencyMs(latency),
    requestBytes,
    responseBytes: Math.round(logNormal(rng, service.responseBytesMedian, 0.35)),
  };
}

function failure(errorCode: string, latency: number, requestBytes: number, rng: Rng): CallOutcome {
  return {
    outcome: 'failure',
    errorCode,
    latencyMs: toLatencyMs(latency),
    requestBytes,
    responseBytes: intBetween(rng, 90, 260),
  };
}

function toLatencyMs(latency: number): number {
  return Math.min(MAX_LATENCY_MS, Math.max(1, Math.round(latency)));
}
