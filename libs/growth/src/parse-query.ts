import { formatInstant } from './format-instant';
import {
  COMPARES,
  type Compare,
  type ConnectionFilters,
  GROUP_BYS,
  type GrowthQuery,
  INTERVALS,
  type Parsed,
  type SeriesQuery,
} from './growth-types';
import { DAY_MS, firstInstantReading, isKnownTimeZone, shiftableReading } from './local-time';
import { INSTANT_FORMS, parseInstant, quote } from './parse-instant';
import { splitIntoBuckets, tooManyBucketsMessage } from './series-buckets';

export interface GrowthLimits {
  /** The zone used when the query names none (REPORT_TIMEZONE). */
  defaultTimezone: string;
  /** The longest range accepted, in local calendar days of the query's zone. */
  maxRangeDays: number;
}

export interface SeriesLimits extends GrowthLimits {
  maxBuckets: number;
}

/** A raw query: parameter names to values as an HTTP framework hands them over. */
export type RawQuery = Record<string, unknown>;

const FILTER_NAMES = ['platform', 'consumer', 'provider', 'service'] as const;
const CODE = /^[A-Za-z0-9._-]+$/;
const CODE_MAX_LENGTH: Record<(typeof FILTER_NAMES)[number], number> = {
  platform: 64,
  consumer: 64,
  provider: 64,
  service: 128,
};
const GROWTH_PARAMETERS = ['from', 'to', 'compare', 'tz', 'groupBy', ...FILTER_NAMES];
const SERIES_PARAMETERS = ['from', 'to', 'interval', 'compare', 'tz', ...FILTER_NAMES];

/** GET /api/v1/growth: see index.ts for the parameters and the rules. */
export function parseGrowthQuery(raw: RawQuery, limits: GrowthLimits): Parsed<GrowthQuery> {
  try {
    rejectUnknownParameters(raw, GROWTH_PARAMETERS);
    const groupBy = optionalChoice(raw, 'groupBy', GROUP_BYS);
    const query: GrowthQuery = parseCommon(raw, limits);
    if (groupBy !== undefined) query.groupBy = groupBy;
    return { ok: true, value: query };
  } catch (error) {
    return rejected(error);
  }
}

/** GET /api/v1/growth/series: the growth parameters without groupBy, plus interval. */
export function parseSeriesQuery(raw: RawQuery, limits: SeriesLimits): Parsed<SeriesQuery> {
  try {
    rejectUnknownParameters(raw, SERIES_PARAMETERS);
    const interval = optionalChoice(raw, 'interval', INTERVALS);
    if (interval === undefined) {
      throw new BadQuery(`interval is required: one of ${INTERVALS.join(', ')}`);
    }
    const query: SeriesQuery = { ...parseCommon(raw, limits), interval };
    if (splitIntoBuckets(query, interval, query.timezone, limits.maxBuckets) === undefined) {
      const range = `from ${formatInstant(query.fromMs, query.timezone)} to ${formatInstant(query.toMs, query.timezone)}`;
      throw new BadQuery(tooManyBucketsMessage(range, interval, limits.maxBuckets));
    }
    return { ok: true, value: query };
  } catch (error) {
    return rejected(error);
  }
}

/** A message for the client; anything else thrown is a bug and is rethrown. */
class BadQuery extends Error {}

function rejected(error: unknown): { ok: false; message: string } {
  if (error instanceof BadQuery) return { ok: false, message: error.message };
  throw error;
}

interface CommonQuery {
  fromMs: number;
  toMs: number;
  timezone: string;
  compare: Compare;
  filters: ConnectionFilters;
}

function parseCommon(raw: RawQuery, limits: GrowthLimits): CommonQuery {
  const timezone = parseTimezone(raw, limits.defaultTimezone);
  const compare = optionalChoice(raw, 'compare', COMPARES) ?? 'previous_period';
  const filters = parseFilters(raw);
  const fromMs = requiredInstant(raw, 'from', timezone);
  const toMs = requiredInstant(raw, 'to', timezone);
  if (fromMs >= toMs) {
    throw new BadQuery(
      `from (${formatInstant(fromMs, timezone)}) must be before to (${formatInstant(toMs, timezone)})`,
    );
  }
  // Counted in local days, so that a range of the maximum length is accepted across DST.
  const latestToMs = firstInstantReading(
    shiftableReading(fromMs, timezone) + limits.maxRangeDays * DAY_MS,
    timezone,
  );
  if (toMs > latestToMs) {
    throw new BadQuery(
      `the range from ${formatInstant(fromMs, timezone)} to ${formatInstant(toMs, timezone)} ` +
        `is longer than the maximum of ${limits.maxRangeDays} days`,
    );
  }
  return { fromMs, toMs, timezone, compare, filters };
}

/** Auditors' queries must not be answered for a misspelt filter as if it were absent. */
function rejectUnknownParameters(raw: RawQuery, accepted: string[]): void {
  const unknown = Object.keys(raw).filter((name) => !accepted.includes(name));
  if (unknown.length === 0) return;
  const names = unknown.map(quote).join(', ');
  throw new BadQuery(
    `unknown parameter${unknown.length > 1 ? 's' : ''} ${names}; the accepted parameters are ${accepted.join(', ')}`,
  );
}

/** The parameter's single text value, or undefined when absent. */
function textParameter(raw: RawQuery, name: string): string | undefined {
  if (!Object.hasOwn(raw, name)) return undefined;
  const value = raw[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    throw new BadQuery(`${name} is given ${value.length} times; give it once`);
  }
  throw new BadQuery(`${name} must be a single text value`);
}

function parseTimezone(raw: RawQuery, defaultTimezone: string): string {
  const given = textParameter(raw, 'tz');
  const timezone = given ?? defaultTimezone;
  // luxon (through Intl) also accepts spellings that are not zone names; keep to IANA's.
  if (
    /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(timezone) &&
    isKnownTimeZone(timezone)
  ) {
    return timezone;
  }
  throw new BadQuery(
    given === undefined
      ? `the configured default time zone ${quote(timezone)} is not a known IANA time zone`
      : `tz ${quote(timezone)} is not a known IANA time zone, such as Asia/Ho_Chi_Minh or UTC`,
  );
}

function optionalChoice<T extends string>(
  raw: RawQuery,
  name: string,
  choices: readonly T[],
): T | undefined {
  const value = textParameter(raw, name);
  if (value === undefined) return undefined;
  const choice = choices.find((candidate) => candidate === value);
  if (choice === undefined) {
    throw new BadQuery(`${name} must be one of ${choices.join(', ')}: got ${quote(value)}`);
  }
  return choice;
}

function parseFilters(raw: RawQuery): ConnectionFilters {
  const filters: ConnectionFilters = {};
  for (const name of FILTER_NAMES) {
    const value = textParameter(raw, name);
    if (value === undefined) continue;
    const maxLength = CODE_MAX_LENGTH[name];
    if (!CODE.test(value) || value.length > maxLength) {
      throw new BadQuery(
        `${name} must be a code of 1 to ${maxLength} characters A-Z, a-z, 0-9, '.', '_' or '-': got ${quote(value)}`,
      );
    }
    filters[name] = value;
  }
  return filters;
}

function requiredInstant(raw: RawQuery, name: 'from' | 'to', timezone: string): number {
  const text = textParameter(raw, name);
  if (text === undefined) {
    throw new BadQuery(
      `${name} is required (${name === 'from' ? 'inclusive' : 'exclusive'}): ${INSTANT_FORMS}`,
    );
  }
  const parsed = parseInstant(name, text, timezone);
  if (!parsed.ok) throw new BadQuery(parsed.message);
  return parsed.instantMs;
}
