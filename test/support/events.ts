import type { TransactionEventV1 } from '@datashare/contract';

/** A valid event; `n` makes its id unique, `overrides` bends it. */
export function sampleEvent(
  n: number,
  overrides: Partial<TransactionEventV1> = {},
): TransactionEventV1 {
  return {
    schemaVersion: 1,
    transactionId: `TX-${String(n).padStart(8, '0')}`,
    occurredAt: new Date(Date.UTC(2026, 10, 20, 8, 0, 0) + n * 37).toISOString(),
    platform: 'NDXP',
    consumer: `PROV-${String(n % 63).padStart(2, '0')}.PORTAL`,
    provider: 'MPS.NPD',
    service: 'citizen.lookup',
    outcome: n % 50 === 0 ? 'failure' : 'success',
    ...(n % 50 === 0 ? { errorCode: 'TIMEOUT' } : {}),
    latencyMs: 100 + (n % 400),
    requestBytes: 200,
    responseBytes: 1800,
    subjectId: citizenId(n),
    ...overrides,
  };
}

/** A fake 12-digit personal identifier, distinct per n. */
export function citizenId(n: number): string {
  return `0791${String(n).padStart(8, '0')}`;
}

export function encode(event: unknown): Buffer {
  return Buffer.from(JSON.stringify(event));
}
