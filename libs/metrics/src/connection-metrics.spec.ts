import { Registry } from 'prom-client';
import { ConnectionMetrics } from './connection-metrics';

const figures = {
  windowMs: 360_000,
  transactions: 40,
  failures: 10,
  p95LatencyMs: 1500,
  lastSeenMs: 1_795_000_000_000,
  lastSuccessMs: 1_795_000_000_000,
  baseline: { sameWindowLastWeek: null, sameWindowTrailingDays: [] },
};
const connection = { platform: 'NDXP', consumer: 'GDT.TAX', provider: 'MPS.NPD' };
const labels = 'platform="NDXP",consumer="GDT.TAX",provider="MPS.NPD"';

describe('ConnectionMetrics', () => {
  it('exports the state one-hot and the window figures, and replaces them at each evaluation', async () => {
    const registry = new Registry();
    const metrics = new ConnectionMetrics(registry);
    metrics.update([{ connection, state: 'degraded', figures }]);
    let text = await registry.metrics();
    expect(text).toContain(`datashare_connection_status{${labels},status="degraded"} 1`);
    expect(text).toContain(`datashare_connection_status{${labels},status="healthy"} 0`);
    expect(text).toContain(`datashare_connection_success_ratio{${labels}} 0.75`);
    expect(text).toContain(`datashare_connection_latency_p95_seconds{${labels}} 1.5`);
    expect(text).toContain(
      `datashare_connection_last_success_timestamp_seconds{${labels}} 1795000000`,
    );

    // No traffic in the next window: no ratio, rather than a stale one.
    metrics.update([
      {
        connection,
        state: 'idle',
        figures: { ...figures, transactions: 0, failures: 0, p95LatencyMs: null },
      },
    ]);
    text = await registry.metrics();
    expect(text).toContain(`datashare_connection_status{${labels},status="idle"} 1`);
    expect(text).not.toContain('datashare_connection_success_ratio{');
    expect(text).not.toContain('datashare_connection_latency_p95_seconds{');
  });

  it('counts evaluations by result and stamps the last good one', async () => {
    const registry = new Registry();
    const metrics = new ConnectionMetrics(registry);
    metrics.evaluationEnded('ok', 1_795_000_000_000);
    metrics.evaluationEnded('failed', 1_795_000_030_000);
    const text = await registry.metrics();
    expect(text).toContain('datashare_health_evaluations_total{result="ok"} 1');
    expect(text).toContain('datashare_health_evaluations_total{result="failed"} 1');
    expect(text).toContain('datashare_health_last_evaluation_timestamp_seconds 1795000000');
  });
});
