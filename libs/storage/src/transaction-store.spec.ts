import type { TransactionRecord } from '@datashare/contract';
import { TRANSACTION_ROW } from './transaction-store';

describe('TRANSACTION_ROW', () => {
  // Every field a different value, so a value written under another column's name shows.
  const record: TransactionRecord = {
    transaction_id: 'TX-1',
    reported_by: 'consumer',
    occurred_at: '2026-11-23 01:02:03.004',
    platform: 'NDXP',
    consumer: 'PROV-NTH.PORTAL',
    provider: 'MPS.NPD',
    service: 'citizen.lookup',
    outcome: 'failure',
    error_code: 'TIMEOUT',
    latency_ms: 250,
    request_bytes: 512,
    response_bytes: 2048,
    subject_ref: 'ab12',
  };

  it('names every field of a record once', () => {
    expect([...TRANSACTION_ROW.columns].sort()).toEqual(Object.keys(record).sort());
  });

  it("gives a record's values in the order of its columns", () => {
    expect(TRANSACTION_ROW.valuesOf(record)).toEqual(
      TRANSACTION_ROW.columns.map((column) => record[column]),
    );
  });
});
