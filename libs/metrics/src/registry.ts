import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * prom-client's default gauges that are named like counters (`_total`), which Prometheus'
 * naming rules (and `promtool check metrics`) reject; the same counts are available as
 * nodejs_active_handles / nodejs_active_requests / nodejs_active_resources.
 */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/**
 * A registry per app with the default process and Node.js metrics, under their standard names
 * (process_*, nodejs_*) so that stock dashboards work; the app's own metrics are datashare_*.
 */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  return registry;
}
