/**
 * Incidents degrade the calls of the matching connections during [fromMs, toMs). They change
 * outcomes and latencies, never the arrival rate: callers keep calling a broken provider.
 */
export type Incident =
  | (IncidentWindow & { kind: 'outage' })
  | (IncidentWindow & { kind: 'failures'; failureRatio: number })
  | (IncidentWindow & { kind: 'slowdown'; latencyFactor: number });

export type IncidentKind = Incident['kind'];

export interface IncidentWindow {
  selector: ConnectionSelector;
  fromMs: number;
  toMs: number;
}

/** Absent fields match anything. */
export interface ConnectionSelector {
  platform?: string;
  consumer?: string;
  provider?: string;
  service?: string;
}

export interface CallIdentity {
  platform: string;
  consumer: string;
  provider: string;
  service: string;
}

export function selectorMatches(selector: ConnectionSelector, call: CallIdentity): boolean {
  return (
    (selector.platform === undefined || selector.platform === call.platform) &&
    (selector.consumer === undefined || selector.consumer === call.consumer) &&
    (selector.provider === undefined || selector.provider === call.provider) &&
    (selector.service === undefined || selector.service === call.service)
  );
}

export function overlaps(incident: Incident, fromMs: number, toMs: number): boolean {
  return incident.fromMs < toMs && fromMs < incident.toMs;
}

export function isActiveAt(incident: Incident, timeMs: number): boolean {
  return incident.fromMs <= timeMs && timeMs < incident.toMs;
}
