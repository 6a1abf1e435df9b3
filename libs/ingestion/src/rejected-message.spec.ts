import type { RejectionCode } from '@datashare/contract';
import { type RejectedMessage, toRejectionRow } from './rejected-message';

const pseudonymize = (subjectId: string): string => `p${subjectId.length}`;
const RECEIVED_AT_MS = Date.parse('2026-11-22T03:00:00.250Z');
const SHA256_OF_EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SHA256_OF_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

const kafkaMessage = (
  code: RejectionCode,
  payload: Buffer | null,
  detail = 'why',
): RejectedMessage => ({
  origin: {
    source: 'kafka',
    topic: 'datasharing.transactions.v1',
    partition: 4,
    offset: '9007199254740993',
  },
  rejection: { code, detail },
  payload,
  receivedAtMs: RECEIVED_AT_MS,
});

describe('toRejectionRow', () => {
  it('maps a Kafka rejection to the columns', () => {
    expect(
      toRejectionRow(kafkaMessage('not_json', Buffer.from('abc'), 'not JSON'), pseudonymize),
    ).toEqual({
      received_at: '2026-11-22 03:00:00.250',
      source: 'kafka',
      topic: 'datasharing.transactions.v1',
      kafka_partition: 4,
      kafka_offset: '9007199254740993',
      request_id: '',
      item_index: -1,
      reason_code: 'not_json',
      reason: 'not JSON',
      payload_bytes: 3,
      payload_sha256: SHA256_OF_ABC,
      payload_redacted: '',
    });
  });

  it('maps an HTTP rejection to the columns', () => {
    const message: RejectedMessage = {
      origin: { source: 'http', requestId: 'req-42', itemIndex: 7 },
      rejection: { code: 'empty', detail: 'the message has no value' },
      payload: null,
      receivedAtMs: RECEIVED_AT_MS,
    };
    expect(toRejectionRow(message, pseudonymize)).toEqual({
      received_at: '2026-11-22 03:00:00.250',
      source: 'http',
      topic: '',
      kafka_partition: -1,
      kafka_offset: '-1',
      request_id: 'req-42',
      item_index: 7,
      reason_code: 'empty',
      reason: 'the message has no value',
      payload_bytes: 0,
      payload_sha256: SHA256_OF_EMPTY,
      payload_redacted: '',
    });
  });

  it('digests the bytes themselves, not their text', () => {
    const row = toRejectionRow(
      kafkaMessage('invalid_utf8', Buffer.from([0xff, 0xfe])),
      pseudonymize,
    );
    expect(row.payload_bytes).toBe(2);
    // printf '\xff\xfe' | sha256sum (a text decoding would have replaced both bytes with U+FFFD).
    expect(row.payload_sha256).toBe(
      'b3d510ef04275ca8e698e5b3cbb0ece3949ef9252f0cdc839e9ee347409a2209',
    );
  });

  it.each<[RejectionCode, string]>([
    ['not_json', '{"subjectId":"1234567890123",'],
    ['invalid_utf8', '{"subjectId":"1234567890123"}'],
    ['too_large', '{"subjectId":"1234567890123"}'],
    ['not_an_object', '["1234567890123"]'],
    ['empty', ''],
  ])('keeps no payload for %s, only its size and digest', (code, text) => {
    const row = toRejectionRow(kafkaMessage(code, Buffer.from(text)), pseudonymize);
    expect(row.payload_redacted).toBe('');
    expect(row.payload_bytes).toBe(Buffer.byteLength(text));
    expect(JSON.stringify(row)).not.toContain('1234567890123');
  });

  it('keeps a schema violation with the subjectId replaced by its pseudonym', () => {
    const payload = Buffer.from(
      '{"schemaVersion":1,"subjectId":"1234567890123","outcome":"maybe"}',
    );
    const row = toRejectionRow(kafkaMessage('schema_violation', payload), pseudonymize);
    expect(row.payload_redacted).toBe(
      '{"schemaVersion":1,"subjectId":"hmac:p13","outcome":"maybe"}',
    );
    expect(JSON.stringify(row)).not.toContain('1234567890123');
    // The digest is of the original bytes, as the dead-letter copy carries them.
    expect(row.payload_bytes).toBe(payload.length);
  });

  it.each<[string, string]>([
    ['a number', '{"subjectId":1234567890123}'],
    ['null', '{"subjectId":null}'],
    ['an object', '{"subjectId":{"id":"1234567890123"}}'],
    ['an array', '{"subjectId":["1234567890123"]}'],
  ])('redacts a subjectId that is %s as [redacted]', (_label, text) => {
    const row = toRejectionRow(kafkaMessage('schema_violation', Buffer.from(text)), pseudonymize);
    expect(row.payload_redacted).toBe('{"subjectId":"[redacted]"}');
  });

  it('keeps an object without subjectId as it was (re-serialized)', () => {
    const row = toRejectionRow(
      kafkaMessage('unknown_schema_version', Buffer.from('{ "schemaVersion" : 2 }')),
      pseudonymize,
    );
    expect(row.payload_redacted).toBe('{"schemaVersion":2}');
  });

  it('redacts future_timestamp and unknown_schema_version payloads too', () => {
    for (const code of ['future_timestamp', 'unknown_schema_version'] as const) {
      const row = toRejectionRow(
        kafkaMessage(code, Buffer.from('{"subjectId":"abc"}')),
        pseudonymize,
      );
      expect(row.payload_redacted).toBe('{"subjectId":"hmac:p3"}');
    }
  });

  it('keeps nothing for a schema violation whose payload is missing or not an object', () => {
    expect(
      toRejectionRow(kafkaMessage('schema_violation', null), pseudonymize).payload_redacted,
    ).toBe('');
    expect(
      toRejectionRow(kafkaMessage('schema_violation', Buffer.from('[1]')), pseudonymize)
        .payload_redacted,
    ).toBe('');
    expect(
      toRejectionRow(kafkaMessage('schema_violation', Buffer.from('{oops')), pseudonymize)
        .payload_redacted,
    ).toBe('');
  });

  it('keeps nothing when the redacted payload would exceed 64 KiB', () => {
    // {"n":"…"} is 8 characters around the padding.
    const fits = Buffer.from(JSON.stringify({ n: 'x'.repeat(64 * 1024 - 8) }));
    const over = Buffer.from(JSON.stringify({ n: 'x'.repeat(64 * 1024 - 7) }));
    expect(
      toRejectionRow(kafkaMessage('schema_violation', fits), pseudonymize).payload_redacted,
    ).toHaveLength(64 * 1024);
    expect(
      toRejectionRow(kafkaMessage('schema_violation', over), pseudonymize).payload_redacted,
    ).toBe('');
  });
});
