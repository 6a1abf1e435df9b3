import { z } from 'zod';
import { connectionLabel, sameConnection, type ConnectionKey } from './connection';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './thresholds';

/** A connection's own thresholds, the top layer. */
export interface ConnectionThresholdsOverride {
  connection: ConnectionKey;
  thresholds: Partial<HealthThresholds>;
}

/** The thresholds file, validated. Every layer is partial; resolveThresholds stacks them. */
export interface HealthThresholdsConfig {
  defaults: Partial<HealthThresholds>;
  /** Keyed by agency ("MPS") or system ("MPS.NPD") code; see resolveThresholds. */
  agencies: ReadonlyMap<string, Partial<HealthThresholds>>;
  connections: readonly ConnectionThresholdsOverride[];
}

/** No file: every connection gets DEFAULT_HEALTH_THRESHOLDS. */
export const EMPTY_HEALTH_THRESHOLDS_CONFIG: HealthThresholdsConfig = Object.freeze({
  defaults: {},
  agencies: new Map(),
  connections: [],
});

export class HealthThresholdsFileError extends Error {
  override readonly name = 'HealthThresholdsFileError';
}

const MINUTE_MS = 60_000;
/** Days of baseline the evaluator supplies (the same window 1 to 7 days earlier). */
export const BASELINE_DAYS = 7;
const DAY_MS = 24 * 60 * MINUTE_MS;
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const ratio = z.number().min(0).max(1);
// The event contract's code pattern, but starting with a letter or digit: that keeps keys such
// as "__proto__" out, which a JSON object cannot hold safely.
const CODE_MESSAGE =
  'must be a code of letters, digits, ".", "_" and "-", starting with a letter or digit';
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, CODE_MESSAGE);

// Bounds reject the typing mistakes (seconds for milliseconds, 95 for 0.95) without getting in
// the way of any sensible setting.
const thresholdFields = {
  windowMs: int(MINUTE_MS, 60 * MINUTE_MS).multipleOf(
    MINUTE_MS,
    'must be whole minutes (a multiple of 60000)',
  ),
  silenceMs: int(1_000, DAY_MS),
  downSuccessRatio: ratio,
  targetSuccessRatio: ratio,
  minVolume: int(1, 1_000_000_000),
  p95LatencyMs: int(1, 3_600_000),
  enterWorseAfter: int(1, 100),
  recoverAfter: int(1, 100),
  expectedMinTransactions: z.number().positive().max(1_000_000_000),
  // The evaluator reads the same window on the 7 previous days: more history cannot be had.
  minHistoryDays: int(1, BASELINE_DAYS),
} satisfies Record<keyof HealthThresholds, z.ZodType<number>>;
const THRESHOLD_FIELDS = Object.keys(thresholdFields) as (keyof HealthThresholds)[];

/** Every override may carry a free-text note (JSON has no comments); it is not kept. */
const overrideShape = { ...thresholdFields, note: z.string() };
const overrideSchema = z.strictObject(overrideShape).partial();
const connectionSchema = z
  .strictObject(overrideShape)
  .partial()
  .extend({ platform: code, consumer: code, provider: code });

const fileSchema = z
  .strictObject({
    defaults: overrideSchema.default({}),
    agencies: z.record(code, overrideSchema).default({}),
    connections: z.array(connectionSchema).default([]),
  })
  .superRefine((file, context) => {
    const defaults = { ...DEFAULT_HEALTH_THRESHOLDS, ...thresholdsOf(file.defaults) };
    checkRatios(defaults, file.defaults, ['defaults'], context);
    for (const [agency, override] of Object.entries(file.agencies)) {
      checkRatios(
        { ...defaults, ...thresholdsOf(override) },
        override,
        ['agencies', agency],
        context,
      );
    }
    file.connections.forEach((entry, index) => {
      const path = ['connections', index];
      checkRatios({ ...defaults, ...thresholdsOf(entry) }, entry, path, context);
      const first = file.connections.findIndex((other) => sameConnection(other, entry));
      if (first < index) {
        context.addIssue({
          code: 'custom',
          path,
          message: `repeats connections[${first}] (${connectionLabel(entry)})`,
        });
      }
    });
  });

/**
 * Parses the thresholds file (JSON):
 *
 *     { "defaults": { "silenceMs": 600000 },
 *       "agencies": { "MPS.NPD": { "silenceMs": 300000, "targetSuccessRatio": 0.99 } },
 *       "connections": [{ "platform": "NDXP", "consumer": "PROV-HNI.PORTAL",
 *                         "provider": "MPS.NPD", "p95LatencyMs": 1500 }] }
 *
 * Every key is optional; unknown keys are errors, so a misspelt threshold does not pass
 * silently. Throws a HealthThresholdsFileError naming `source` and each bad field's path.
 */
export function parseHealthThresholdsFile(text: string, source: string): HealthThresholdsConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HealthThresholdsFileError(
      `${source}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  const problems = [
    ...prototypeKeyProblems(json),
    ...(parsed.success ? [] : parsed.error.issues.map(describeIssue)),
  ];
  if (!parsed.success || problems.length > 0) {
    const lines = problems.map((problem) => `  ${problem}`);
    throw new HealthThresholdsFileError(
      `${source}: invalid health thresholds:\n${lines.join('\n')}`,
    );
  }
  const file = parsed.data;
  return {
    defaults: thresholdsOf(file.defaults),
    agencies: new Map(
      Object.entries(file.agencies).map(([agency, override]) => [agency, thresholdsOf(override)]),
    ),
    connections: file.connections.map((entry) => ({
      connection: { platform: entry.platform, consumer: entry.consumer, provider: entry.provider },
      thresholds: thresholdsOf(entry),
    })),
  };
}

/**
 * zod drops a "__proto__" record key without a word (JSON.parse makes it an own property), so
 * an agency entry under that name would vanish silently; report it like any other bad key.
 */
function prototypeKeyProblems(json: unknown): string[] {
  const agencies = isRecord(json) ? json.agencies : undefined;
  return isRecord(agencies) && Object.hasOwn(agencies, '__proto__')
    ? [`agencies["__proto__"]: key ${CODE_MESSAGE}`]
    : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A precedence rule keeps any mix well defined, but a floor above the target is a typo. */
function checkRatios(
  effective: HealthThresholds,
  given: Partial<HealthThresholds>,
  path: (string | number)[],
  context: z.RefinementCtx,
): void {
  if (effective.downSuccessRatio <= effective.targetSuccessRatio) return;
  const field = given.downSuccessRatio !== undefined ? 'downSuccessRatio' : 'targetSuccessRatio';
  context.addIssue({
    code: 'custom',
    path: [...path, field],
    message:
      `downSuccessRatio (${effective.downSuccessRatio}) must not be above ` +
      `targetSuccessRatio (${effective.targetSuccessRatio})`,
  });
}

/** Only the threshold fields of an entry (drops `note` and the connection's codes). */
function thresholdsOf(entry: Partial<HealthThresholds>): Partial<HealthThresholds> {
  const thresholds: Partial<HealthThresholds> = {};
  for (const field of THRESHOLD_FIELDS) {
    const value = entry[field];
    if (value !== undefined) thresholds[field] = value;
  }
  return thresholds;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? '(top level)' : formatPath(issue.path);
  // A bad record key reports "Invalid key in record"; the nested issue says what is wrong.
  const message =
    issue.code === 'invalid_key'
      ? `key ${issue.issues[0]?.message ?? issue.message}`
      : issue.message;
  return `${where}: ${message}`;
}

/** ["agencies", "MPS.NPD", "silenceMs"] → agencies["MPS.NPD"].silenceMs; indexes as [2]. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = String(part);
      if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}
