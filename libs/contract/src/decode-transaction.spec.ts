import fc from 'fast-check';
import {
  type DecodeOptions,
  type DecodeResult,
  decodeTransactionEvent,
  decodeTransactionMessage,
  parseRfc3339,
} from './decode-transaction';
import type { Rejection } from './rejection';
import type { TransactionRecord } from './transaction-record';

const NOW_MS = Date.parse('2026-11-22T04:00:00.000Z');
const SKEW_MS = 300_000;

/** A stand-in pseudonym that cannot contain the raw identifier (it holds only its length). */
const pseudonymize = (subjectId: string): string => `ref-${subjectId.length}`;
const options: DecodeOptions = { nowMs: NOW_MS, maxFutureSkewMs: SKEW_MS, pseudonymize };

const validEvent = (): Record<string, unknown> => ({
  schemaVersion: 1,
  transactionId: 'tx-0001',
  occurredAt: '2026-11-22T10:00:00.123+07:00',
  platform: 'xroad',
  consumer: 'tax.office',
  provider: 'civil_registry',
  service: 'person-lookup',
  outcome: 'success',
});

const bytesOf = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

function rejectionOf(result: DecodeResult): Rejection {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.record)}`);
  return result.rejection;
}

function recordOf(result: DecodeResult): TransactionRecord {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.rejection)}`);
  return result.record;
}

const decodeEvent = (changes: Record<string, unknown>, opts: DecodeOptions = options) =>
  decodeTransactionMessage(bytesOf({ ...validEvent(), ...changes }), opts);

const without = (field: string): Record<string, unknown> => {
  const event = validEvent();
  delete event[field];
  return event;
};

describe('decodeTransactionMessage: bytes', () => {
  it('rejects a null value as empty', () => {
    expect(decodeTransactionMessage(null, options)).toEqual({
      ok: false,
      rejection: { code: 'empty', detail: 'the message has no value' },
    });
  });

  it('rejects a zero-length value as empty', () => {
    expect(decodeTransactionMessage(Buffer.alloc(0), options)).toEqual({
      ok: false,
      rejection: { code: 'empty', detail: 'the message has no value' },
    });
  });

  it('rejects a message of 1 MiB + 1 byte as too_large', () => {
    const value = Buffer.alloc(1024 * 1024 + 1, 0x20);
    expect(rejectionOf(decodeTransactionMessage(value, options))).toEqual({
      code: 'too_large',
      detail: 'the message is 1048577 bytes; the limit is 1048576 bytes',
    });
  });

  it('does not reject a message of exactly 1 MiB for its size', () => {
    // A JSON string padded to exactly 1 MiB: it passes the size check and fails later, as a string.
    const value = Buffer.alloc(1024 * 1024, 0x61);
    value[0] = 0x22;
    value[value.length - 1] = 0x22;
    expect(rejectionOf(decodeTransactionMessage(value, options))).toEqual({
      code: 'not_an_object',
      detail: 'the message must be a JSON object, not a string',
    });
  });

  it('accepts a valid event padded with whitespace to exactly 1 MiB', () => {
    const json = bytesOf(validEvent());
    const value = Buffer.alloc(1024 * 1024, 0x20);
    json.copy(value);
    expect(decodeTransactionMessage(value, options).ok).toBe(true);
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(rejectionOf(decodeTransactionMessage(Buffer.from([0xff, 0xfe]), options))).toEqual({
      code: 'invalid_utf8',
      detail: 'the message is not valid UTF-8',
    });
  });

  it('rejects a truncated multi-byte sequence inside otherwise valid JSON as invalid_utf8', () => {
    const value = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3]), Buffer.from('"}')]);
    expect(rejectionOf(decodeTransactionMessage(value, options)).code).toBe('invalid_utf8');
  });

  it.each(['{', 'not json', '{"schemaVersion":1,}', "{'a':1}"])(
    'rejects %j as not_json, with the parser message',
    (text) => {
      const rejection = rejectionOf(decodeTransactionMessage(Buffer.from(text), options));
      expect(rejection.code).toBe('not_json');
      expect(rejection.detail).toMatch(/^the message is not valid JSON: \S/);
    },
  );

  it.each([
    ['[]', 'an array'],
    ['[{"schemaVersion":1}]', 'an array'],
    ['"text"', 'a string'],
    ['null', 'null'],
    ['42', 'a number'],
    ['true', 'a boolean'],
  ])('rejects %s as not_an_object (%s)', (text, described) => {
    expect(rejectionOf(decodeTransactionMessage(Buffer.from(text), options))).toEqual({
      code: 'not_an_object',
      detail: `the message must be a JSON object, not ${described}`,
    });
  });
});

describe('decodeTransactionEvent: schema version', () => {
  it('rejects a missing schemaVersion as a schema violation', () => {
    expect(rejectionOf(decodeTransactionEvent(without('schemaVersion'), options))).toEqual({
      code: 'schema_violation',
      detail: "missing required field 'schemaVersion'",
    });
  });

  it('rejects schemaVersion 2 as unknown', () => {
    expect(rejectionOf(decodeEvent({ schemaVersion: 2 }))).toEqual({
      code: 'unknown_schema_version',
      detail: 'schemaVersion 2 is not supported (supported: 1)',
    });
  });

  it('rejects the string "1" as unknown: the version is a number', () => {
    expect(rejectionOf(decodeEvent({ schemaVersion: '1' }))).toEqual({
      code: 'unknown_schema_version',
      detail: 'schemaVersion "1" is not supported (supported: 1)',
    });
  });

  it('rejects schemaVersion null as unknown, not as missing', () => {
    expect(rejectionOf(decodeEvent({ schemaVersion: null }))).toEqual({
      code: 'unknown_schema_version',
      detail: 'schemaVersion null is not supported (supported: 1)',
    });
  });
});

describe('decodeTransactionEvent: schema violations', () => {
  it.each([
    'transactionId',
    'occurredAt',
    'platform',
    'consumer',
    'provider',
    'service',
    'outcome',
  ])('rejects an event without %s', (field) => {
    expect(rejectionOf(decodeTransactionEvent(without(field), options))).toEqual({
      code: 'schema_violation',
      detail: `missing required field '${field}'`,
    });
  });

  it.each([
    ['transactionId with a space', 'transactionId', 'tx 0001', '^[A-Za-z0-9._:-]{1,128}$'],
    ['transactionId of 129 chars', 'transactionId', 'a'.repeat(129), '^[A-Za-z0-9._:-]{1,128}$'],
    ['an empty transactionId', 'transactionId', '', '^[A-Za-z0-9._:-]{1,128}$'],
    ['platform of 65 chars', 'platform', 'p'.repeat(65), '^[A-Za-z0-9._-]{1,64}$'],
    ['platform with a colon', 'platform', 'x:road', '^[A-Za-z0-9._-]{1,64}$'],
    ['consumer with a space', 'consumer', 'tax office', '^[A-Za-z0-9._-]{1,64}$'],
    ['provider with a slash', 'provider', 'civil/registry', '^[A-Za-z0-9._-]{1,64}$'],
    ['service of 129 chars', 'service', 's'.repeat(129), '^[A-Za-z0-9._-]{1,128}$'],
  ])('rejects %s as not matching its pattern', (_label, field, value, pattern) => {
    expect(rejectionOf(decodeEvent({ [field]: value }))).toEqual({
      code: 'schema_violation',
      detail: `${field} does not match ${pattern}`,
    });
  });

  it.each([
    ['transactionId of 128 chars', 'transactionId', 'transaction_id', 'a'.repeat(128)],
    ['transactionId of every allowed kind', 'transactionId', 'transaction_id', 'A-z_0.9:x'],
    ['platform of 64 chars', 'platform', 'platform', 'p'.repeat(64)],
    ['consumer of 64 chars', 'consumer', 'consumer', 'c'.repeat(64)],
    ['provider of 64 chars', 'provider', 'provider', 'p'.repeat(64)],
    ['service of 128 chars', 'service', 'service', 's'.repeat(128)],
  ])('accepts %s', (_label, field, column, value) => {
    expect(recordOf(decodeEvent({ [field]: value }))[column as keyof TransactionRecord]).toBe(
      value,
    );
  });

  it('rejects an outcome outside the enum', () => {
    expect(rejectionOf(decodeEvent({ outcome: 'timeout' }))).toEqual({
      code: 'schema_violation',
      detail: 'outcome must be one of success, failure',
    });
  });

  it('rejects a reportedBy outside the enum', () => {
    expect(rejectionOf(decodeEvent({ reportedBy: 'auditor' }))).toEqual({
      code: 'schema_violation',
      detail: 'reportedBy must be one of platform, consumer, provider',
    });
  });

  it.each([
    [-1, 'latencyMs must be >= 0'],
    [3_600_001, 'latencyMs must be <= 3600000'],
    [1.5, 'latencyMs must be integer'],
    ['12', 'latencyMs must be integer'],
  ])('rejects latencyMs %j', (latencyMs, detail) => {
    expect(rejectionOf(decodeEvent({ latencyMs }))).toEqual({ code: 'schema_violation', detail });
  });

  it.each([0, 3_600_000])('accepts latencyMs %j at its bounds', (latencyMs) => {
    expect(recordOf(decodeEvent({ latencyMs })).latency_ms).toBe(latencyMs);
  });

  it('rejects negative byte counts', () => {
    expect(rejectionOf(decodeEvent({ requestBytes: -1, responseBytes: -2 }))).toEqual({
      code: 'schema_violation',
      detail: 'requestBytes must be >= 0; responseBytes must be >= 0',
    });
  });

  it('rejects an errorCode with a control character', () => {
    expect(rejectionOf(decodeEvent({ errorCode: 'E\u0007BELL' }))).toEqual({
      code: 'schema_violation',
      detail: 'errorCode does not match ^[^\\u0000-\\u001f\\u007f]*$',
    });
  });

  it('rejects an errorCode with DEL (0x7f)', () => {
    expect(rejectionOf(decodeEvent({ errorCode: 'E\u007f' })).code).toBe('schema_violation');
  });

  it('rejects an errorCode of 65 characters', () => {
    expect(rejectionOf(decodeEvent({ errorCode: 'E'.repeat(65) }))).toEqual({
      code: 'schema_violation',
      detail: 'errorCode must NOT have more than 64 characters',
    });
  });

  it('accepts an errorCode of 64 characters, including non-ASCII text', () => {
    const errorCode = `${'E'.repeat(60)}ผิดพ`;
    expect(recordOf(decodeEvent({ errorCode })).error_code).toBe(errorCode);
  });

  it('rejects an empty subjectId', () => {
    expect(rejectionOf(decodeEvent({ subjectId: '' }))).toEqual({
      code: 'schema_violation',
      detail: 'subjectId must NOT have fewer than 1 characters',
    });
  });

  it('rejects a wrongly typed field', () => {
    expect(rejectionOf(decodeEvent({ platform: 7 }))).toEqual({
      code: 'schema_violation',
      detail: 'platform must be string',
    });
  });

  it('reports at most three errors and counts the rest', () => {
    const event = {
      schemaVersion: 1,
      occurredAt: '2026-11-22T03:00:00Z',
      outcome: 'success',
    };
    expect(rejectionOf(decodeTransactionEvent(event, options))).toEqual({
      code: 'schema_violation',
      detail:
        "missing required field 'transactionId'; missing required field 'platform'; " +
        "missing required field 'consumer'; and 2 more",
    });
  });

  it.each([
    ['2026-11-22T03:00:00', 'no offset'],
    ['2026-11-22T03:00:00.1234Z', 'four fractional digits'],
    ['2026-11-22 03:00:00Z', 'a space for T'],
    ['2026-11-22T03:00Z', 'no seconds'],
    ['2026-11-22T03:00:00+0700', 'an offset without a colon'],
    ['2026-11-22t03:00:00z', 'lower-case t and z'],
  ])('rejects occurredAt %j (%s) by pattern', (occurredAt) => {
    expect(rejectionOf(decodeEvent({ occurredAt }))).toEqual({
      code: 'schema_violation',
      detail:
        'occurredAt does not match ^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})$',
    });
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T23:59:60Z',
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:00-00:60',
  ])('rejects occurredAt %j as not a real date and time', (occurredAt) => {
    expect(rejectionOf(decodeEvent({ occurredAt }))).toEqual({
      code: 'schema_violation',
      detail: `occurredAt '${occurredAt}' is not a real date and time between 1900 and 2299`,
    });
  });

  it('accepts 2024-02-29, a leap day', () => {
    expect(recordOf(decodeEvent({ occurredAt: '2024-02-29T12:00:00Z' })).occurred_at).toBe(
      '2024-02-29 12:00:00.000',
    );
  });
});

describe('decodeTransactionEvent: future timestamps', () => {
  const at = (ms: number) => new Date(ms).toISOString();

  it('accepts occurredAt exactly maxFutureSkewMs ahead of now', () => {
    const result = decodeEvent({ occurredAt: at(NOW_MS + SKEW_MS) });
    expect(result.ok).toBe(true);
    expect(result.ok && result.occurredAtMs).toBe(NOW_MS + SKEW_MS);
  });

  it('rejects occurredAt one millisecond beyond the allowed skew', () => {
    expect(rejectionOf(decodeEvent({ occurredAt: at(NOW_MS + SKEW_MS + 1) }))).toEqual({
      code: 'future_timestamp',
      detail:
        'occurredAt 2026-11-22T04:05:00.001Z is 300 s in the future; at most 300 s is allowed',
    });
  });

  it('compares instants, not wall-clock text: an offset timestamp in the future is rejected', () => {
    // 12:00+07:00 is 05:00Z: an hour after now (04:00Z), though 03:00 < 12:00 as text.
    expect(rejectionOf(decodeEvent({ occurredAt: '2026-11-22T12:00:00+07:00' }))).toEqual({
      code: 'future_timestamp',
      detail:
        'occurredAt 2026-11-22T12:00:00+07:00 is 3600 s in the future; at most 300 s is allowed',
    });
  });

  it('with zero skew, accepts now and rejects now + 1 ms', () => {
    const strict = { ...options, maxFutureSkewMs: 0 };
    expect(decodeEvent({ occurredAt: at(NOW_MS) }, strict).ok).toBe(true);
    expect(rejectionOf(decodeEvent({ occurredAt: at(NOW_MS + 1) }, strict)).code).toBe(
      'future_timestamp',
    );
  });

  it('accepts timestamps far in the past when no retention is given', () => {
    expect(recordOf(decodeEvent({ occurredAt: '1999-12-31T23:59:59.999Z' })).occurred_at).toBe(
      '1999-12-31 23:59:59.999',
    );
  });

  it('accepts occurredAt exactly at the retention bound and rejects it one millisecond before', () => {
    const kept = { ...options, retentionDays: 400 };
    const bound = NOW_MS - 400 * 86_400_000;
    expect(decodeEvent({ occurredAt: at(bound) }, kept).ok).toBe(true);
    expect(rejectionOf(decodeEvent({ occurredAt: at(bound - 1) }, kept))).toEqual({
      code: 'past_retention',
      detail:
        'occurredAt 2025-10-18T03:59:59.999Z is older than the 400-day retention of the transaction ' +
        'history (RAW_RETENTION_DAYS); it would be deleted as soon as stored',
    });
  });
});

describe('decodeTransactionEvent: the accepted record', () => {
  it('maps the minimal event, with defaults for every optional field', () => {
    expect(decodeTransactionMessage(bytesOf(validEvent()), options)).toEqual({
      ok: true,
      occurredAtMs: Date.parse('2026-11-22T03:00:00.123Z'),
      record: {
        transaction_id: 'tx-0001',
        reported_by: 'platform',
        occurred_at: '2026-11-22 03:00:00.123',
        platform: 'xroad',
        consumer: 'tax.office',
        provider: 'civil_registry',
        service: 'person-lookup',
        outcome: 'success',
        error_code: '',
        latency_ms: null,
        request_bytes: null,
        response_bytes: null,
        subject_ref: '',
      },
    });
  });

  it('maps every field of the full event', () => {
    const result = decodeEvent({
      reportedBy: 'provider',
      occurredAt: '2026-11-21T23:30:00.5-03:30',
      outcome: 'failure',
      errorCode: 'UPSTREAM_TIMEOUT',
      latencyMs: 2500,
      requestBytes: 0,
      responseBytes: 9_007_199_254_740_991,
      subjectId: '1234567890123',
    });
    expect(result).toEqual({
      ok: true,
      occurredAtMs: Date.parse('2026-11-22T03:00:00.500Z'),
      record: {
        transaction_id: 'tx-0001',
        reported_by: 'provider',
        occurred_at: '2026-11-22 03:00:00.500',
        platform: 'xroad',
        consumer: 'tax.office',
        provider: 'civil_registry',
        service: 'person-lookup',
        outcome: 'failure',
        error_code: 'UPSTREAM_TIMEOUT',
        latency_ms: 2500,
        request_bytes: 0,
        response_bytes: 9_007_199_254_740_991,
        subject_ref: 'ref-13',
      },
    });
  });

  it.each([
    '2026-11-22T03:00:00.120Z',
    '2026-11-22T03:00:00.12Z',
    '2026-11-22T10:00:00.120+07:00',
    '2026-11-21T23:30:00.12-03:30',
    '2026-11-22T03:00:00.120+00:00',
  ])('stores occurredAt %j as the same UTC instant', (occurredAt) => {
    expect(recordOf(decodeEvent({ occurredAt })).occurred_at).toBe('2026-11-22 03:00:00.120');
  });

  it.each(['platform', 'consumer', 'provider'])('keeps reportedBy %j', (reportedBy) => {
    expect(recordOf(decodeEvent({ reportedBy })).reported_by).toBe(reportedBy);
  });

  it('passes the raw subjectId to pseudonymize and stores only its output', () => {
    const seen: string[] = [];
    const subjectId = '3100700123456';
    const record = recordOf(
      decodeEvent(
        { subjectId },
        {
          ...options,
          pseudonymize: (id) => {
            seen.push(id);
            return 'f'.repeat(64);
          },
        },
      ),
    );
    expect(seen).toEqual([subjectId]);
    expect(record.subject_ref).toBe('f'.repeat(64));
    expect(JSON.stringify(record)).not.toContain(subjectId);
  });

  it('does not call pseudonymize when there is no subjectId', () => {
    let calls = 0;
    const record = recordOf(
      decodeEvent(
        {},
        {
          ...options,
          pseudonymize: () => {
            calls++;
            return 'x';
          },
        },
      ),
    );
    expect(calls).toBe(0);
    expect(record.subject_ref).toBe('');
  });

  it('ignores unknown extra fields', () => {
    const plain = recordOf(decodeEvent({}));
    const extra = recordOf(decodeEvent({ note: 'hello', nested: { a: [1, 2] }, latency: 5 }));
    expect(extra).toEqual(plain);
    expect(Object.keys(extra)).toHaveLength(13);
  });

  it('decodes an already-parsed object the same way as its bytes', () => {
    const event = { ...validEvent(), subjectId: 'abc', latencyMs: 7 };
    expect(decodeTransactionEvent(event, options)).toEqual(
      decodeTransactionMessage(bytesOf(event), options),
    );
  });

  it('keeps non-ASCII text in errorCode', () => {
    const record = recordOf(decodeEvent({ errorCode: 'ข้อผิดพลาด' }));
    expect(record.error_code).toBe('ข้อผิดพลาด');
  });
});

describe('parseRfc3339', () => {
  it.each([
    ['2026-11-22T10:00:00.123+07:00', Date.UTC(2026, 10, 22, 3, 0, 0, 123)],
    ['2026-11-22T03:00:00Z', Date.UTC(2026, 10, 22, 3, 0, 0, 0)],
    ['2026-11-22T03:00:00.5Z', Date.UTC(2026, 10, 22, 3, 0, 0, 500)],
    ['2026-11-22T03:00:00.05Z', Date.UTC(2026, 10, 22, 3, 0, 0, 50)],
    ['2026-11-22T03:00:00.005Z', Date.UTC(2026, 10, 22, 3, 0, 0, 5)],
    ['2026-11-21T23:30:00-03:30', Date.UTC(2026, 10, 22, 3, 0, 0, 0)],
    ['2026-01-01T00:00:00+23:59', Date.UTC(2025, 11, 31, 0, 1, 0, 0)],
    ['2026-01-01T00:00:00-00:00', Date.UTC(2026, 0, 1)],
    ['1970-01-01T00:00:00Z', 0],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['2299-12-31T23:59:59.999Z', Date.UTC(2299, 11, 31, 23, 59, 59, 999)],
    ['1900-01-01T00:00:00.000Z', Date.UTC(1900, 0, 1)],
  ])('parses %s', (text, expected) => {
    expect(parseRfc3339(text)).toBe(expected);
  });

  it.each([
    '',
    '2026-11-22',
    '2026-11-22T03:00:00',
    '2026-11-22T03:00:00.1234Z',
    '2026-11-22T03:00:00.Z',
    ' 2026-11-22T03:00:00Z',
    '2026-11-22T03:00:00Z ',
    '2026-11-22T03:00:00+07',
    '+2026-11-22T03:00:00Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-06-31T00:00:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22T03:00:00+24:00',
    '2026-11-22T03:00:00+00:60',
    '0050-01-01T00:00:00Z',
    '1899-12-31T23:59:59.999Z',
    '2300-01-01T00:00:00Z',
  ])('returns null for %j', (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });

  const pad = (n: number, width = 2) => String(n).padStart(width, '0');

  /** Writes the instant as local time at the given offset, as a producer would. */
  function format(
    ms: number,
    offsetMinutes: number,
    fractionDigits: 0 | 1 | 2 | 3,
    zulu: boolean,
  ): string {
    const local = new Date(ms + offsetMinutes * 60_000);
    const millis = pad(local.getUTCMilliseconds(), 3);
    const fraction = fractionDigits === 0 ? '' : `.${millis.slice(0, fractionDigits)}`;
    const sign = offsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(offsetMinutes);
    const offset =
      offsetMinutes === 0 && zulu ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
    return (
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
      `${fraction}${offset}`
    );
  }

  /** An instant from `fromMs` to `toMs`, written at any offset with 0 to 3 fraction digits. */
  const writtenInstant = (fromMs: number, toMs: number) =>
    fc
      .record({
        ms: fc.integer({ min: fromMs, max: toMs }),
        offsetMinutes: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        digits: fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3),
        zulu: fc.boolean(),
      })
      .map(({ ms, offsetMinutes, digits, zulu }) => ({
        ms,
        text: format(ms, offsetMinutes, digits, zulu),
      }));

  it('agrees with Date.parse on generated valid timestamps with any offset', () => {
    fc.assert(
      fc.property(
        // Years 1900 to 2299 (what DateTime64 stores), a day inside at any offset.
        writtenInstant(Date.UTC(1900, 0, 2), Date.UTC(2299, 11, 30)),
        ({ ms, text }) => {
          const parsed = parseRfc3339(text);
          expect(parsed).toBe(Date.parse(text));
          // Truncating the fraction never moves the instant forward, nor back by a second or more.
          expect(ms - (parsed as number)).toBeGreaterThanOrEqual(0);
          expect(ms - (parsed as number)).toBeLessThan(1000);
        },
      ),
    );
  });

  /** The grammar as a regular expression, as parseRfc3339 first read it: the reference. */
  const RFC3339 =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):(\d{2}))$/;
  function referenceParse(text: string): number | null {
    const m = RFC3339.exec(text);
    if (!m) return null;
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[] &
      [number, number, number, number, number, number];
    const millis = Number((m[7] ?? '').padEnd(3, '0'));
    const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate();
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const daysInMonth = month === 2 && !leap ? 28 : lastDay;
    if (year < 1900 || year > 2299 || month < 1 || month > 12) return null;
    if (hour > 23 || minute > 59 || second > 59 || day < 1 || day > daysInMonth) return null;
    let offset = 0;
    if (m[8] !== 'Z') {
      if (Number(m[10]) > 23 || Number(m[11]) > 59) return null;
      offset = (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
    }
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(hour, minute, second, millis);
    return utc.getTime() - offset * 60_000;
  }

  it('agrees with the regular grammar on mangled timestamps, character by character', () => {
    const characters = [...'0123456789-T:.+Z tz:١٢Ｔ'];
    fc.assert(
      fc.property(
        writtenInstant(Date.UTC(1890, 0, 1), Date.UTC(2310, 0, 1)),
        fc.array(
          fc.record({
            kind: fc.constantFrom('replace', 'insert', 'delete', 'cut'),
            at: fc.nat(40),
            character: fc.constantFrom(...characters),
          }),
          { maxLength: 3 },
        ),
        (written, edits) => {
          let text = written.text;
          for (const { kind, at, character } of edits) {
            const i = at % (text.length + 1);
            if (kind === 'replace') text = text.slice(0, i) + character + text.slice(i + 1);
            if (kind === 'insert') text = text.slice(0, i) + character + text.slice(i);
            if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
            if (kind === 'cut') text = text.slice(0, i);
          }
          expect(parseRfc3339(text)).toBe(referenceParse(text));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('round-trips toISOString for any instant between 1900 and 2299', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2299, 11, 31, 23, 59, 59, 999) }),
        (ms) => {
          expect(parseRfc3339(new Date(ms).toISOString())).toBe(ms);
        },
      ),
    );
  });

  it('rejects day 29 to 31 exactly when the month is shorter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2299 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 28, max: 31 }),
        (year, month, day) => {
          const text = `${year}-${pad(month)}-${pad(day)}T00:00:00Z`;
          const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
          expect(parseRfc3339(text)).toBe(real ? Date.UTC(year, month - 1, day) : null);
        },
      ),
    );
  });
});
