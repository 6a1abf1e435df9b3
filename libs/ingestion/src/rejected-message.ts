import { createHash } from 'node:crypto';
import type { Rejection } from '@datashare/contract';
import type { RejectionRow } from '@datashare/storage';
import { toClickHouseDateTime64 } from '@datashare/contract';

/** Where a rejected message came from. */
export type RejectionOrigin =
  | { source: 'kafka'; topic: string; partition: number; offset: string }
  | { source: 'http'; requestId: string; itemIndex: number };

export interface RejectedMessage {
  origin: RejectionOrigin;
  rejection: Rejection;
  /** The original bytes, for the dead-letter topic only: they are never stored in ClickHouse. */
  payload: Buffer | null;
  receivedAtMs: number;
}

const MAX_REDACTED_PAYLOAD = 64 * 1024;

/**
 * The stored form of a rejection. Only a JSON object is kept, with `subjectId` replaced by its
 * pseudonym; anything else keeps its size and digest only, since unparsed bytes may hold
 * personal data that cannot be found and masked.
 */
export function toRejectionRow(
  message: RejectedMessage,
  pseudonymize: (subjectId: string) => string,
): RejectionRow {
  const payload = message.payload ?? Buffer.alloc(0);
  const origin = message.origin;
  return {
    received_at: toClickHouseDateTime64(message.receivedAtMs),
    source: origin.source,
    topic: origin.source === 'kafka' ? origin.topic : '',
    kafka_partition: origin.source === 'kafka' ? origin.partition : -1,
    kafka_offset: origin.source === 'kafka' ? origin.offset : '-1',
    request_id: origin.source === 'http' ? origin.requestId : '',
    item_index: origin.source === 'http' ? origin.itemIndex : -1,
    reason_code: message.rejection.code,
    reason: message.rejection.detail,
    payload_bytes: payload.length,
    payload_sha256: createHash('sha256').update(payload).digest('hex'),
    payload_redacted: redactedPayload(message, pseudonymize),
  };
}

function redactedPayload(message: RejectedMessage, pseudonymize: (id: string) => string): string {
  switch (message.rejection.code) {
    case 'empty':
    case 'too_large':
    case 'invalid_utf8':
    case 'not_json':
    case 'not_an_object':
      return '';
    case 'unknown_schema_version':
    case 'schema_violation':
    case 'future_timestamp':
    case 'past_retention':
      return redactJsonObject(message.payload, pseudonymize);
  }
}

function redactJsonObject(payload: Buffer | null, pseudonymize: (id: string) => string): string {
  if (payload === null) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return '';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return '';
  const object = parsed as Record<string, unknown>;
  if ('subjectId' in object) {
    object.subjectId =
      typeof object.subjectId === 'string'
        ? `hmac:${pseudonymize(object.subjectId)}`
        : '[redacted]';
  }
  const text = JSON.stringify(object);
  return text.length > MAX_REDACTED_PAYLOAD ? '' : text;
}
