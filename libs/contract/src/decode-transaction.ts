import { isUtf8 } from 'node:buffer';
import Ajv, { type ErrorObject } from 'ajv';
import schema from './transaction-event-v1.schema.json';
import type { Rejection } from './rejection';
import { type TransactionRecord, toClickHouseDateTime64 } from './transaction-record';
import {
  MAX_MESSAGE_BYTES,
  SUPPORTED_SCHEMA_VERSION,
  type TransactionEventV1,
} from './transaction-event';

export interface DecodeOptions {
  /** Now, in epoch milliseconds: the decoder reads no clock of its own. */
  nowMs: number;
  /** How far in the future `occurredAt` may be before it is rejected. */
  maxFutureSkewMs: number;
  /**
   * The raw history's retention, in days: an older event would be dropped by the table's TTL
   * as soon as it was stored, so it is refused with that reason instead. Omitted: no bound.
   */
  retentionDays?: number;
  pseudonymize: (subjectId: string) => string;
}

export type DecodeResult =
  | { ok: true; record: TransactionRecord; occurredAtMs: number }
  | { ok: false; rejection: Rejection };

const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: false });
const validateEventV1 = ajv.compile<TransactionEventV1>(schema);
const MAX_REPORTED_ERRORS = 3;

/** Validates one message's bytes against the contract and maps it to a stored record. */
export function decodeTransactionMessage(
  value: Buffer | null,
  options: DecodeOptions,
): DecodeResult {
  if (value === null || value.length === 0) return reject('empty', 'the message has no value');
  if (value.length > MAX_MESSAGE_BYTES) {
    return reject(
      'too_large',
      `the message is ${value.length} bytes; the limit is ${MAX_MESSAGE_BYTES} bytes`,
    );
  }
  if (!isUtf8(value)) return reject('invalid_utf8', 'the message is not valid UTF-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    return reject('not_json', `the message is not valid JSON: ${(error as Error).message}`);
  }
  return decodeTransactionEvent(parsed, options);
}

/** Validates one already-parsed item (an element of an HTTP batch, say) and maps it. */
export function decodeTransactionEvent(parsed: unknown, options: DecodeOptions): DecodeResult {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return reject(
      'not_an_object',
      `the message must be a JSON object, not ${describeJsonType(parsed)}`,
    );
  }
  const version = (parsed as Record<string, unknown>).schemaVersion;
  if (version === undefined)
    return reject('schema_violation', "missing required field 'schemaVersion'");
  if (version !== SUPPORTED_SCHEMA_VERSION) {
    return reject(
      'unknown_schema_version',
      `schemaVersion ${JSON.stringify(version)} is not supported (supported: ${SUPPORTED_SCHEMA_VERSION})`,
    );
  }
  if (!validateEventV1(parsed)) {
    return reject('schema_violation', describeSchemaErrors(validateEventV1.errors ?? []));
  }
  const occurredAtMs = parseRfc3339(parsed.occurredAt);
  if (occurredAtMs === null) {
    return reject(
      'schema_violation',
      `occurredAt '${parsed.occurredAt}' is not a real date and time between 1900 and 2299`,
    );
  }
  if (occurredAtMs > options.nowMs + options.maxFutureSkewMs) {
    return reject(
      'future_timestamp',
      `occurredAt ${parsed.occurredAt} is ${Math.round((occurredAtMs - options.nowMs) / 1000)} s in the future; ` +
        `at most ${Math.round(options.maxFutureSkewMs / 1000)} s is allowed`,
    );
  }
  const days = options.retentionDays;
  if (days !== undefined && occurredAtMs < options.nowMs - days * DAY_MS) {
    return reject(
      'past_retention',
      `occurredAt ${parsed.occurredAt} is older than the ${days}-day retention of the transaction history ` +
        `(RAW_RETENTION_DAYS); it would be deleted as soon as stored`,
    );
  }
  return { ok: true, record: toRecord(parsed, occurredAtMs, options.pseudonymize), occurredAtMs };
}

const DAY_MS = 86_400_000;

function toRecord(
  event: TransactionEventV1,
  occurredAtMs: number,
  pseudonymize: (subjectId: string) => string,
): TransactionRecord {
  return {
    transaction_id: event.transactionId,
    reported_by: event.reportedBy ?? 'platform',
    occurred_at: storedOccurredAt(event.occurredAt, occurredAtMs),
    platform: event.platform,
    consumer: event.consumer,
    provider: event.provider,
    service: event.service,
    outcome: event.outcome,
    error_code: event.errorCode ?? '',
    latency_ms: event.latencyMs ?? null,
    request_bytes: event.requestBytes ?? null,
    response_bytes: event.responseBytes ?? null,
    subject_ref: event.subjectId === undefined ? '' : pseudonymize(event.subjectId),
  };
}

/**
 * occurred_at as the table reads it. A UTC timestamp with milliseconds, the form most producers
 * write, already holds that text: cutting it out costs half as much as formatting the instant
 * again, and this runs once per event. `text` has passed parseRfc3339.
 */
function storedOccurredAt(text: string, epochMs: number): string {
  return text.length === UTC_MILLIS_LENGTH && text.endsWith('Z')
    ? `${text.slice(0, 10)} ${text.slice(11, 23)}`
    : toClickHouseDateTime64(epochMs);
}

/** `YYYY-MM-DDThh:mm:ss.sssZ` */
const UTC_MILLIS_LENGTH = 24;

/**
 * Epoch ms of an RFC 3339 timestamp (`YYYY-MM-DDThh:mm:ss[.s{1,3}](Z|±hh:mm)`), or null when it
 * is not one or a field is out of range (Feb 30, 25:00, +24:00). It runs once per ingested event:
 * characters are read in place, as a regular expression's match array and its eleven
 * substrings were a tenth of what the ingest pipeline allocated per event.
 */
export function parseRfc3339(text: string): number | null {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  if (!separatorsAt(text, DATE_TIME_SEPARATORS)) return null;
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === DOT) {
    let digits = 0;
    while (digits < 3 && isDigit(text.charCodeAt(at + 1 + digits))) {
      millis = millis * 10 + text.charCodeAt(at + 1 + digits) - ZERO;
      digits++;
    }
    if (digits === 0) return null;
    millis *= digits === 1 ? 100 : digits === 2 ? 10 : 1;
    at += 1 + digits;
  }
  const offsetMinutes = offsetAt(text, at);
  if (offsetMinutes === null) return null;
  // DateTime64 stores 1900 to 2299; Date.UTC would also read years 0-99 as 1900-1999.
  if (year < 1900 || year > 2299) return null;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const ZERO = 0x30;
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const COLON = 0x3a;
const UPPER_T = 0x54;
const UPPER_Z = 0x5a;
const DATE_TIME_SEPARATORS: readonly (readonly [number, number])[] = [
  [4, MINUS],
  [7, MINUS],
  [10, UPPER_T],
  [13, COLON],
  [16, COLON],
];

const isDigit = (code: number): boolean => code >= ZERO && code <= ZERO + 9;

/** The number written by `count` digits at `at`, or -1 if any is not a digit (or is missing). */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - ZERO;
  }
  return value;
}

function separatorsAt(text: string, separators: readonly (readonly [number, number])[]): boolean {
  for (const [at, code] of separators) if (text.charCodeAt(at) !== code) return false;
  return true;
}

/** The zone that ends the text at `at` (`Z` or `±hh:mm`), in minutes east of UTC; else null. */
function offsetAt(text: string, at: number): number | null {
  const sign = text.charCodeAt(at);
  if (sign === UPPER_Z) return text.length === at + 1 ? 0 : null;
  if ((sign !== PLUS && sign !== MINUS) || text.length !== at + 6) return null;
  const hours = digitsAt(text, at + 1, 2);
  const minutes = digitsAt(text, at + 4, 2);
  if (hours < 0 || minutes < 0 || text.charCodeAt(at + 3) !== COLON) return null;
  if (hours > 23 || minutes > 59) return null;
  return (sign === MINUS ? -1 : 1) * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (DAYS_IN_MONTH[month - 1] ?? 0) + (month === 2 && leap ? 1 : 0);
}

function describeSchemaErrors(errors: ErrorObject[]): string {
  const described = errors.slice(0, MAX_REPORTED_ERRORS).map(describeSchemaError);
  const more = errors.length - described.length;
  return described.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

function describeSchemaError(error: ErrorObject): string {
  const field = error.instancePath.replace(/^\//, '');
  switch (error.keyword) {
    case 'required':
      return `missing required field '${String(error.params.missingProperty)}'`;
    case 'pattern':
      return `${field} does not match ${String(error.params.pattern)}`;
    case 'enum':
      return `${field} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${field} ${error.message ?? 'is invalid'}`;
  }
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function reject(code: Rejection['code'], detail: string): DecodeResult {
  return { ok: false, rejection: { code, detail } };
}

/** The decoder an ingesting process uses: its key, its clock, its allowed skew. */
export function createDecoder(options: {
  pseudonymize: (subjectId: string) => string;
  nowMs: () => number;
  maxFutureSkewMs: number;
  retentionDays: number;
}): (value: Buffer | null) => DecodeResult {
  return (value) =>
    decodeTransactionMessage(value, {
      nowMs: options.nowMs(),
      maxFutureSkewMs: options.maxFutureSkewMs,
      retentionDays: options.retentionDays,
      pseudonymize: options.pseudonymize,
    });
}
