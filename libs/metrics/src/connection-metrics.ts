import { Counter, Gauge, type Registry } from 'prom-client';
import {
  CONNECTION_STATES,
  type ConnectionKey,
  type ConnectionState,
  type WindowFigures,
} from '@datashare/health';

export interface EvaluatedConnection {
  connection: ConnectionKey;
  state: ConnectionState;
  figures: WindowFigures;
}

type ConnectionLabel = 'platform' | 'consumer' | 'provider';

/**
 * Connection health as the evaluator last judged it. One series per connection (and per state
 * for the one-hot status): hundreds, bounded by the connections the platform carries.
 */
export class ConnectionMetrics {
  private readonly status: Gauge<ConnectionLabel | 'status'>;
  private readonly successRatio: Gauge<ConnectionLabel>;
  private readonly p95: Gauge<ConnectionLabel>;
  private readonly lastSuccess: Gauge<ConnectionLabel>;
  private readonly windowTransactions: Gauge<ConnectionLabel>;
  private readonly evaluations: Counter<'result'>;
  private readonly lastEvaluation: Gauge;

  constructor(registry: Registry) {
    const labelNames = ['platform', 'consumer', 'provider'] as const;
    const registers = [registry];
    this.status = new Gauge({
      name: 'datashare_connection_status',
      help: 'Health state of each connection, one-hot: 1 for the current state, 0 for the others.',
      labelNames: [...labelNames, 'status'],
      registers,
    });
    this.successRatio = new Gauge({
      name: 'datashare_connection_success_ratio',
      help: 'Successful / all transactions in the evaluation window (absent without traffic).',
      labelNames,
      registers,
    });
    this.p95 = new Gauge({
      name: 'datashare_connection_latency_p95_seconds',
      help: 'p95 latency in the evaluation window (absent without latencies).',
      labelNames,
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'datashare_connection_last_success_timestamp_seconds',
      help: 'Time of the last successful transaction seen in the look-back, Unix seconds.',
      labelNames,
      registers,
    });
    this.evaluations = new Counter({
      name: 'datashare_health_evaluations_total',
      help: 'Health evaluations by result (ok, failed): a failing evaluator leaves the connection series frozen.',
      labelNames: ['result'],
      registers,
    });
    for (const result of ['ok', 'failed']) this.evaluations.labels(result).inc(0);
    this.lastEvaluation = new Gauge({
      name: 'datashare_health_last_evaluation_timestamp_seconds',
      help: 'When the last successful health evaluation ended, Unix seconds.',
      registers,
    });
    this.windowTransactions = new Gauge({
      name: 'datashare_connection_window_transactions',
      help: 'Transactions in the evaluation window.',
      labelNames,
      registers,
    });
  }

  /** One evaluation ended, well or not. */
  evaluationEnded(result: 'ok' | 'failed', atMs: number): void {
    this.evaluations.labels(result).inc();
    if (result === 'ok') this.lastEvaluation.set(atMs / 1000);
  }

  /** Replaces every series with one evaluation's results (synchronously: no scrape between). */
  update(evaluated: readonly EvaluatedConnection[]): void {
    for (const gauge of [this.status, this.successRatio, this.p95, this.lastSuccess]) gauge.reset();
    this.windowTransactions.reset();
    for (const { connection, state, figures } of evaluated) {
      const labels = [connection.platform, connection.consumer, connection.provider] as const;
      for (const candidate of CONNECTION_STATES) {
        this.status.labels(...labels, candidate).set(candidate === state ? 1 : 0);
      }
      this.windowTransactions.labels(...labels).set(figures.transactions);
      if (figures.transactions > 0) {
        this.successRatio
          .labels(...labels)
          .set((figures.transactions - figures.failures) / figures.transactions);
      }
      if (figures.p95LatencyMs !== null)
        this.p95.labels(...labels).set(figures.p95LatencyMs / 1000);
      if (figures.lastSuccessMs !== null)
        this.lastSuccess.labels(...labels).set(figures.lastSuccessMs / 1000);
    }
  }
}
