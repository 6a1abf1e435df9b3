import type { Connection, ConnectionKey, ConnectionState } from '../api/wire';
import { SEVERITY, STATES } from '../state';

export type SortKey = 'worst' | 'transactions' | 'successRatio' | 'latency' | 'lastSeen' | 'name';

export const SORTS: { key: SortKey; label: string }[] = [
  { key: 'worst', label: 'Worst first' },
  { key: 'transactions', label: 'Most transactions' },
  { key: 'successRatio', label: 'Lowest success ratio' },
  { key: 'latency', label: 'Highest p95 latency' },
  { key: 'lastSeen', label: 'Longest silent' },
  { key: 'name', label: 'Name' },
];

export interface BoardFilter {
  platform: string;
  agency: string;
  state: ConnectionState | '';
}

export const NO_FILTER: BoardFilter = { platform: '', agency: '', state: '' };

/** The agency of a system code is its first dot segment: MPS.NPD belongs to MPS. */
export function agencyOf(code: string): string {
  return code.split('.')[0] ?? code;
}

/** The API's agency match: whole dot segments, so MPS covers MPS.NPD and MP covers nothing. */
export function belongsTo(code: string, agency: string): boolean {
  return code === agency || code.startsWith(`${agency}.`);
}

export function connectionId(c: ConnectionKey): string {
  return `${c.platform} ${c.consumer} → ${c.provider}`;
}

export function applyFilter(connections: Connection[], filter: BoardFilter): Connection[] {
  return connections.filter(
    (c) =>
      (filter.platform === '' || c.platform === filter.platform) &&
      (filter.state === '' || c.state === filter.state) &&
      (filter.agency === '' ||
        belongsTo(c.consumer, filter.agency) ||
        belongsTo(c.provider, filter.agency)),
  );
}

const byName = (a: Connection, b: Connection) =>
  connectionId(a).localeCompare(connectionId(b), 'en');

/** Nulls (no traffic, no latency reported) sort after every figure. */
function nullsLast(a: number | null, b: number | null, order: 1 | -1): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return (a - b) * order;
}

const COMPARATORS: Record<SortKey, (a: Connection, b: Connection) => number> = {
  // Worst state first; within a state the lowest success ratio, so the worst of the worst leads.
  worst: (a, b) =>
    SEVERITY[b.state] - SEVERITY[a.state] ||
    nullsLast(a.window.successRatio, b.window.successRatio, 1) ||
    byName(a, b),
  transactions: (a, b) => b.window.transactions - a.window.transactions || byName(a, b),
  successRatio: (a, b) =>
    nullsLast(a.window.successRatio, b.window.successRatio, 1) || byName(a, b),
  latency: (a, b) => nullsLast(a.window.p95LatencyMs, b.window.p95LatencyMs, -1) || byName(a, b),
  lastSeen: (a, b) =>
    nullsLast(seenMs(a.window.lastSeen), seenMs(b.window.lastSeen), 1) || byName(a, b),
  name: byName,
};

function seenMs(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

export function sortConnections(connections: Connection[], key: SortKey): Connection[] {
  return [...connections].sort(COMPARATORS[key]);
}

export function countByState(connections: Connection[]): Record<ConnectionState, number> {
  const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<ConnectionState, number>;
  for (const c of connections) counts[c.state] += 1;
  return counts;
}

/** The choices of the filters, from the connections the API listed. */
export function filterChoices(connections: Connection[]): {
  platforms: string[];
  agencies: string[];
} {
  const platforms = new Set<string>();
  const agencies = new Set<string>();
  for (const c of connections) {
    platforms.add(c.platform);
    agencies.add(agencyOf(c.consumer));
    agencies.add(agencyOf(c.provider));
  }
  return { platforms: [...platforms].sort(), agencies: [...agencies].sort() };
}
