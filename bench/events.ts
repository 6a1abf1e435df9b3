/**
 * A valid transaction event of about 200 bytes of JSON: the required fields and a
 * subject id (so pseudonymization is part of the cost), short names, no optional latency or byte counts.
 */
export function benchEvent(n: number, occurredAtMs: number, prefix = 'B'): Buffer {
  const failed = n % 50 === 0;
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 1,
      transactionId: `${prefix}-${String(n).padStart(9, '0')}`,
      occurredAt: new Date(occurredAtMs).toISOString(),
      platform: 'NDXP',
      consumer: `C-${String(n % 63).padStart(2, '0')}`,
      provider: 'MPS',
      service: 'lookup',
      outcome: failed ? 'failure' : 'success',
      ...(failed ? { errorCode: 'TIMEOUT' } : {}),
      subjectId: `0791${String(n % 100_000_000).padStart(8, '0')}`,
    }),
  );
}
