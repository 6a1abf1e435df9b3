import type { Connection } from './traffic-model';
import type { ConnectionSelector, Incident, IncidentKind } from './incidents';
import { parseInstant } from './instant';

export class IncidentSpecError extends Error {
  constructor(spec: string, detail: string) {
    super(`incident '${spec}': ${detail}`);
    this.name = 'IncidentSpecError';
  }
}

export interface IncidentSpecDefaults {
  /** Start of incidents that give no `from`; without it, `from` is required. */
  fromMs?: number;
  /** Length of incidents that give no `to`. */
  durationMs?: number;
}

export const DEFAULT_INCIDENT_DURATION_MS = 10 * 60_000;
export const DEFAULT_FAILURE_RATIO = 0.3;
export const DEFAULT_LATENCY_FACTOR = 5;

const KINDS: readonly IncidentKind[] = ['outage', 'failures', 'slowdown'];
const SELECTOR_KEYS = ['platform', 'consumer', 'provider', 'service'] as const;
type SelectorKey = (typeof SELECTOR_KEYS)[number];
const KEYS_BY_KIND: Record<IncidentKind, readonly string[]> = {
  outage: [...SELECTOR_KEYS, 'from', 'to'],
  failures: [...SELECTOR_KEYS, 'from', 'to', 'ratio'],
  slowdown: [...SELECTOR_KEYS, 'from', 'to', 'factor'],
};

/**
 * Parses `kind:key=value,...`, e.g.
 * `outage:consumer=PROV-HNI.PORTAL,provider=MPS.NPD,from=2026-11-22T10:00:00Z,to=2026-11-22T11:00:00Z`.
 * Names are checked against the model's connections so that a typo fails loudly.
 */
export function parseIncidentSpec(
  spec: string,
  connections: readonly Connection[],
  defaults: IncidentSpecDefaults = {},
): Incident {
  const fail: (detail: string) => never = (detail) => {
    throw new IncidentSpecError(spec, detail);
  };
  const colon = spec.indexOf(':');
  const kindText = colon < 0 ? spec : spec.slice(0, colon);
  const kind = KINDS.find((k) => k === kindText);
  if (kind === undefined) fail(`unknown kind '${kindText}' (expected ${KINDS.join(', ')})`);
  const fields = parseFields(colon < 0 ? '' : spec.slice(colon + 1), fail);
  const allowed = KEYS_BY_KIND[kind];
  for (const key of fields.keys()) {
    if (!allowed.includes(key)) fail(`unknown key '${key}' (expected ${allowed.join(', ')})`);
  }

  const selector: ConnectionSelector = {};
  for (const key of SELECTOR_KEYS) {
    const value = fields.get(key);
    if (value === undefined) continue;
    const known = knownValues(connections, key);
    if (!known.has(value)) fail(`unknown ${key} '${value}'${suggest(value, known)}`);
    selector[key] = value;
  }
  if (Object.keys(selector).length === 0) {
    fail(`name at least one of ${SELECTOR_KEYS.join(', ')}`);
  }
  if (!connections.some((c) => matchesConnection(selector, c))) {
    fail('no connection matches this combination');
  }

  const fromText = fields.get('from');
  const fromMs = fromText === undefined ? defaults.fromMs : parseTime('from', fromText, fail);
  if (fromMs === undefined) return fail("'from' is required here");
  const toText = fields.get('to');
  const toMs =
    toText === undefined
      ? fromMs + (defaults.durationMs ?? DEFAULT_INCIDENT_DURATION_MS)
      : parseTime('to', toText, fail);
  if (toMs <= fromMs) fail("'to' must be after 'from'");

  const window = { selector, fromMs, toMs };
  switch (kind) {
    case 'outage':
      return { kind: 'outage', ...window };
    case 'failures': {
      const ratio = parseNumber('ratio', fields.get('ratio'), DEFAULT_FAILURE_RATIO, fail);
      if (!(ratio > 0 && ratio <= 1)) fail("'ratio' must be in (0, 1]");
      return { kind: 'failures', failureRatio: ratio, ...window };
    }
    case 'slowdown': {
      const factor = parseNumber('factor', fields.get('factor'), DEFAULT_LATENCY_FACTOR, fail);
      if (!(factor > 0)) fail("'factor' must be a positive number");
      return { kind: 'slowdown', latencyFactor: factor, ...window };
    }
  }
}

function parseFields(text: string, fail: (detail: string) => never): Map<string, string> {
  const fields = new Map<string, string>();
  if (text.trim() === '') return fields;
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) fail(`expected key=value, got '${part}'`);
    const key = part.slice(0, eq).trim();
    if (fields.has(key)) fail(`'${key}' is given twice`);
    fields.set(key, part.slice(eq + 1).trim());
  }
  return fields;
}

function parseTime(key: string, text: string, fail: (detail: string) => never): number {
  const ms = parseInstant(text);
  return ms ?? fail(`'${key}' is not a date or an RFC 3339 date-time with a zone: '${text}'`);
}

function parseNumber(
  key: string,
  text: string | undefined,
  fallback: number,
  fail: (detail: string) => never,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  return text !== '' && Number.isFinite(value)
    ? value
    : fail(`'${key}' is not a number: '${text}'`);
}

function knownValues(connections: readonly Connection[], key: SelectorKey): Set<string> {
  if (key === 'service') {
    return new Set(connections.flatMap((c) => c.services.map((s) => s.name)));
  }
  return new Set(connections.map((c) => c[key]));
}

function matchesConnection(selector: ConnectionSelector, connection: Connection): boolean {
  return (
    (selector.platform === undefined || selector.platform === connection.platform) &&
    (selector.consumer === undefined || selector.consumer === connection.consumer) &&
    (selector.provider === undefined || selector.provider === connection.provider) &&
    (selector.service === undefined || connection.services.some((s) => s.name === selector.service))
  );
}

/** The known names closest to an unknown one, to point at the likely typo. */
function suggest(value: string, known: Set<string>): string {
  const ranked = [...known]
    .map((name) => ({ name, distance: editDistance(value.toUpperCase(), name.toUpperCase()) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const close = ranked.filter((r) => r.distance <= Math.max(2, value.length / 3)).slice(0, 3);
  if (close.length > 0) return ` (did you mean ${close.map((r) => r.name).join(', ')}?)`;
  return ` (known values include ${[...known].slice(0, 5).join(', ')}, ...)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
