export { createMetricsRegistry } from './registry';
export { IngestMetrics } from './ingest-metrics';
export { ConnectionMetrics } from './connection-metrics';
export type { EvaluatedConnection } from './connection-metrics';
