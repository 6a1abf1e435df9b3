import type { ConnectionState } from './api/wire';

/** Severity order of the API: down > degraded > healthy = idle > unknown. */
export const SEVERITY: Record<ConnectionState, number> = {
  down: 4,
  degraded: 3,
  healthy: 2,
  idle: 2,
  unknown: 1,
};

export const STATES: ConnectionState[] = ['down', 'degraded', 'healthy', 'idle', 'unknown'];

/** Each state has a symbol and a word as well as a colour, so that it reads without colour. */
export const STATE_SYMBOL: Record<ConnectionState, string> = {
  down: '✖',
  degraded: '▲',
  healthy: '✔',
  idle: '☾',
  unknown: '?',
};

export const STATE_MEANING: Record<ConnectionState, string> = {
  down: 'no success while traffic is expected, or success ratio under the floor',
  degraded: 'success ratio under the target, or p95 latency over the limit',
  healthy: 'traffic within the thresholds',
  idle: 'no traffic, and none expected now',
  unknown: 'not enough history to judge yet',
};
