/**
 * What the evaluator says about a connection.
 * - `healthy`: traffic flows within the thresholds (or too little to judge, but succeeding).
 * - `degraded`: success ratio under target, or p95 latency over the limit.
 * - `down`: no success for the silence limit while traffic is expected, or success ratio
 *   under the floor.
 * - `idle`: no traffic, and none is expected at this time (a province at night).
 * - `unknown`: the answer hinges on whether traffic is expected, and there is not enough
 *   history to say.
 */
export type ConnectionState = 'healthy' | 'degraded' | 'down' | 'idle' | 'unknown';

export const CONNECTION_STATES: readonly ConnectionState[] = [
  'healthy',
  'degraded',
  'down',
  'idle',
  'unknown',
];

/**
 * Severity used by the hysteresis: a higher rank is worse. `idle` ranks with `healthy`
 * (a quiet connection is not a problem), so moving between them is a lateral change.
 * `unknown` ranks lowest: it asserts no problem, so leaving it is never a recovery to wait for
 * (see advanceTracker).
 */
export function severity(state: ConnectionState): number {
  switch (state) {
    case 'unknown':
      return 0;
    case 'idle':
    case 'healthy':
      return 1;
    case 'degraded':
      return 2;
    case 'down':
      return 3;
  }
}
