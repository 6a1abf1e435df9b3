import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { waitFor } from './wait-for';

/**
 * Grafana's variables in PromQL, replaced by literals so that Prometheus can parse the query:
 * the interval variables by durations, the dashboard's variables by the values given.
 * `${name:format}` takes the value as it is (the values used are plain codes). A variable with
 * no value given is an error, so that a query using an undefined variable fails.
 */
export function substitutePromVariables(expr: string, values: Record<string, string>): string {
  const builtins: Record<string, string> = {
    __rate_interval: '1m',
    __interval: '1m',
    __range: '1h',
    __interval_ms: '60000',
    __range_s: '3600',
    __range_ms: '3600000',
  };
  return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    const value = builtins[name] ?? values[name];
    if (value === undefined) throw new Error(`no value for the variable ${whole} in: ${expr}`);
    return value;
  });
}

/** PromQL words that look like metric names: keywords, set operators, modifiers. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
  'atan2',
]);

/** The expression with string literals, label matchers, ranges and grouping label lists blanked. */
function skeleton(expr: string): string {
  return expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '$1 ()');
}

/**
 * The metric names a PromQL expression reads: the identifiers that are not functions or
 * aggregations (followed by `(`, or by `by`/`without`), keywords, labels (in matchers and
 * grouping lists, blanked first) or parts of numbers and durations.
 */
export function promqlMetricNames(expr: string): string[] {
  const names = new Set<string>();
  const s = skeleton(expr);
  for (const match of s.matchAll(/(?<![\w:.])[a-zA-Z_:][\w:]*/g)) {
    const name = match[0];
    const after = s.slice(match.index + name.length);
    // A function call or an aggregation (`sum(`, `sum by (…) (`, `max without (…) (`).
    if (/^\s*\(/.test(after) || /^\s+(by|without)\b/.test(after)) continue;
    if (KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}

/** The label names each selector of the expression matches on: [metric, label] pairs. */
export function promqlMatchers(expr: string): { metric: string; label: string }[] {
  const found: { metric: string; label: string }[] = [];
  const noStrings = (s: string) => s.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const selector of expr.matchAll(
    /(?<![\w:.])([a-zA-Z_:][\w:]*)\s*\{((?:[^}"]|"(?:[^"\\]|\\.)*")*)\}/g,
  )) {
    const [, metric = '', body = ''] = selector;
    for (const matcher of noStrings(body).matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)) {
      found.push({ metric, label: matcher[1] ?? '' });
    }
  }
  return found;
}

/** The label names of the `by (…)` / `without (…)` / `on (…)` / `ignoring (…)` clauses. */
export function promqlGroupingLabels(expr: string): string[] {
  const labels = new Set<string>();
  const noStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  for (const clause of noStrings.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)) {
    for (const label of (clause[1] ?? '').split(',')) {
      if (label.trim() !== '') labels.add(label.trim());
    }
  }
  return [...labels];
}

/**
 * The metric names of a Prometheus text exposition (from its `# TYPE` lines, with the series a
 * histogram or summary exports under its name), and the label names seen on each.
 */
export function exportedMetrics(exposition: string): Map<string, Set<string>> {
  const metrics = new Map<string, Set<string>>();
  for (const [, name = '', type = ''] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const names =
      type === 'histogram'
        ? [`${name}_bucket`, `${name}_sum`, `${name}_count`]
        : type === 'summary'
          ? [name, `${name}_sum`, `${name}_count`]
          : [name];
    for (const n of names) metrics.set(n, new Set());
  }
  for (const [, name = '', labels = ''] of exposition.matchAll(
    /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? \S+/gm,
  )) {
    const seen = metrics.get(name);
    if (seen === undefined) continue;
    for (const [, label = ''] of labels.matchAll(/([a-zA-Z_]\w*)="(?:[^"\\]|\\.)*"/g))
      seen.add(label);
  }
  return metrics;
}

export interface PrometheusProcess {
  url: string;
  /** Prometheus' own formatting of the expression; throws with its parse error. */
  formatQuery(expr: string): Promise<string>;
  stop(): Promise<void>;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A Prometheus server on a free loopback port with an empty configuration (no scrape targets)
 * and a temporary storage directory, for its query API: GET /api/v1/format_query (2.38+) parses.
 */
export async function startPrometheus(binary = 'prometheus'): Promise<PrometheusProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'datashare-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1m\n');
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'Prometheus to be ready',
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited:\n${output}`);
        try {
          return (await fetch(`${url}/-/ready`)).ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    async formatQuery(expr: string): Promise<string> {
      const response = await fetch(`${url}/api/v1/format_query?query=${encodeURIComponent(expr)}`);
      const body = (await response.json()) as { status: string; data?: string; error?: string };
      if (body.status !== 'success' || body.data === undefined) {
        throw new Error(`${body.error ?? response.statusText}\nin: ${expr}`);
      }
      return body.data;
    },
    stop,
  };
}
