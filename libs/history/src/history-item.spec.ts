import type { HistoryRecord } from './history-record';
import { positionOf } from './history-record';
import { exportFileName, exportHeader, exportLine, toHistoryItem } from './history-item';

const record: HistoryRecord = {
  transaction_id: 'T-1',
  reported_by: 'consumer',
  occurred_at: '2026-11-22 03:00:00.125',
  platform: 'NDXP',
  consumer: 'PROV-HNI.PORTAL',
  provider: 'MPS.NPD',
  service: 'citizen.lookup',
  outcome: 'failure',
  error_code: '',
  latency_ms: 120,
  request_bytes: null,
  response_bytes: 2048,
  subject_ref: '',
  ingested_at: '2026-11-22 03:00:01.000',
};

describe('history items and exports', () => {
  it('show every stored field, times in ISO UTC and absent values as null', () => {
    expect(toHistoryItem(record)).toEqual({
      transactionId: 'T-1',
      reportedBy: 'consumer',
      occurredAt: '2026-11-22T03:00:00.125Z',
      platform: 'NDXP',
      consumer: 'PROV-HNI.PORTAL',
      provider: 'MPS.NPD',
      service: 'citizen.lookup',
      outcome: 'failure',
      errorCode: null,
      latencyMs: 120,
      requestBytes: null,
      responseBytes: 2048,
      subjectRef: null,
      ingestedAt: '2026-11-22T03:00:01.000Z',
    });
  });

  it('write CSV with a header and NDJSON without one', () => {
    expect(exportHeader('csv')).toBe(
      'transactionId,reportedBy,occurredAt,platform,consumer,provider,service,outcome,errorCode,' +
        'latencyMs,requestBytes,responseBytes,subjectRef,ingestedAt\r\n',
    );
    expect(exportLine('csv', record)).toBe(
      'T-1,consumer,2026-11-22T03:00:00.125Z,NDXP,PROV-HNI.PORTAL,MPS.NPD,citizen.lookup,failure,,120,,2048,,2026-11-22T03:00:01.000Z\r\n',
    );
    expect(exportHeader('ndjson')).toBe('');
    const line = exportLine('ndjson', record);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual(toHistoryItem(record));
  });

  it('name a download by its range', () => {
    expect(exportFileName(Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1, 12, 30), 'csv')).toBe(
      'transactions_20260301T000000Z_20260401T123000Z.csv',
    );
  });

  it('place a record in the history order', () => {
    expect(positionOf(record)).toEqual({
      occurredAtMs: Date.UTC(2026, 10, 22, 3, 0, 0, 125),
      transactionId: 'T-1',
      reportedBy: 'consumer',
      platform: 'NDXP',
      consumer: 'PROV-HNI.PORTAL',
      provider: 'MPS.NPD',
    });
  });
});
