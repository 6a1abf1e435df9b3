import { Registry } from 'prom-client';
import { ConnectionOutcomes, type SealedBatch } from '@datashare/ingestion';
import type { TransactionRecord } from '@datashare/contract';
import { transactionRows } from '@datashare/storage';
import { IngestMetrics } from './ingest-metrics';

const record = (
  consumer: string,
  outcome: 'success' | 'failure',
  reportedBy: TransactionRecord['reported_by'] = 'platform',
): TransactionRecord => ({
  transaction_id: `t-${consumer}-${outcome}-${reportedBy}`,
  reported_by: reportedBy,
  occurred_at: '2026-11-20 03:00:00.000',
  platform: 'NDXP',
  consumer,
  provider: 'MPS.NPD',
  service: 'lookup',
  outcome,
  error_code: '',
  latency_ms: 10,
  request_bytes: null,
  response_bytes: null,
  subject_ref: '',
});

function batch({
  records = [],
  ...overrides
}: Partial<Omit<SealedBatch, 'rows' | 'outcomes'>> & {
  records?: TransactionRecord[];
}): SealedBatch {
  const outcomes = new ConnectionOutcomes();
  for (const r of records) outcomes.add(r);
  return {
    rows: transactionRows(records),
    outcomes,
    rejected: [],
    spans: [],
    newestOccurredAtMs: null,
    replayed: false,
    ...overrides,
  };
}

describe('IngestMetrics', () => {
  const NOW = Date.parse('2026-11-20T03:00:05Z');

  it('counts results, reasons, platform transactions per connection, and freshness', async () => {
    const registry = new Registry();
    const metrics = new IngestMetrics(registry, () => NOW);
    metrics.batchStored(
      batch({
        records: [
          record('GDT.TAX', 'success'),
          record('GDT.TAX', 'success'),
          record('GDT.TAX', 'failure'),
          record('GDT.TAX', 'success', 'consumer'),
        ],
        rejected: [
          {
            origin: { source: 'http', requestId: 'r', itemIndex: 0 },
            rejection: { code: 'not_json', detail: 'x' },
            payload: null,
            receivedAtMs: NOW,
          },
        ],
        newestOccurredAtMs: NOW - 2000,
      }),
      0.02,
      'kafka',
    );
    metrics.batchStored(
      batch({ records: [record('GDT.TAX', 'success')], replayed: true }),
      0.01,
      'kafka',
    );
    metrics.storeFailed('252');
    metrics.partitionLag('tx', 3, 42);

    const text = await registry.metrics();
    expect(text).toContain('datashare_ingest_events_total{result="accepted"} 4');
    expect(text).toContain('datashare_ingest_events_total{result="duplicate"} 1');
    expect(text).toContain('datashare_ingest_events_total{result="rejected"} 1');
    expect(text).toContain('datashare_ingest_rejections_total{reason="not_json"} 1');
    expect(text).toContain(
      'datashare_transactions_total{platform="NDXP",consumer="GDT.TAX",provider="MPS.NPD",outcome="success"} 2',
    );
    expect(text).toContain(
      'datashare_transactions_total{platform="NDXP",consumer="GDT.TAX",provider="MPS.NPD",outcome="failure"} 1',
    );
    expect(text).toContain('datashare_ingest_batch_rows_count 2');
    expect(text).toContain('datashare_clickhouse_insert_errors_total{code="252"} 1');
    expect(text).toContain('datashare_kafka_consumer_lag{topic="tx",partition="3"} 42');
    expect(text).toContain('datashare_ingest_freshness_seconds{pipeline="kafka"} 2');
    expect(text).toContain(
      `datashare_ingest_last_batch_timestamp_seconds{pipeline="kafka"} ${NOW / 1000}`,
    );

    // After a rebalance the partitions this process held are no longer its to report.
    metrics.assignmentChanged();
    expect(await registry.metrics()).not.toContain('datashare_kafka_consumer_lag{');
  });

  it('creates both outcomes of a connection with its first batch', async () => {
    const registry = new Registry();
    const metrics = new IngestMetrics(registry, () => NOW);
    metrics.batchStored(batch({ records: [record('GDT.TAX', 'success')] }), 0.01, 'direct');
    expect(await registry.metrics()).toContain(
      'datashare_transactions_total{platform="NDXP",consumer="GDT.TAX",provider="MPS.NPD",outcome="failure"} 0',
    );
  });

  it('exports no freshness before the first batch', async () => {
    const registry = new Registry();
    new IngestMetrics(registry, () => NOW);
    expect(await registry.metrics()).not.toMatch(/^datashare_ingest_freshness_seconds\{/m);
  });
});
