import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { IngestObserver, SealedBatch } from '@datashare/ingestion';

/**
 * Ingestion metrics (docs/metrics.md). Labels are bounded: results and rejection reasons are
 * fixed sets, ClickHouse error codes a small set, partitions the topic's partitions, and
 * connections the (platform, consumer, provider) triples the platform carries (hundreds).
 */
export class IngestMetrics implements IngestObserver {
  private readonly events: Counter<'result'>;
  private readonly rejections: Counter<'reason'>;
  private readonly transactions: Counter<'platform' | 'consumer' | 'provider' | 'outcome'>;
  private readonly batchRows: Histogram;
  private readonly insertSeconds: Histogram;
  private readonly insertErrors: Counter<'code'>;
  private readonly lag: Gauge<'topic' | 'partition'>;
  /** Newest event time stored, per pipeline: series appear with the first batch. */
  private readonly newestStoredEventMs = new Map<string, number>();

  private readonly lastBatch: Gauge<'pipeline'>;

  constructor(
    registry: Registry,
    private readonly nowMs: () => number,
  ) {
    const registers = [registry];
    this.lastBatch = new Gauge({
      name: 'datashare_ingest_last_batch_timestamp_seconds',
      help: 'When this process last stored a batch (wall clock), per pipeline, Unix seconds: tells a quiet feed from a stuck pipeline.',
      labelNames: ['pipeline'],
      registers,
    });
    this.events = new Counter({
      name: 'datashare_ingest_events_total',
      help: 'Events ingested, by result: accepted (stored), duplicate (a redelivered batch, stored once), rejected (kept aside with a reason).',
      labelNames: ['result'],
      registers,
    });
    for (const result of ['accepted', 'duplicate', 'rejected']) this.events.labels(result).inc(0);
    this.rejections = new Counter({
      name: 'datashare_ingest_rejections_total',
      help: 'Events rejected, by reason (the rejection codes of docs/event-contract.md).',
      labelNames: ['reason'],
      registers,
    });
    this.transactions = new Counter({
      name: 'datashare_transactions_total',
      help: 'Transactions as the platform reported them, stored, by connection and outcome.',
      labelNames: ['platform', 'consumer', 'provider', 'outcome'],
      registers,
    });
    this.batchRows = new Histogram({
      name: 'datashare_ingest_batch_rows',
      help: 'Records per stored batch.',
      buckets: [1, 10, 100, 1000, 5000, 10_000, 25_000, 50_000, 100_000],
      registers,
    });
    this.insertSeconds = new Histogram({
      name: 'datashare_clickhouse_insert_duration_seconds',
      help: "Duration of a batch's transactions insert into ClickHouse, retries included.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.insertErrors = new Counter({
      name: 'datashare_clickhouse_insert_errors_total',
      help: 'Failed ClickHouse writes (retried), by ClickHouse error code or error name.',
      labelNames: ['code'],
      registers,
    });
    this.lag = new Gauge({
      name: 'datashare_kafka_consumer_lag',
      help: 'Messages between the committed offset and the end of the partition, at the last commit.',
      labelNames: ['topic', 'partition'],
      registers,
    });
    const newest = this.newestStoredEventMs;
    new Gauge({
      name: 'datashare_ingest_freshness_seconds',
      help: 'Now minus the newest event time stored by this process, per pipeline (kafka, direct); absent before the first batch.',
      labelNames: ['pipeline'],
      registers,
      collect() {
        for (const [pipeline, ms] of newest) this.labels(pipeline).set((nowMs() - ms) / 1000);
      },
    });
    new Gauge({
      name: 'datashare_ingest_last_stored_event_timestamp_seconds',
      help: 'Event time of the newest event stored by this process, per pipeline, Unix seconds.',
      labelNames: ['pipeline'],
      registers,
      collect() {
        for (const [pipeline, ms] of newest) this.labels(pipeline).set(ms / 1000);
      },
    });
  }

  batchStored(batch: SealedBatch, insertSeconds: number, pipeline: 'kafka' | 'direct'): void {
    const stored = batch.rows.count;
    this.lastBatch.labels(pipeline).set(this.nowMs() / 1000);
    this.events.labels(batch.replayed ? 'duplicate' : 'accepted').inc(stored);
    this.events.labels('rejected').inc(batch.rejected.length);
    for (const { rejection } of batch.rejected) this.rejections.labels(rejection.code).inc();
    if (stored > 0) {
      this.batchRows.observe(stored);
      this.insertSeconds.observe(insertSeconds);
    }
    if (!batch.replayed) this.countTransactions(batch);
    const newest = batch.newestOccurredAtMs;
    if (newest !== null && newest > (this.newestStoredEventMs.get(pipeline) ?? -Infinity)) {
      this.newestStoredEventMs.set(pipeline, newest);
    }
  }

  storeFailed(code: string): void {
    this.insertErrors.labels(code).inc();
  }

  partitionLag(topic: string, partition: number, lag: number): void {
    this.lag.labels(topic, String(partition)).set(lag);
  }

  assignmentChanged(): void {
    this.lag.reset();
  }

  /**
   * One increment per connection and outcome per batch, not per record. Both outcomes of a
   * connection exist from its first batch on, at 0 if need be: rate() then counts the first
   * failure too, instead of taking the series' appearance for its start.
   */
  private countTransactions(batch: SealedBatch): void {
    for (const { platform, consumer, provider, success, failure } of batch.outcomes) {
      this.transactions.labels(platform, consumer, provider, 'success').inc(success);
      this.transactions.labels(platform, consumer, provider, 'failure').inc(failure);
    }
  }
}
