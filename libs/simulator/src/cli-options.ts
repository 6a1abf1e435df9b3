import { parseArgs } from 'node:util';
import { DEFAULT_CATALOGUE } from './catalogue';
import { parseIncidentSpec } from './incident-spec';
import type { Incident } from './incidents';
import { overlaps } from './incidents';
import { parseInstant } from './instant';
import { buildConnections, DEFAULT_PEAK_EVENTS_PER_SECOND } from './traffic-model';

export type SinkTarget =
  | { kind: 'kafka'; brokers: string[]; topic: string }
  /** apiKey: a key with the `ingest` role, sent as a bearer token (null: none). */
  | { kind: 'http'; url: string; apiKey: string | null };

interface CommonOptions {
  /** Yearly growth ratio: 0.67 means +67 % a year. */
  growth: number;
  seed: number;
  target: SinkTarget;
  incidents: Incident[];
}

export interface LiveOptions extends CommonOptions {
  mode: 'live';
  peakEventsPerSecond: number;
}

export interface BackfillOptions extends CommonOptions {
  mode: 'backfill';
  fromMs: number;
  toMs: number;
  /** Mean events per second of simulated time over a week, at the start of the range. */
  meanEventsPerSecond: number;
}

export type SimulatorOptions = LiveOptions | BackfillOptions;
export type CliCommand = { help: true } | { help: false; options: SimulatorOptions };

/** A bad command line; the message names the flag. The CLI exits with code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export const DEFAULT_TOPIC = 'datasharing.transactions.v1';
/** About 3 million events for a flat 2-year backfill (5 million with +67 % a year), duplicates by party included. */
export const DEFAULT_BACKFILL_SCALE = 0.04;
export const DEFAULT_BACKFILL_SEED = 1;

export const USAGE = `Usage: npm run simulate -- [options]

Simulates national data-sharing traffic and sends it to the monitor.

  --mode live|backfill   live: send traffic as it happens (default); backfill: generate a past range
  --from <date>          backfill start, e.g. 2023-01-01 or 2023-01-01T00:00:00Z (dates are UTC)
  --to <date>            backfill end, exclusive; not in the future
  --growth <ratio>       yearly traffic growth, 0.67 = +67 % a year, compounding smoothly (default 0;
                         write a decline as --growth=-0.1)
  --rate <n>             live: national events/s at a weekday's peak hour (default ${DEFAULT_PEAK_EVENTS_PER_SECOND})
  --scale <n>            backfill: mean events per second of simulated time at --from (default ${DEFAULT_BACKFILL_SCALE})
  --target kafka|http    where to send (default: kafka if KAFKA_BROKERS is set, else http)
  --brokers <list>       Kafka brokers, comma-separated (default: $KAFKA_BROKERS)
  --topic <name>         Kafka topic (default: $KAFKA_TOPIC or ${DEFAULT_TOPIC})
  --url <url>            monitor base URL for http (default: http://127.0.0.1:$PORT, PORT 3000)
  --api-key <key>        http: an API key with the ingest role (default: $SIMULATOR_API_KEY;
                         prefer the variable: a flag shows in the process list)
  --incident <spec>      repeatable; kind:key=value,... with kind outage|failures|slowdown, keys
                         platform, consumer, provider, service, from, to, ratio (failures, default
                         0.3), factor (slowdown, default 5). Live incidents start now and last 10
                         minutes unless from/to say otherwise; backfill incidents need from.
                         e.g. outage:consumer=PROV-HNI.PORTAL,provider=MPS.NPD
  --seed <n>             RNG seed, 0..4294967295 (default: 1 for backfill, from the clock for live)
  --help                 print this help

Examples:
  npm run simulate
  npm run simulate -- --incident failures:provider=VSS.INSURANCE,ratio=0.4
  npm run simulate -- --mode backfill --from 2023-01-01 --to 2025-01-01 --growth 0.67
`;

/** Parses the simulator's arguments. Pure: environment and clock come in as arguments. */
export function parseCliArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  nowMs: number,
): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        mode: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        growth: { type: 'string' },
        rate: { type: 'string' },
        scale: { type: 'string' },
        target: { type: 'string' },
        brokers: { type: 'string' },
        topic: { type: 'string' },
        url: { type: 'string' },
        'api-key': { type: 'string' },
        incident: { type: 'string', multiple: true },
        seed: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help === true) return { help: true };

  const mode = values.mode ?? 'live';
  if (mode !== 'live' && mode !== 'backfill')
    usage('--mode', `expected live or backfill, got '${mode}'`);
  const growth = parseNumberFlag('--growth', values.growth, 0);
  if (!(growth > -1)) usage('--growth', 'must be greater than -1 (0.67 means +67 % a year)');
  const seedDefault = mode === 'backfill' ? DEFAULT_BACKFILL_SEED : nowMs >>> 0;
  const seed = parseNumberFlag('--seed', values.seed, seedDefault);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    usage('--seed', 'must be an integer from 0 to 4294967295');
  }
  const target = parseTarget(values, env);
  const connections = buildConnections(DEFAULT_CATALOGUE);

  if (mode === 'live') {
    for (const flag of ['from', 'to', 'scale'] as const) {
      if (values[flag] !== undefined) usage(`--${flag}`, 'only applies to --mode backfill');
    }
    const peakEventsPerSecond = positive('--rate', values.rate, DEFAULT_PEAK_EVENTS_PER_SECOND);
    const incidents = parseIncidents(values.incident, connections, nowMs);
    return { help: false, options: { mode, peakEventsPerSecond, growth, seed, target, incidents } };
  }

  if (values.rate !== undefined) usage('--rate', 'only applies to live mode; use --scale');
  const fromMs = requiredInstant('--from', values.from);
  const toMs = requiredInstant('--to', values.to);
  if (toMs <= fromMs) usage('--to', 'must be after --from');
  if (toMs > nowMs) usage('--to', 'must not be in the future: the monitor rejects future events');
  const meanEventsPerSecond = positive('--scale', values.scale, DEFAULT_BACKFILL_SCALE);
  const incidents = parseIncidents(values.incident, connections, undefined);
  for (const incident of incidents) {
    if (!overlaps(incident, fromMs, toMs))
      usage('--incident', 'an incident lies outside --from..--to');
  }
  return {
    help: false,
    options: { mode, fromMs, toMs, meanEventsPerSecond, growth, seed, target, incidents },
  };
}

function usage(flag: string, detail: string): never {
  throw new CliUsageError(`${flag}: ${detail}`);
}

function parseTarget(
  values: { target?: string; brokers?: string; topic?: string; url?: string; 'api-key'?: string },
  env: Readonly<Record<string, string | undefined>>,
): SinkTarget {
  const envBrokers = env.KAFKA_BROKERS?.trim() ?? '';
  const kind = values.target ?? (envBrokers !== '' ? 'kafka' : 'http');
  switch (kind) {
    case 'kafka': {
      const brokers = (values.brokers ?? envBrokers)
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker !== '');
      if (brokers.length === 0)
        usage('--brokers', 'required for --target kafka (or set KAFKA_BROKERS)');
      const topic = values.topic ?? (env.KAFKA_TOPIC?.trim() || DEFAULT_TOPIC);
      if (!/^[A-Za-z0-9._-]{1,249}$/.test(topic))
        usage('--topic', `'${topic}' is not a valid topic name`);
      return { kind: 'kafka', brokers, topic };
    }
    case 'http': {
      const port = env.PORT?.trim() || '3000';
      const url = values.url ?? `http://127.0.0.1:${port}`;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return usage('--url', `'${url}' is not a URL`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        usage('--url', `'${url}' must be http or https`);
      }
      const apiKey = values['api-key'] ?? (env.SIMULATOR_API_KEY?.trim() || null);
      if (apiKey !== null && !/^[A-Za-z0-9\-._~+/]+=*$/.test(apiKey)) {
        usage('--api-key', 'is not a bearer token (letters, digits and -._~+/ only)');
      }
      return { kind: 'http', url, apiKey };
    }
    default:
      return usage('--target', `expected kafka or http, got '${kind}'`);
  }
}

function parseIncidents(
  specs: readonly string[] | undefined,
  connections: ReturnType<typeof buildConnections>,
  defaultFromMs: number | undefined,
): Incident[] {
  return (specs ?? []).map((spec) => {
    try {
      return parseIncidentSpec(
        spec,
        connections,
        defaultFromMs === undefined ? {} : { fromMs: defaultFromMs },
      );
    } catch (error) {
      return usage('--incident', (error as Error).message);
    }
  });
}

function parseNumberFlag(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) usage(flag, `'${text}' is not a number`);
  return value;
}

function positive(flag: string, text: string | undefined, fallback: number): number {
  const value = parseNumberFlag(flag, text, fallback);
  if (!(value > 0)) usage(flag, 'must be a positive number');
  return value;
}

function requiredInstant(flag: string, text: string | undefined): number {
  if (text === undefined) return usage(flag, 'required with --mode backfill');
  const ms = parseInstant(text);
  return ms ?? usage(flag, `'${text}' is not a date (2023-01-01) or a date-time with a zone`);
}
